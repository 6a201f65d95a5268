/**
 * An error meant for the person: `messageKey` is a key under cards/strings.
 * Thrown anywhere in a turn, it becomes a friendly message in the user's
 * language and nothing is changed.
 */
export type MessageParam = string | number | { key: string };

export class UserFacingError extends Error {
  constructor(
    readonly messageKey: string,
    /** `{ key }` values are themselves looked up in the person's language. */
    readonly params: Record<string, MessageParam> = {},
  ) {
    super(messageKey);
    this.name = "UserFacingError";
  }
}
