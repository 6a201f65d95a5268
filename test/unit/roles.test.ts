import { describe, expect, it } from "vitest";
import { retryDelay } from "../../src/bot/proactive.js";
import { ConfiguredRoles } from "../../src/bot/roles.js";
import { TestClock } from "../support/test-clock.js";

const ADMIN = "0d1e2f3a-0000-4000-8000-000000000001";
const EXTRA_DSO = "0d1e2f3a-0000-4000-8000-000000000002";
const TEAM_MEMBER = "0D1E2F3A-0000-4000-8000-000000000003";

describe("roles", () => {
  it("admins and DSOs come from configuration and from the DSO team, whose roster is read once per cache period", async () => {
    let lookups = 0;
    const clock = new TestClock();
    const roles = new ConfiguredRoles({
      adminAadIds: [ADMIN],
      dsoAadIds: [EXTRA_DSO],
      dsoTeam: async () => {
        lookups++;
        return [{ aadObjectId: TEAM_MEMBER, name: "Dora" }];
      },
      cacheMs: 60_000,
      clock,
    });
    expect([...(await roles.rolesOf({ orgId: "o", aadObjectId: ADMIN }))].sort()).toEqual(["admin", "staff"]);
    expect((await roles.rolesOf({ orgId: "o", aadObjectId: EXTRA_DSO })).has("dso")).toBe(true);
    expect((await roles.rolesOf({ orgId: "o", aadObjectId: TEAM_MEMBER.toLowerCase() })).has("dso")).toBe(
      true,
    );
    expect([...(await roles.rolesOf({ orgId: "o", aadObjectId: "someone-else" }))]).toEqual(["staff"]);
    expect(lookups).toBe(1);
    clock.advance(59_000);
    await roles.rolesOf({ orgId: "o", aadObjectId: ADMIN });
    expect(lookups).toBe(1);
    clock.advance(2_000);
    await roles.rolesOf({ orgId: "o", aadObjectId: ADMIN });
    expect(lookups).toBe(2);
    roles.forget("o");
    await roles.rolesOf({ orgId: "o", aadObjectId: ADMIN });
    expect(lookups).toBe(3);
  });

  it("keeps the last known team when the roster cannot be read", async () => {
    let fail = false;
    const roles = new ConfiguredRoles({
      adminAadIds: [],
      dsoAadIds: [],
      dsoTeam: async () => {
        if (fail) throw new Error("503");
        return [{ aadObjectId: TEAM_MEMBER, name: "Dora" }];
      },
      cacheMs: 0,
      clock: new TestClock(),
    });
    expect((await roles.rolesOf({ orgId: "o", aadObjectId: TEAM_MEMBER })).has("dso")).toBe(true);
    fail = true;
    expect((await roles.rolesOf({ orgId: "o", aadObjectId: TEAM_MEMBER })).has("dso")).toBe(true);
  });
});

describe("proactive retry delays", () => {
  const policy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };
  it("honour Retry-After, capped", () => {
    expect(retryDelay(policy, 0, 7000)).toBe(7000);
    expect(retryDelay(policy, 0, 120_000)).toBe(30_000);
  });
  it("otherwise grow exponentially with jitter between half and all of the ceiling", () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      const d = retryDelay(policy, attempt, undefined);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });
});
