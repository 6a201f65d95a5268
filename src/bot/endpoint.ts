import type { Activity, ActivityHandler } from "botbuilder";
import type { IncomingActivity } from "../http/activity-schema.js";
import type { AuthCheck, BotAnswer, BotPort } from "../http/bot-port.js";
import type { Logger } from "../log.js";
import type { AuthenticatedRequest, VarnaAdapter } from "./adapter.js";

/** Only Teams is served with authentication on (the edge refuses other channels), so keys must endorse it. */
const CHANNEL = "msteams";

/**
 * Why a token was not accepted, as a status: 503 when the identity metadata or
 * keys could not be fetched (the caller may try again), 401 for everything
 * else, including errors nobody foresaw (fail closed). botbuilder reports a
 * bad token as an AuthenticationError (401) or as jsonwebtoken's own error,
 * and an unreachable metadata service as a fetch error or an
 * AuthenticationError with status 500.
 */
function refusalStatus(err: unknown): 401 | 503 {
  const e = (err ?? {}) as { name?: unknown; statusCode?: unknown };
  if (e.name === "FetchError") return 503;
  if (typeof e.statusCode === "number" && e.statusCode >= 500) return 503;
  return 401;
}

/** The timestamps as botbuilder's own request reader leaves them (Dates, with the raw strings kept). */
function withDates(activity: IncomingActivity): Activity {
  const fixed = { ...activity } as Record<string, unknown>;
  for (const [field, raw] of [
    ["timestamp", "rawTimestamp"],
    ["localTimestamp", "rawLocalTimestamp"],
    ["expiration", "rawExpiration"],
  ] as const) {
    const value = fixed[field];
    if (typeof value === "string") {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed as unknown as Activity;
}

/**
 * The HTTP edge's port to the bot, over the Bot Framework SDK. The token is
 * checked twice: before the body is read (without the activity, so without
 * its serviceUrl), and again with the activity, where botbuilder also checks
 * that the token was issued for that serviceUrl. Reasons go to the log only.
 */
export function botEndpoint(
  adapter: VarnaAdapter,
  bot: ActivityHandler,
  authenticated: boolean,
  log: Logger,
): BotPort {
  const refused = (err: unknown, stage: string): { ok: false; status: 401 | 503 } => {
    const status = refusalStatus(err);
    log.warn(
      { event: status === 503 ? "auth.metadataUnavailable" : "auth.refused", stage, err },
      status === 503 ? "identity metadata could not be fetched" : "token refused",
    );
    return { ok: false, status };
  };

  return {
    authenticated,
    async authenticate(authorization: string): Promise<AuthCheck> {
      try {
        await adapter.authentication.authenticateStreamingRequest(authorization, CHANNEL);
        return { ok: true };
      } catch (err) {
        return refused(err, "header");
      }
    },
    async handle(incoming: IncomingActivity, authorization: string): Promise<BotAnswer> {
      const activity = withDates(incoming);
      let identity: AuthenticatedRequest;
      try {
        identity = await adapter.authentication.authenticateRequest(activity, authorization);
      } catch (err) {
        const { status } = refused(err, "activity");
        return { status, body: { error: status === 503 ? "service unavailable" : "authorization required" } };
      }
      const response = await adapter.run(identity, activity, (context) => bot.run(context));
      return { status: response?.status ?? 200, body: response?.body };
    },
  };
}
