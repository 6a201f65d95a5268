import type { CapturedActivity } from "./connector.js";

export type Card = Record<string, unknown>;
type Node = Record<string, unknown>;

export interface CardAction {
  type: string;
  title?: string;
  verb?: string;
  data?: Record<string, unknown>;
  associatedInputs?: "auto" | "none";
}

/** Every element, input and action in a card, in document order, including inside containers and show-cards. */
export function walk(card: Card): Node[] {
  const out: Node[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (!value || typeof value !== "object") return;
    const node = value as Node;
    if (typeof node.type === "string") out.push(node);
    for (const key of ["body", "items", "columns", "actions", "card", "inlineAction", "selectAction"])
      visit(node[key]);
  };
  visit(card.body);
  visit(card.actions);
  return out;
}

export function cardsOf(activity: CapturedActivity): Card[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
    .map((a) => a.content as Card);
}

/** All visible text in a card (TextBlocks, facts, rich text, action titles), for assertions on what a person reads. */
export function textOf(card: Card): string {
  const parts: string[] = [];
  for (const node of walk(card)) {
    if (typeof node.text === "string") parts.push(node.text);
    if (typeof node.title === "string") parts.push(node.title);
    if (Array.isArray(node.facts))
      for (const f of node.facts as { title: string; value: string }[]) parts.push(`${f.title} ${f.value}`);
    if (Array.isArray(node.inlines))
      for (const i of node.inlines as { text?: string }[]) if (i.text) parts.push(i.text);
    if (typeof node.label === "string") parts.push(node.label);
  }
  return parts.join("\n");
}

export function findAction(card: Card, titleOrVerb: string | RegExp): CardAction {
  const actions = walk(card).filter(
    (n) => typeof n.type === "string" && (n.type as string).startsWith("Action."),
  ) as unknown as CardAction[];
  const found = actions.find((a) =>
    typeof titleOrVerb === "string"
      ? a.title === titleOrVerb || a.verb === titleOrVerb
      : titleOrVerb.test(a.title ?? ""),
  );
  if (!found)
    throw new Error(
      `no action "${titleOrVerb}" in card; actions: ${actions.map((a) => a.title ?? a.verb).join(", ")}`,
    );
  return found;
}

export function findInput(card: Card, id: string): Node {
  const input = walk(card).find((n) => (n.type as string).startsWith("Input.") && n.id === id);
  if (!input) throw new Error(`no input "${id}" in card`);
  return input;
}

export function hasAction(card: Card, titleOrVerb: string): boolean {
  try {
    findAction(card, titleOrVerb);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a Teams client sends when a person fills in `inputs` and presses the
 * action: the action's own data merged with the input values. Inputs must
 * exist in the card, and choice values must be among the card's choices, so a
 * test cannot press what a person could not.
 */
export function pressPayload(
  card: Card,
  titleOrVerb: string,
  inputs: Record<string, string> = {},
): { verb?: string; data: Record<string, unknown> } {
  const action = findAction(card, titleOrVerb);
  for (const [id, value] of Object.entries(inputs)) {
    const input = findInput(card, id);
    if (input.type === "Input.ChoiceSet") {
      const allowed = new Set(((input.choices as { value: string }[]) ?? []).map((c) => c.value));
      const chosen = input.isMultiSelect ? value.split(",").filter(Boolean) : [value];
      for (const v of chosen) if (!allowed.has(v)) throw new Error(`"${v}" is not a choice of input "${id}"`);
    }
  }
  const defaults: Record<string, string> = {};
  // An action with associatedInputs "none" sends its own data only (Adaptive Cards 1.5).
  for (const node of action.associatedInputs === "none" ? [] : walk(card)) {
    if (
      (node.type as string).startsWith("Input.") &&
      typeof node.id === "string" &&
      node.value !== undefined
    ) {
      defaults[node.id] = String(node.value);
    }
  }
  return { verb: action.verb, data: { ...defaults, ...(action.data ?? {}), ...inputs } };
}

/** Fails unless every part occurs in `text`, each after the one before (e.g. the sections of a notification). */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) throw new Error(`"${part}" not found after position ${from}`);
    from = at + part.length;
  }
}
