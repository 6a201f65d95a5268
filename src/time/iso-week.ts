import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { toZonedTime } from "date-fns-tz";

/** "2026-W47": the ISO week `at` falls in, as a calendar in `timeZone` sees it (weeks start on Monday). */
export function isoWeekOf(at: Date, timeZone: string): string {
  const local = toZonedTime(at, timeZone);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}
