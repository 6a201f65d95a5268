import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  CHANNELS,
  CIRCUMSTANCES,
  INFORMATION,
  RECIPIENTS,
  VERDICTS,
} from "../../src/flows/sendcheck/answers.js";
import { decide, isComplete } from "../../src/flows/sendcheck/check.js";
import { loadLexicon } from "../../src/flows/sendcheck/lexicon.js";
import { loadRuleTable } from "../../src/flows/sendcheck/load.js";
import { indexLexicon } from "../../src/flows/sendcheck/mentions.js";
import { understand } from "../../src/flows/sendcheck/understand.js";
import { ROOT } from "../../src/paths.js";

/**
 * Runs the send check on the labelled questions in questions.jsonl and
 * reports accuracy per fact, verdict agreement, every unsafe answer (a "yes"
 * where the label is "yes, if" or "no"), and every question where it asked for
 * a fact instead of answering (an ask is safe, but costs the person a click).
 */

export const QuestionSchema = z.object({
  id: z.string(),
  text: z.string().min(1),
  lang: z.enum(["sv", "en"]),
  information: z.enum(INFORMATION),
  recipient: z.enum(RECIPIENTS),
  channel: z.enum(CHANNELS),
  circumstances: z.array(z.enum(CIRCUMSTANCES)),
  verdict: z.enum(VERDICTS),
  split: z.enum(["tuning", "holdout"]),
});
export type Question = z.infer<typeof QuestionSchema>;

export const QUESTIONS_FILE = path.join(ROOT, "eval", "sendcheck", "questions.jsonl");

export function readQuestions(file = QUESTIONS_FILE): Question[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = QuestionSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}

export interface Outcome {
  question: Question;
  got: { information?: string; recipient?: string; channel?: string; verdict?: string };
  asked: string[];
}

export interface Report {
  total: number;
  facts: Record<"information" | "recipient" | "channel", number>;
  answered: number;
  /** Of the questions answered directly, the share whose verdict is the label's. */
  agreement: number;
  /** Of all questions, the share answered directly with the label's verdict (an ask counts against). */
  agreementAll: number;
  unsafe: Outcome[];
  asked: Outcome[];
  wrong: Outcome[];
}

export function evaluate(questions: Question[]): Report {
  const index = indexLexicon(loadLexicon());
  const table = loadRuleTable();
  const outcomes: Outcome[] = questions.map((question) => {
    const u = understand(question.text, index);
    const got: Outcome["got"] = { ...u.facts };
    if (isComplete(u.facts) && u.conflicts.length === 0)
      got.verdict = decide(table, { ...u.facts }, question.lang).verdict;
    return { question, got, asked: [...u.missing, ...u.conflicts.map((c) => c.fact)] };
  });
  const share = (n: number) => (questions.length ? n / questions.length : 1);
  const facts = {
    information: share(outcomes.filter((o) => o.got.information === o.question.information).length),
    recipient: share(outcomes.filter((o) => o.got.recipient === o.question.recipient).length),
    channel: share(outcomes.filter((o) => o.got.channel === o.question.channel).length),
  };
  const answered = outcomes.filter((o) => o.got.verdict);
  return {
    total: questions.length,
    facts,
    answered: answered.length,
    agreement: answered.length
      ? answered.filter((o) => o.got.verdict === o.question.verdict).length / answered.length
      : 1,
    agreementAll: share(answered.filter((o) => o.got.verdict === o.question.verdict).length),
    unsafe: answered.filter((o) => o.got.verdict === "yes" && o.question.verdict !== "yes"),
    asked: outcomes.filter((o) => !o.got.verdict),
    wrong: answered.filter((o) => o.got.verdict !== o.question.verdict),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function describe(o: Outcome): string {
  const q = o.question;
  const label = `${q.information} · ${q.recipient} · ${q.channel} → ${q.verdict}`;
  const got = o.got.verdict
    ? `${o.got.information} · ${o.got.recipient} · ${o.got.channel} → ${o.got.verdict}`
    : `asked for ${o.asked.join(", ")}`;
  return `  ${q.id} "${q.text}"\n      label: ${label}\n      got:   ${got}`;
}

/** `lists`: the questions behind the figures (kept off for the held-out part while tuning). */
export function printReport(title: string, r: Report, lists: { asked: boolean; wrong: boolean }): string {
  const others = r.wrong.filter((o) => !r.unsafe.includes(o));
  const lines = [
    `## ${title}: ${r.total} questions`,
    `  information ${pct(r.facts.information)} · recipient ${pct(r.facts.recipient)} · channel ${pct(r.facts.channel)}`,
    `  verdict agreement ${pct(r.agreement)} of the ${r.answered} answered directly; ${pct(r.agreementAll)} of all, counting an ask as a disagreement`,
    `  unsafe "yes" (label "yes, if" or "no"): ${r.unsafe.length}`,
    ...r.unsafe.map(describe),
    `  asked for a fact instead of answering: ${r.asked.length}`,
    ...(lists.asked ? r.asked.map(describe) : []),
    `  other disagreements (stricter or looser, not a "yes"): ${others.length}`,
    ...(lists.wrong ? others.map(describe) : []),
  ];
  return lines.join("\n");
}
