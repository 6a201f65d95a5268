import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answers } from "../../src/flows/sendcheck/answers.js";
import { isoWeek, type WeeklyCounters } from "../../src/flows/sendcheck/counters.js";
import { Repository } from "../../src/store/repository.js";
import { SendCheckCounters } from "../../src/store/sendcheck-counters.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

let testStore: TestStore;
let counters: SendCheckCounters;
beforeAll(async () => {
  const clock = new TestClock();
  testStore = await openTestStore(clock);
  counters = new SendCheckCounters(
    new Repository<WeeklyCounters>(testStore.store.containers.sendcheckCounters, (c) => c.orgId, clock),
  );
});
afterAll(async () => testStore?.dispose());

const smsToColleague: Answers = { information: "ordinary", recipient: "colleague", channel: "sms" };

describe("anonymous weekly send-check counters", () => {
  it("weeks are ISO weeks in Swedish time, so a check just after midnight on New Year's Day counts in the new week", () => {
    expect(isoWeek(new Date("2026-11-22T12:00:00Z"))).toBe("2026-W47");
    expect(isoWeek(new Date("2026-11-22T23:30:00Z"))).toBe("2026-W48");
    expect(isoWeek(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
  });

  it("five clerks checking at the same moment are all counted, in one document per organisation and week", async () => {
    const now = new Date("2026-11-18T09:00:00Z");
    await Promise.all(
      Array.from({ length: 5 }, () => counters.count("org-a", now, smsToColleague, "yes_if", "check")),
    );
    await counters.count("org-a", now, smsToColleague, "yes_if", "helpfulNo");
    await counters.count("org-b", now, smsToColleague, "yes_if", "check");

    const week = await counters.get("org-a", "2026-W47");
    expect(week!.cells).toEqual({
      "ordinary|colleague|sms|yes_if": {
        ...smsToColleague,
        verdict: "yes_if",
        checks: 5,
        helpfulYes: 0,
        helpfulNo: 1,
      },
    });
    expect((await counters.get("org-b", "2026-W47"))!.cells["ordinary|colleague|sms|yes_if"]!.checks).toBe(1);
  });

  it("counts a changed verdict (after a rule change) separately from the old one", async () => {
    const now = new Date("2026-11-25T09:00:00Z");
    await counters.count("org-c", now, smsToColleague, "yes_if", "check");
    await counters.count("org-c", now, smsToColleague, "no", "check");
    expect(Object.keys((await counters.get("org-c", "2026-W48"))!.cells).sort()).toEqual([
      "ordinary|colleague|sms|no",
      "ordinary|colleague|sms|yes_if",
    ]);
  });
});
