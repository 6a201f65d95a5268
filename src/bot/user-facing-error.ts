import type { FindingKind } from "../privacy/guard.js";

/** `{ key }` is looked up, `{ findings }` explained (src/privacy/explain.ts), in the person's language. */
export type MessageParam = string | number | { key: string } | { findings: readonly FindingKind[] };

/**
 * An error meant for the person: `messageKey` is a key under cards/strings.
 * Thrown anywhere in a turn, it becomes a friendly message in the user's
 * language and nothing is changed.
 */
export class UserFacingError extends Error {
  constructor(
    readonly messageKey: string,
    readonly params: Record<string, MessageParam> = {},
  ) {
    super(messageKey);
    this.name = "UserFacingError";
  }
}
