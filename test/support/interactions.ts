import { type Card, findInput, walk } from "./cards.js";
import type { TeamsClient, TurnResult } from "./teams-client.js";

/** What a person had to do, counted as the issue counts it: messages sent, buttons pressed, fields set. */
export interface Interactions {
  messages: number;
  presses: number;
  fields: number;
}

/** The value an input shows before the person touches it. */
function shownValue(card: Card, id: string): string {
  const input = findInput(card, id);
  return input.value === undefined ? "" : String(input.value);
}

/**
 * A person in a chat, counting every interaction: each `say` is one message,
 * each button one press, and each input whose value the person had to change
 * from what the card showed is one field. A field already filled in by the bot
 * costs nothing; a field the person has to type or choose costs one.
 */
export class CountingChat {
  readonly count: Interactions = { messages: 0, presses: 0, fields: 0 };

  constructor(readonly chat: TeamsClient) {}

  get total(): number {
    return this.count.messages + this.count.presses + this.count.fields;
  }

  say(text: string): Promise<TurnResult> {
    this.count.messages++;
    return this.chat.say(text);
  }

  press(card: Card, titleOrVerb: string, inputs: Record<string, string> = {}): Promise<TurnResult> {
    this.count.presses++;
    for (const [id, value] of Object.entries(inputs)) if (shownValue(card, id) !== value) this.count.fields++;
    return this.chat.press(card, titleOrVerb, inputs);
  }

  /** The ids of the inputs a card marks as required and leaves empty: what a person must still fill in. */
  static requiredEmpty(card: Card): string[] {
    return walk(card)
      .filter((n) => String(n.type).startsWith("Input.") && n.isRequired === true)
      .filter((n) => n.value === undefined || String(n.value) === "")
      .map((n) => String(n.id));
  }
}
