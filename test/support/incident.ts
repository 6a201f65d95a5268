import { type Card, hasAction } from "./cards.js";
import type { TeamsClient, TurnResult } from "./teams-client.js";

/** Answers for each step of the incident report, as a person types and ticks them in the cards. */
export interface ReportAnswers {
  what: Record<string, string>;
  when: Record<string, string>;
  late?: Record<string, string>;
  data: Record<string, string>;
  who: Record<string, string>;
  done: Record<string, string>;
}

/** A wrong-recipient e-mail with ordinary data, discovered on 21 November 2026 (Stockholm time). */
export function ordinaryEmail(overrides: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    what: { category: "wrong_recipient_email", type: "incident", protectionLevel: "none" },
    when: {
      occurredDate: "2026-11-21",
      occurredTime: "08:30",
      discoveredDate: "2026-11-21",
      discoveredTime: "09:15",
      discoveredBy: "internal",
    },
    data: {
      dataCategories: "identity,contact_details",
      subjectGroups: "residents_clients",
      approxSubjects: "1",
      approxRecords: "1",
      breachTypes: "confidentiality",
      encrypted: "no",
      seenByUnauthorised: "unknown",
    },
    who: {
      unitId: "socialforvaltningen",
      managerName: "Eva Chef",
      cause: "human_error",
      processorInvolved: "no",
    },
    done: {
      measuresTaken: "recalled_email,asked_recipient_to_delete",
      description: "Ett beslut skickades med e-post till en mottagare med liknande namn.",
    },
    ...overrides,
  };
}

/** A protected address (skyddad folkbokföring) revealed in a letter: the case the whole product exists for. */
export function protectedAddressRevealed(): ReportAnswers {
  return ordinaryEmail({
    what: {
      category: "protected_identity_revealed",
      type: "incident",
      protectionLevel: "skyddad_folkbokforing",
    },
    done: {
      measuresTaken: "stopped_spread,told_dso",
      description: "Den nya adressen stod i ett brev till den andra föräldern.",
    },
  });
}

/** The card a turn replaced the pressed card with (the invoke response), or the first card it sent. */
export function shown(result: TurnResult): Card {
  const card = result.cards.at(-1);
  if (!card) throw new Error(`no card shown (message: ${result.message ?? "none"})`);
  return card;
}

/** Answers one step: fills the card's inputs and presses Next; fails if the bot refused. */
export async function answer(
  chat: TeamsClient,
  card: Card,
  inputs: Record<string, string>,
): Promise<TurnResult> {
  const result = await chat.press(card, "incident.answer", inputs);
  if (result.message) throw new Error(`the step was refused: ${result.message}`);
  return result;
}

/**
 * Walks the whole report from the first card to the summary. Returns every
 * turn, so tests can look at the advice and the summary.
 */
export async function walkToSummary(
  chat: TeamsClient,
  first: Card,
  answers: ReportAnswers,
): Promise<{ turns: TurnResult[]; summary: Card }> {
  const turns: TurnResult[] = [];
  let card = first;
  // From the quick card, "Fyll i allt nu" leads through every step.
  if (hasAction(card, "incident.full")) card = shown(await chat.press(card, "incident.full"));
  for (const step of ["what", "when", "late", "data", "who", "done"] as const) {
    const inputs = answers[step];
    if (!inputs) continue;
    const result = await answer(chat, card, inputs);
    turns.push(result);
    card = shown(result);
  }
  return { turns, summary: card };
}
