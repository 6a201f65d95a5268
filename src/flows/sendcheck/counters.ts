import { isoWeekOf } from "../../time/iso-week.js";
import type { Answers, Verdict } from "./answers.js";

/**
 * Anonymous weekly counters: per organisation and ISO week, how often each
 * combination of answers was checked, with its verdict, and how often the
 * answer was found helpful. No asker, no text, nothing else.
 */
export interface CounterCell extends Answers {
  verdict: Verdict;
  checks: number;
  helpfulYes: number;
  helpfulNo: number;
}

export interface WeeklyCounters {
  /** The ISO week, e.g. "2026-W47" (one document per organisation and week). */
  id: string;
  orgId: string;
  week: string;
  cells: Record<string, CounterCell>;
}

export type Tally = "check" | "helpfulYes" | "helpfulNo";

/** Weeks follow the municipalities' calendar (Monday start, Swedish time). */
export function isoWeek(now: Date): string {
  return isoWeekOf(now, "Europe/Stockholm");
}

export function emptyWeek(orgId: string, week: string): WeeklyCounters {
  return { id: week, orgId, week, cells: {} };
}

export function counted(
  week: WeeklyCounters,
  answers: Answers,
  verdict: Verdict,
  tally: Tally,
): WeeklyCounters {
  const key = `${answers.information}|${answers.recipient}|${answers.channel}|${verdict}`;
  const cell = week.cells[key] ?? { ...answers, verdict, checks: 0, helpfulYes: 0, helpfulNo: 0 };
  const field = tally === "check" ? "checks" : tally;
  return { ...week, cells: { ...week.cells, [key]: { ...cell, [field]: cell[field] + 1 } } };
}
