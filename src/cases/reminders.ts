import { awaitsImyDecision, type Case } from "./case.js";

/** Hours after discovery at which the DSO channel is reminded of a case still without an IMY decision. */
export const REMINDER_HOURS = [24, 48, 60, 70] as const;

export type Reminder = { key: `${(typeof REMINDER_HOURS)[number]}h`; hours: number } | { key: "overdue" };

/**
 * The reminder due now, if any: the latest threshold passed (an instance that
 * was down sends the current one, not a burst of old ones), or `overdue` once
 * the deadline has passed.
 */
export function dueReminder(
  c: Pick<Case, "status" | "dsoAssessment" | "discoveredAt" | "deadlineAt"> & Partial<Pick<Case, "type">>,
  now: Date,
) {
  if (!awaitsImyDecision(c)) return undefined;
  if (now.getTime() >= new Date(c.deadlineAt).getTime()) return { key: "overdue" } as Reminder;
  const since = (now.getTime() - new Date(c.discoveredAt).getTime()) / 3600_000;
  const passed = REMINDER_HOURS.filter((h) => since >= h).at(-1);
  return passed === undefined ? undefined : ({ key: `${passed}h`, hours: passed } as Reminder);
}
