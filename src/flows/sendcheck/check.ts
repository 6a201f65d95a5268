import type { Locale } from "../../cards/locale.js";
import type { Answers, Circumstance, Verdict } from "./answers.js";
import type { LexiconIndex } from "./mentions.js";
import type { Decision, RuleTable } from "./rules.js";
import { type Facts, understand } from "./understand.js";

/**
 * The send check's pure API, for the bot, the Teams message extension that
 * checks a pasted message, and training questions built from the table:
 *
 *   understand(text, lexicon)  → facts, missing, conflicts, evidence (understand.ts)
 *   decide(table, facts, locale) → verdict, reason, reference, alternative
 */

export interface Answer {
  verdict: Verdict;
  /** "Yes, if …" conditions, in the reader's language. */
  conditions: string[];
  reason: string;
  reference: { id: string; title: string; link?: string };
  alternative?: string;
  decision: Decision;
}

export type CompleteFacts = Answers & { circumstances?: readonly Circumstance[] };

export function isComplete(facts: Facts): facts is Facts & Answers {
  return facts.information !== undefined && facts.recipient !== undefined && facts.channel !== undefined;
}

export function decide(table: RuleTable, facts: CompleteFacts, locale: Locale): Answer {
  const { information, recipient, channel } = facts;
  const decision = table.decide({ information, recipient, channel }, facts.circumstances ?? []);
  const text = (id: string) => table.texts[id]![locale];
  const reference = table.references[decision.rule]!;
  return {
    verdict: decision.verdict,
    conditions: decision.conditions.map(text),
    reason: text(decision.reason),
    reference: {
      id: decision.rule,
      title: reference.title[locale],
      ...(reference.link ? { link: reference.link } : {}),
    },
    ...(decision.alternative ? { alternative: text(decision.alternative) } : {}),
    decision,
  };
}

const COMMAND = /^(?:skicka|send|får jag|far jag|may i|can i send|kan jag skicka)(?![\p{L}])/u;
/** Question words first, or a question anywhere ("…, går det bra?", "är det okej att …", "am I allowed to …"). */
const QUESTION =
  /\?|^(?:hej\W*)?(?:får|kan|ska|bör|måste|är|e|funkar|går|hur|vad|vilken|okej|ok|may|can|could|should|is|am|are|do|how|which|what)(?![\p{L}])|går det|är det|e de|funkar det|okej att|ok att|lov att|tillåtet|allowed|is it ok|jag undrar|undrar om|i wonder|tänkte|behöver|jag vill|i want|i need/u;
/** "Jag skickade …", "I sent …": a report of what happened, not a question before sending. */
const REPORTED =
  /(?:^|\s)(?:jag |vi |i |we )?(?:skickade|mejlade|mailade|smsade|ringde|råkade|har skickat|sent|emailed|texted|accidentally)(?![\p{L}])/u;

/**
 * A send question: a command word, or text that reads as a question and names
 * at least two of the three facts ("personnummer till försäkringskassan, går
 * det bra"), or at least two with no question form at all when nothing in it
 * is a report of something already sent.
 */
export function isSendQuestion(normalizedText: string, index: LexiconIndex): boolean {
  if (COMMAND.test(normalizedText)) return true;
  const { facts } = understand(normalizedText, index);
  const named = (["information", "recipient", "channel"] as const).filter((f) => facts[f]).length;
  if (named < 2) return false;
  if (QUESTION.test(normalizedText)) return true;
  return !REPORTED.test(normalizedText);
}
