import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { loadTrainingCalendar } from "../../src/digest/calendar.js";
import { lastRunAtOrBefore, nextRuns } from "../../src/digest/week.js";
import { CARDS_DIR } from "../../src/paths.js";
import { isoWeekOf } from "../../src/time/iso-week.js";
import { TestClock } from "../support/test-clock.js";

const TZ = "Europe/Stockholm";
const MONDAY_8 = "0 8 * * 1";
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("when the weekly digest runs", () => {
  it("Monday 08:00 in Stockholm stays 08:00 across the start of daylight saving (last Sunday of March)", () => {
    expect(iso(nextRuns(MONDAY_8, TZ, new Date("2026-03-20T00:00:00Z"), 3))).toEqual([
      "2026-03-23T07:00:00.000Z", // CET, UTC+1
      "2026-03-30T06:00:00.000Z", // CEST, UTC+2: the day after the change
      "2026-04-06T06:00:00.000Z",
    ]);
  });

  it("and across its end (last Sunday of October)", () => {
    expect(iso(nextRuns(MONDAY_8, TZ, new Date("2026-10-16T00:00:00Z"), 3))).toEqual([
      "2026-10-19T06:00:00.000Z",
      "2026-10-26T07:00:00.000Z",
      "2026-11-02T07:00:00.000Z",
    ]);
  });

  it("a schedule in the night of the change still runs once that week", () => {
    // 02:30 does not exist on 29 March 2026 in Stockholm; 02:30 happens twice on 25 October.
    const spring = nextRuns("30 2 * * 0", TZ, new Date("2026-03-28T00:00:00Z"), 2);
    expect(spring).toHaveLength(2);
    expect(spring[1]!.getTime() - spring[0]!.getTime()).toBeGreaterThan(6 * 24 * 3600_000);
    const autumn = nextRuns("30 2 * * 0", TZ, new Date("2026-10-24T00:00:00Z"), 2);
    expect(autumn[1]!.getTime() - autumn[0]!.getTime()).toBeGreaterThan(6 * 24 * 3600_000);
  });

  it("finds the run that was due just before the app started, and names its week in Stockholm time", () => {
    const started = new Date("2026-03-30T06:05:00Z");
    expect(lastRunAtOrBefore(MONDAY_8, TZ, started)?.toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(isoWeekOf(started, TZ)).toBe("2026-W14");
    // Sunday 23:30 UTC is already Monday in Stockholm.
    expect(isoWeekOf(new Date("2026-11-22T23:30:00Z"), TZ)).toBe("2026-W48");
    expect(isoWeekOf(new Date("2026-12-31T12:00:00Z"), TZ)).toBe("2026-W53");
  });

  it("configuration: a bad schedule or time zone stops the start naming the key", () => {
    expect(loadConfig({}).digest).toMatchObject({ schedule: MONDAY_8, timeZone: TZ, ratePerSecond: 30 });
    expect(() => loadConfig({ DIGEST_SCHEDULE: "every monday" })).toThrow(/^DIGEST_SCHEDULE: /);
    expect(() => loadConfig({ DIGEST_TIMEZONE: "Europe/Stockholmm" })).toThrow(/^DIGEST_TIMEZONE: /);
    expect(() => loadConfig({ DIGEST_RATE_PER_SECOND: "0" })).toThrow(/^DIGEST_RATE_PER_SECOND: /);
  });
});

describe("the training calendar file", () => {
  const write = (content: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "varna-cal-")), "calendar.json");
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };

  it("the shipped calendar is valid", () => {
    expect(
      loadTrainingCalendar(path.join(CARDS_DIR, "org", "training-calendar.json")).length,
    ).toBeGreaterThan(3);
  });

  it("a malformed entry stops the start with the file, the entry and the problem named", () => {
    const file = write({
      activities: [
        { id: "ok", month: 1, sv: "A", en: "A" },
        { id: "risk-analysis", month: 13, sv: "Riskanalys", en: "Risk analysis" },
      ],
    });
    expect(() => loadTrainingCalendar(file)).toThrow(`${file}: activity 2 (risk-analysis): month:`);
    const insecure = write({
      activities: [{ id: "course", month: 2, sv: "K", en: "C", url: "http://x.se" }],
    });
    expect(() => loadTrainingCalendar(insecure)).toThrow(/activity 1 \(course\): url:/);
    const twice = write({
      activities: [
        { id: "a", month: 2, sv: "K", en: "C" },
        { id: "a", month: 3, sv: "K", en: "C" },
      ],
    });
    expect(() => loadTrainingCalendar(twice)).toThrow(/activity 2 \(a\): the id is used twice/);
    expect(() => loadTrainingCalendar(write("{ not json"))).toThrow(/cannot be read as JSON/);
    expect(() => loadTrainingCalendar(write({ items: [] }))).toThrow(
      /calendar.json: activities: Invalid input: expected array/,
    );
  });

  it("the app refuses to start with a malformed calendar, before it opens the store or listens", async () => {
    const file = write({ activities: [{ id: "e-learning", month: 2, sv: "", en: "E-learning" }] });
    const config = loadConfig({ TRAINING_CALENDAR_FILE: file, PORT: "0", LOG_LEVEL: "silent" });
    await expect(startApp(config, { clock: new TestClock() })).rejects.toThrow(
      `${file}: activity 1 (e-learning): sv:`,
    );
  });
});
