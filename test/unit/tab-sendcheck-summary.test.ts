import { describe, expect, it } from "vitest";
import type { WeeklyCounters } from "../../src/flows/sendcheck/counters.js";
import { summarise, weeksOfMonths } from "../../src/tab/sendcheck-summary.js";

describe("the dashboard's 'may I send?' figures", () => {
  it("counts a week in the month of its Thursday", () => {
    // 2026-W48 runs Mon 23 – Sun 29 November; W49 starts 30 November but its Thursday is 3 December.
    expect(weeksOfMonths("2026-11", "2026-11")).toEqual(["2026-W45", "2026-W46", "2026-W47", "2026-W48"]);
    expect(weeksOfMonths("2026-12", "2026-12")[0]).toBe("2026-W49");
    expect(weeksOfMonths("2026-01", "2026-12")).toHaveLength(53);
  });

  it("adds the weeks up per combination, most asked first, and counts the No answers", () => {
    const cell = (
      information: string,
      channel: string,
      verdict: "yes" | "yes_if" | "no",
      checks: number,
    ) => ({
      information,
      channel,
      recipient: "other_authority",
      verdict,
      checks,
      helpfulYes: 0,
      helpfulNo: 0,
    });
    const week = (id: string, cells: ReturnType<typeof cell>[]) =>
      ({
        id,
        orgId: "o",
        week: id,
        cells: Object.fromEntries(cells.map((c, i) => [String(i), c])),
      }) as unknown as WeeklyCounters;
    const summary = summarise([
      week("2026-W47", [cell("sensitive", "email", "no", 5), cell("ordinary", "sdk", "yes", 2)]),
      week("2026-W48", [cell("sensitive", "email", "no", 3)]),
    ]);
    expect(summary).toEqual({
      asked: 10,
      answeredNo: 8,
      top: [
        { information: "sensitive", channel: "email", recipient: "other_authority", asked: 8, answeredNo: 8 },
        { information: "ordinary", channel: "sdk", recipient: "other_authority", asked: 2, answeredNo: 0 },
      ],
    });
  });
});
