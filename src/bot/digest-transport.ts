import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  TurnContext,
} from "botbuilder";
import type { CardJson } from "../cards/render.js";
import type { DigestTransport, Recipient, SendOutcome } from "../digest/ports.js";
import type { Logger } from "../log.js";
import { type ConversationReferences, conversationKey } from "../store/conversation-references.js";
import type { Clock } from "../time/clock.js";
import { connectorStatus, retryAfterMs } from "./connector-errors.js";

/** Connector answers worth another try later (DESIGN.md: Teams rate limits). */
const RETRIED = new Set([412, 429, 500, 502, 503, 504]);

export function outcomeOfError(err: unknown, now: Date): SendOutcome | undefined {
  const status = connectorStatus(err);
  if (typeof status !== "number") return undefined;
  if (status === 403 || status === 404) return { kind: "unreachable", status, reason: "gone" };
  if (RETRIED.has(status)) {
    const afterMs = retryAfterMs(err, now);
    return { kind: "retry", status, ...(afterMs === undefined ? {} : { afterMs }) };
  }
  return undefined;
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } };
}

/**
 * The connector client's HTTP pipeline retries 429 and 5xx by itself (up to
 * three times), beneath the outbox's token bucket. The outbox must see every
 * attempt to keep Teams' rate limits, so the proactive turn's own client (a
 * fresh one per turn) loses its retry phase. Should the SDK's internals
 * change, the SDK's retries simply stay on.
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as PipelineHolder | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: "Retry" });
}

/**
 * Runs a proactive turn that sends one activity. The adapter hands an error
 * inside a turn to onTurnError, which would message the person about a failure
 * they know nothing of, so the send's error is kept and thrown after the turn.
 */
async function sendProactively(
  turn: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  activity: Partial<Activity>,
  before: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await turn(async (context) => {
    try {
      withoutSdkRetries(context);
      await before(context);
      await context.sendActivity(activity);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

/**
 * Sends a digest to a person's personal chat with the bot through the
 * CloudAdapter, one attempt. Without a stored conversation it starts one
 * (createConversation; Teams allows it when the app is installed for the
 * person) using the organisation's connector; without any, the person is
 * unreachable until they open Värna once.
 */
export class BotDigestTransport implements DigestTransport {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly conversations: ConversationReferences,
    private readonly botAppId: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async send(target: Recipient, card: CardJson, pace: () => Promise<void>): Promise<SendOutcome> {
    const activity: Partial<Activity> = { attachments: [CardFactory.adaptiveCard(card)] };
    try {
      const stored = await this.conversations.forUser(target.orgId, target.aadObjectId);
      if (stored) {
        await sendProactively(
          (logic) =>
            this.adapter.continueConversationAsync(
              this.botAppId,
              stored.reference as ConversationReference,
              logic,
            ),
          activity,
          pace,
        );
        return { kind: "sent" };
      }
      return await this.startChat(target, activity, pace);
    } catch (err) {
      const outcome = outcomeOfError(err, this.clock.now());
      if (outcome) return outcome;
      this.log.warn({ event: "digest.sendError", err }, "digest send failed");
      return { kind: "retry", status: 0 };
    }
  }

  private async startChat(
    target: Recipient,
    activity: Partial<Activity>,
    pace: () => Promise<void>,
  ): Promise<SendOutcome> {
    const anchor = await this.conversations.anyOf(target.orgId);
    const serviceUrl = anchor?.reference.serviceUrl;
    if (!anchor || !serviceUrl || !anchor.reference.bot) {
      return { kind: "unreachable", status: 0, reason: "never_talked" };
    }
    const parameters = {
      isGroup: false,
      bot: anchor.reference.bot,
      members: [{ id: target.aadObjectId, name: "" }],
      tenantId: target.orgId,
      channelData: { tenant: { id: target.orgId } },
    } as unknown as ConversationParameters;
    // One slot covers opening the chat and the message in it.
    await pace();
    await sendProactively(
      (logic) =>
        this.adapter.createConversationAsync(
          this.botAppId,
          anchor.reference.channelId ?? "msteams",
          serviceUrl,
          // undefined: the adapter's own audience (an empty string would be taken as the OAuth scope).
          undefined as unknown as string,
          parameters,
          logic,
        ),
      activity,
      async (context) => {
        const reference = TurnContext.getConversationReference(context.activity);
        reference.user = { id: target.aadObjectId, name: "", aadObjectId: target.aadObjectId } as never;
        await this.conversations.remember(
          {
            id: conversationKey("personal", {
              aadObjectId: target.aadObjectId,
              conversationId: context.activity.conversation.id,
            }),
            orgId: target.orgId,
            kind: "personal",
            aadObjectId: target.aadObjectId,
            // Their language is learnt when they first write; Swedish until then.
            locale: "sv",
            reference,
          },
          this.clock.now(),
        );
      },
    );
    return { kind: "sent" };
  }
}
