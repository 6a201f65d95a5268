import type { IncomingActivity } from "./activity-schema.js";

/** Whether a request may be read: yes, or the status to refuse it with. */
export type AuthCheck = { ok: true } | { ok: false; status: 401 | 503 };

/** What to answer an activity with: a status and, for an invoke, its body. */
export interface BotAnswer {
  status: number;
  body?: unknown;
}

/**
 * What the HTTP edge needs from the bot, with no Bot Framework type in sight:
 * the SDK lives behind this port in src/bot/endpoint.ts, so a move to another
 * SDK leaves the edge as it is.
 */
export interface BotPort {
  /** Local mode: no app id, no token checks (config keeps that off production). */
  readonly authenticated: boolean;
  /** Checks the bearer token before the body is read (signature, issuer, audience, lifetime). */
  authenticate(authorization: string): Promise<AuthCheck>;
  /** Runs the turn for a parsed activity (the token is checked again, now with the activity's serviceUrl). */
  handle(activity: IncomingActivity, authorization: string): Promise<BotAnswer>;
}
