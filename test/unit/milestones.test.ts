import { describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import { milestonesOf } from "../../src/cases/milestones.js";
import { aCase } from "../support/builders.js";

const base = { ...aCase(), kind: "case", number: "PUI-2026-0001", createdAt: "x", updatedAt: "x" } as Case;

describe("case milestones for operations telemetry", () => {
  it("a new case is created; posting it to the DSO channel escalates it", () => {
    expect(milestonesOf(undefined, base)).toEqual(["case.created"]);
    const posted = { ...base, channelPost: { conversationId: "c", activityId: "a" } };
    expect(milestonesOf(base, posted)).toEqual(["case.escalated"]);
    expect(milestonesOf(posted, { ...posted, status: "triage" })).toEqual([]);
  });

  it("marking it reported to IMY and closing it are milestones, once each", () => {
    const notified = { ...base, status: "reported_to_imy" as const };
    expect(milestonesOf(base, notified)).toEqual(["case.notified"]);
    expect(milestonesOf(notified, { ...notified, assignee: { name: "x" } })).toEqual([]);
    expect(milestonesOf(notified, { ...notified, status: "closed" })).toEqual(["case.closed"]);
  });
});
