import { describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import { delta, monthOf, notifiedInTime } from "../../src/tab/counters.js";
import { medianOf, monthsBetween } from "../../src/tab/statistics.js";
import { aCase } from "../support/builders.js";

const stored = (overrides: Partial<Case> = {}): Case => ({
  ...aCase(),
  kind: "case",
  number: "PUI-2026-0001",
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  ...overrides,
});

describe("statistics arithmetic", () => {
  it("counts an incident discovered late on New Year's Eve UTC in January, as Swedish time says", () => {
    expect(monthOf("2025-12-31T23:30:00.000Z")).toBe("2026-01");
    expect(monthOf("2026-06-30T21:59:00.000Z")).toBe("2026-06");
  });

  it("a notification exactly 72 hours after discovery is in time, a minute later is not", () => {
    const c = { discoveredAt: "2026-03-01T08:00:00.000Z" };
    expect(
      notifiedInTime({
        ...c,
        imyReport: { reportedAt: "2026-03-04T08:00:00.000Z", reference: "", by: { name: "" } },
      }),
    ).toBe(true);
    expect(
      notifiedInTime({
        ...c,
        imyReport: { reportedAt: "2026-03-04T08:01:00.000Z", reference: "", by: { name: "" } },
      }),
    ).toBe(false);
    expect(notifiedInTime(c)).toBe(false);
  });

  it("medians from histograms: the middle value, or the mean of the two middle values", () => {
    expect(medianOf(new Map())).toBeNull();
    expect(medianOf(new Map([[5, 1]]))).toBe(5);
    expect(
      medianOf(
        new Map([
          [1, 2],
          [10, 1],
        ]),
      ),
    ).toBe(1);
    expect(
      medianOf(
        new Map([
          [1, 1],
          [3, 1],
          [8, 2],
        ]),
      ),
    ).toBe(5.5);
  });

  it("moving a case to another unit moves its counts from one document to the other", () => {
    const before = stored();
    const after = stored({ unitId: "kommunstyrelsen" });
    const changes = delta(before, after);
    expect(changes.map((c) => [c.unitId, c.counts["cases:incident"]])).toEqual([
      ["socialforvaltningen", -1],
      ["kommunstyrelsen", 1],
    ]);
    expect(delta(before, stored({ updatedAt: "2026-11-21T00:00:00.000Z" }))).toEqual([]);
  });

  it("lists every month of a period across a year end", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
});
