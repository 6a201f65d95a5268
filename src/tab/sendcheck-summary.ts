import { isoWeek, type WeeklyCounters } from "../flows/sendcheck/counters.js";
import type { SendCheckCounters } from "../store/sendcheck-counters.js";
import type { SendCheckStatsSource, SendCheckSummary } from "./statistics.js";

const TOP = 10;

/** The ISO weeks whose Thursday falls in the months from..to (YYYY-MM, inclusive): ISO's own rule for a week's month. */
export function weeksOfMonths(fromMonth: string, toMonth: string): string[] {
  const [fy, fm] = fromMonth.split("-").map(Number) as [number, number];
  const [ty, tm] = toMonth.split("-").map(Number) as [number, number];
  const start = Date.UTC(fy, fm - 1, 1);
  const end = Date.UTC(ty, tm, 1);
  const weeks: string[] = [];
  for (let day = start; day < end; day += 86_400_000) {
    const noon = new Date(day + 12 * 3_600_000);
    if (noon.getUTCDay() === 4) weeks.push(isoWeek(noon));
  }
  return weeks;
}

/** Adds up weekly counters: how often each combination was asked, and how often the answer was No. */
export function summarise(weeks: readonly WeeklyCounters[]): SendCheckSummary {
  const byCombination = new Map<string, SendCheckSummary["top"][number]>();
  let asked = 0;
  let answeredNo = 0;
  for (const week of weeks) {
    for (const cell of Object.values(week.cells)) {
      const key = `${cell.information}|${cell.channel}|${cell.recipient}`;
      const row = byCombination.get(key) ?? {
        information: cell.information,
        channel: cell.channel,
        recipient: cell.recipient,
        asked: 0,
        answeredNo: 0,
      };
      const no = cell.verdict === "no" ? cell.checks : 0;
      row.asked += cell.checks;
      row.answeredNo += no;
      asked += cell.checks;
      answeredNo += no;
      byCombination.set(key, row);
    }
  }
  const top = [...byCombination.values()].sort((a, b) => b.asked - a.asked).slice(0, TOP);
  return { top, asked, answeredNo };
}

/** The dashboard's view of the send check's anonymous weekly counters, read by point reads per week. */
export function sendCheckSummaries(counters: SendCheckCounters): SendCheckStatsSource {
  return {
    async summary(orgId, fromMonth, toMonth) {
      const weeks = await Promise.all(
        weeksOfMonths(fromMonth, toMonth).map((week) => counters.get(orgId, week)),
      );
      return summarise(weeks.filter((w): w is WeeklyCounters => w !== undefined));
    },
  };
}
