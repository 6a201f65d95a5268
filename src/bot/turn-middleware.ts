import {
  ActivityEventNames,
  ActivityTypes,
  INVOKE_RESPONSE_KEY,
  type Middleware,
  TurnContext,
} from "botbuilder";
import { t } from "../cards/strings.js";
import type { Logger } from "../log.js";
import { type ConversationReferences, conversationKey } from "../store/conversation-references.js";
import { type TurnClaim, TurnClaims } from "../store/turn-claims.js";
import type { Clock } from "../time/clock.js";
import { type TurnInfo, turnInfoFrom } from "./turn-info.js";
import { FIRST_SEEN } from "./varna-bot.js";

/** Activities whose redelivery would repeat visible work. */
const DEDUPED = new Set<string>([
  ActivityTypes.Message,
  ActivityTypes.Invoke,
  ActivityTypes.ConversationUpdate,
  ActivityTypes.InstallationUpdate,
]);

const PROACTIVE = new Set<string>([
  ActivityEventNames.ContinueConversation,
  ActivityEventNames.CreateConversation,
]);

export interface TurnMiddlewareDeps {
  claims: TurnClaims;
  conversations: ConversationReferences;
  defaultOrgId: string;
  clock: Clock;
  log: Logger;
}

/**
 * Runs around every turn: logs ids and timing, makes redeliveries harmless,
 * and remembers where each person and channel can be reached later.
 */
export function turnMiddleware(deps: TurnMiddlewareDeps): Middleware {
  // Skips rewriting an unchanged conversation reference on every turn; bounded so a large tenant cannot grow it forever.
  const rememberedRecently = new Map<string, number>();
  const REMEMBER_EVERY_MS = 60 * 60 * 1000;
  const REMEMBER_CACHE_MAX = 50_000;

  async function remember(context: TurnContext, turn: TurnInfo): Promise<void> {
    const key = conversationKey(turn.conversation.kind, {
      aadObjectId: turn.user.aadObjectId,
      conversationId: turn.conversation.id,
    });
    const cacheKey = `${turn.orgId}/${key}/${turn.locale}`;
    const last = rememberedRecently.get(cacheKey);
    if (last !== undefined && turn.now.getTime() - last < REMEMBER_EVERY_MS) return;
    const reference = TurnContext.getConversationReference(context.activity);
    // The display name is not needed to reach someone, so it is not stored.
    if (reference.user)
      reference.user = { id: reference.user.id, name: "", aadObjectId: reference.user.aadObjectId };
    const firstSeen = await deps.conversations.remember(
      {
        id: key,
        orgId: turn.orgId,
        kind: turn.conversation.kind,
        aadObjectId: turn.conversation.kind === "personal" ? turn.user.aadObjectId : undefined,
        teamId: turn.conversation.teamId,
        channelId: turn.conversation.channelId,
        locale: turn.locale,
        reference,
      },
      turn.now,
    );
    if (rememberedRecently.size >= REMEMBER_CACHE_MAX) rememberedRecently.clear();
    rememberedRecently.set(cacheKey, turn.now.getTime());
    context.turnState.set(FIRST_SEEN, firstSeen);
  }

  return {
    async onTurn(context, next) {
      const started = deps.clock.monotonic();
      const activity = context.activity;
      // The bot's own proactive turns (digests, reminders) carry no one's input: nothing to dedupe or remember.
      if (activity.type === ActivityTypes.Event && PROACTIVE.has(activity.name ?? "")) return next();
      const turn = turnInfoFrom(activity, deps.defaultOrgId, deps.clock.now());
      const logFields = {
        activityId: activity.id,
        type: activity.type,
        conversationKind: turn.conversation.kind,
      };
      const claimId =
        activity.id && DEDUPED.has(activity.type)
          ? TurnClaims.idFor(activity.channelId, activity.conversation.id, activity.id)
          : undefined;

      if (claimId) {
        const claim = await deps.claims.claim(claimId);
        if (claim.kind === "duplicate") {
          deps.log.info({ ...logFields, event: "turn.duplicate" }, "redelivered activity ignored");
          if (activity.type === ActivityTypes.Invoke) {
            await context.sendActivity({
              type: ActivityTypes.InvokeResponse,
              value: claim.claim.response?.body
                ? claim.claim.response
                : {
                    status: 200,
                    body: {
                      statusCode: 200,
                      type: "application/vnd.microsoft.activity.message",
                      value: t(
                        turn.locale,
                        claim.claim.state === "done" ? "errors.alreadyDone" : "errors.stillWorking",
                      ),
                    },
                  },
            });
          }
          return;
        }
      }
      try {
        await remember(context, turn);
        await next();
        if (claimId) {
          const invoke = context.turnState.get(INVOKE_RESPONSE_KEY) as
            | { value?: { status: number; body?: unknown } }
            | undefined;
          await deps.claims.complete(claimId, replayable(invoke?.value));
        }
        deps.log.info(
          { ...logFields, event: "turn.done", ms: Math.round(deps.clock.monotonic() - started) },
          "turn",
        );
      } catch (err) {
        if (claimId) await deps.claims.release(claimId).catch(() => undefined);
        throw err;
      }
    },
  };
}

/**
 * What a redelivered invoke gets back. A short message is kept as it was; a
 * card (which may hold case text or a download link) is not stored in the
 * claim, so the redelivery gets "already done" instead.
 */
function replayable(response: { status: number; body?: unknown } | undefined): TurnClaim["response"] {
  if (!response) return undefined;
  const body = response.body as { type?: string } | undefined;
  return body?.type === "application/vnd.microsoft.activity.message" ? response : { status: response.status };
}
