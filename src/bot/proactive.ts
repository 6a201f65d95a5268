import {
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  TeamsInfo,
  TurnContext,
} from "botbuilder";
import type { Logger } from "../log.js";
import type { Clock } from "../time/clock.js";
import { connectorStatus, retryAfterMs } from "./connector-errors.js";

/** What became of a proactive send: `unreachable` is final (403/404: blocked, removed, app not installed). */
export type Delivery =
  | { ok: true; activityId: string; conversationId: string }
  | { ok: false; reason: "unreachable" | "failed"; status?: number };

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Teams' answers worth trying again (docs: rate limits, "precondition failed" races, gateway trouble). */
const RETRIED = new Set([412, 429, 502, 503, 504]);
const UNREACHABLE = new Set([403, 404]);

/** The part of botframework-connector's client used here (the adapter keeps one per turn). */
interface ConversationsClient {
  conversations: { sendToConversation(id: string, activity: Partial<Activity>): Promise<{ id?: string }> };
}

/** Exponential backoff with full jitter, unless the server said how long to wait. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Sends, updates and looks up outside a turn (cases to the DSO channel,
 * messages to reporters and managers, the digest). Every call is retried on
 * 412/429/502/503/504 honouring Retry-After; 403/404 means the person or
 * channel cannot be reached and is not retried.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: Logger,
    private readonly policy: RetryPolicy,
    private readonly clock: Clock,
  ) {}

  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<Delivery> {
    return this.deliver("send", reference, async (context) => {
      // Straight to the conversation: through TurnContext it would become a reply to the continuation event.
      const outgoing = TurnContext.applyConversationReference(
        { ...activity, type: activity.type ?? "message" },
        reference,
      );
      delete outgoing.replyToId;
      const conversationId = outgoing.conversation?.id ?? "";
      const client = context.turnState.get<ConversationsClient>(this.adapter.ConnectorClientKey);
      const sent = await client.conversations.sendToConversation(conversationId, outgoing);
      return { activityId: sent.id ?? "", conversationId };
    });
  }

  update(
    reference: Partial<ConversationReference>,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<Delivery> {
    return this.deliver("update", reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
      return { activityId, conversationId: context.activity.conversation.id };
    });
  }

  /** Opens a personal chat with someone the bot has not talked to (the app must be installed for them). */
  async sendToNewChat(
    via: Partial<ConversationReference>,
    tenantId: string,
    aadObjectId: string,
    activity: Partial<Activity>,
  ): Promise<Delivery> {
    let created: Partial<ConversationReference> | undefined;
    const opened = await this.withRetries("createConversation", async () => {
      const parameters = {
        isGroup: false,
        bot: via.bot,
        members: [{ id: aadObjectId, name: "" }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as ConversationParameters;
      await this.adapter.createConversationAsync(
        this.appId,
        via.channelId ?? "msteams",
        via.serviceUrl ?? "",
        // No audience: the connector factory then uses the configured cloud's Bot Framework scope.
        undefined as unknown as string,
        parameters,
        async (context) => {
          created = context.activity ? { ...via, conversation: context.activity.conversation } : undefined;
        },
      );
      return { activityId: "", conversationId: created?.conversation?.id ?? "" };
    });
    if (!opened.ok || !created) return opened.ok ? { ok: false, reason: "failed" } : opened;
    return this.send(created, activity);
  }

  /** A team's members (Entra object id and display name), read through the connector (paged). */
  async teamMembers(
    reference: Partial<ConversationReference>,
    teamId: string,
  ): Promise<{ aadObjectId: string; name: string; teamsId: string }[]> {
    const members: { aadObjectId: string; name: string; teamsId: string }[] = [];
    const result = await this.deliver("members", reference, async (context) => {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 500, token);
        for (const m of page.members)
          if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, name: m.name ?? "", teamsId: m.id });
        token = page.continuationToken || undefined;
      } while (token);
      return { activityId: "", conversationId: teamId };
    });
    if (!result.ok) throw new Error(`team roster unavailable (${result.reason} ${result.status ?? ""})`);
    return members;
  }

  private deliver(
    what: string,
    reference: Partial<ConversationReference>,
    work: (context: TurnContext) => Promise<{ activityId: string; conversationId: string }>,
  ): Promise<Delivery> {
    return this.withRetries(what, async () => {
      let outcome: { activityId: string; conversationId: string } | undefined;
      let failure: unknown;
      // Errors are kept inside the callback: escaping it, they would reach the adapter's onTurnError.
      // Without the stored activity id: a proactive message starts its own post instead of replying to an old one.
      const target = { ...reference, activityId: undefined };
      await this.adapter.continueConversationAsync(this.appId, target, async (context) => {
        try {
          outcome = await work(context);
        } catch (err) {
          failure = err;
        }
      });
      if (failure !== undefined) throw failure;
      if (!outcome) throw new Error(`${what}: no outcome`);
      return outcome;
    });
  }

  private async withRetries(
    what: string,
    attempt: () => Promise<{ activityId: string; conversationId: string }>,
  ): Promise<Delivery> {
    for (let n = 0; ; n++) {
      try {
        return { ok: true, ...(await attempt()) };
      } catch (err) {
        const status = connectorStatus(err);
        if (status !== undefined && UNREACHABLE.has(status)) {
          this.log.warn({ event: "proactive.unreachable", what, status }, "conversation unreachable");
          return { ok: false, reason: "unreachable", status };
        }
        const retriable = status === undefined || RETRIED.has(status);
        if (!retriable || n + 1 >= this.policy.attempts) {
          this.log.error(
            { event: "proactive.failed", what, status, attempts: n + 1, err },
            "proactive call failed",
          );
          return { ok: false, reason: "failed", status };
        }
        const delay = retryDelay(this.policy, n, retryAfterMs(err, this.clock.now()));
        this.log.info({ event: "proactive.retry", what, status, attempt: n + 1, delay }, "retrying");
        await this.clock.sleep(delay);
      }
    }
  }
}
