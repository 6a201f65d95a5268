import type { z } from "zod";
import type { CardJson } from "../cards/render.js";
import type { TurnInfo } from "./turn-info.js";

export type Role = "staff" | "dso" | "admin";

/** A typed text command (e.g. "rapportera"); the first feature whose command matches takes the message. */
export interface Command {
  id: string;
  matches(normalizedText: string): boolean;
  run(turn: TurnInfo, text: string): Promise<CardJson[]>;
}

/** What a card action returns: the card that replaces the pressed one, and any further messages to send. */
export interface VerbResult {
  card: CardJson;
  also?: CardJson[];
}

/**
 * One handler per card verb. The router parses `data` with `schema` and checks
 * `roles` on the server before `run` is called; forged payloads never reach it.
 */
export interface Verb<S extends z.ZodType = z.ZodType> {
  schema: S;
  roles?: Role[];
  run(input: z.infer<S>, turn: TurnInfo): Promise<VerbResult>;
}

export function verb<S extends z.ZodType>(definition: Verb<S>): Verb<S> {
  return definition;
}

/** A plain GET route on the bot's HTTP server (e.g. a file download); no restify types leak into features. */
export interface HttpRoute {
  /** restify path syntax, e.g. /api/files/:id */
  path: string;
  run(
    params: Record<string, string>,
    query: URLSearchParams,
  ): Promise<{ status: number; contentType: string; body: string; filename?: string }>;
}

/** Work a feature does while the app runs (timers, watchers); stopped before the store closes. */
export interface Background {
  start(): void;
  /** One pass now, as the timer would do it (tests, and shutdown-free checks). */
  runOnce(): Promise<void>;
  /** Resolves when the work the feature started (after a turn, or on its timer) has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface Feature {
  commands?: Command[];
  verbs?: Record<string, Verb>;
  routes?: HttpRoute[];
  background?: Background;
}
