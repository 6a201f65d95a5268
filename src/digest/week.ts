import { Cron } from "croner";
import { addDays } from "date-fns/addDays";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { fromZonedTime, toZonedTime } from "date-fns-tz";

/** Start (inclusive) and end (exclusive) of the ISO week `weeksBack` weeks before the one holding `at`, as instants. */
export function weekWindow(at: Date, timeZone: string, weeksBack: number): { start: Date; end: Date } {
  const monday = addDays(startOfISOWeek(toZonedTime(at, timeZone)), -7 * weeksBack);
  // Midnight local time on each Monday; across a daylight-saving change a week is 167 or 169 hours long.
  return { start: fromZonedTime(monday, timeZone), end: fromZonedTime(addDays(monday, 7), timeZone) };
}

/** Month (1–12) and year of `at` in `timeZone`. */
export function monthOf(at: Date, timeZone: string): { year: number; month: number } {
  const local = toZonedTime(at, timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1 };
}

/** The next `count` scheduled instants after `from` (daylight saving is croner's business). */
export function nextRuns(schedule: string, timeZone: string, from: Date, count: number): Date[] {
  const cron = new Cron(schedule, { timezone: timeZone, paused: true });
  try {
    return cron.nextRuns(count, from);
  } finally {
    cron.stop();
  }
}

/** The latest scheduled instant at or before `at`, if any within the past week. */
export function lastRunAtOrBefore(schedule: string, timeZone: string, at: Date): Date | undefined {
  const cron = new Cron(schedule, { timezone: timeZone, paused: true });
  try {
    const [next] = cron.nextRuns(1, new Date(at.getTime() - 8 * 24 * 3600_000));
    let last: Date | undefined;
    for (let run = next; run && run <= at; run = cron.nextRun(run) ?? undefined) last = run;
    return last;
  } finally {
    cron.stop();
  }
}
