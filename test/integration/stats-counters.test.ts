import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_STATUSES, CATEGORIES, type Case, PROTECTION_LEVELS } from "../../src/cases/case.js";
import type { CaseEvent } from "../../src/cases/case-event.js";
import { imyDeadline } from "../../src/cases/deadline.js";
import { createLogger } from "../../src/log.js";
import { CaseRepository, type CaseSequence } from "../../src/store/case-repository.js";
import { Repository } from "../../src/store/repository.js";
import { caseScan, type StatsCounters, statsCounters } from "../../src/tab/counter-store.js";
import { aCase } from "../support/builders.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

let ts: TestStore;
let cases: CaseRepository;
let counters: StatsCounters;
const clock = new TestClock(new Date("2026-03-01T10:00:00Z"));
const actor = { aadObjectId: "dso", name: "DSO" };
const UNITS = ["socialforvaltningen", "utbildningsforvaltningen", "kommunstyrelsen"];

/** A small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  ts = await openTestStore(clock);
  cases = new CaseRepository(
    new Repository<Case | CaseSequence>(ts.store.containers.cases, (i) => i.orgId, clock),
    new Repository<CaseEvent>(ts.store.containers.events, (i) => i.caseId, clock),
    clock,
  );
  counters = statsCounters(ts.store, createLogger("silent"), clock);
  cases.onChange(counters.listener);
});
afterAll(async () => ts?.dispose());

/** One random change, as the incident, escalation and digest features make them. */
function randomChange(rnd: () => number): (c: Case) => Case {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = (hours: number) => new Date(clock.now().getTime() + hours * 3600_000).toISOString();
  const changes: ((c: Case) => Case)[] = [
    (c) => ({ ...c, status: pick(CASE_STATUSES) }),
    (c) => ({ ...c, unitId: pick(UNITS) }),
    (c) => ({ ...c, type: c.type === "incident" ? "near_miss" : "incident" }),
    (c) => ({ ...c, category: pick(CATEGORIES), protectionLevel: pick(PROTECTION_LEVELS) }),
    (c) => ({
      ...c,
      status: "assessed",
      dsoAssessment: {
        notifyImy: rnd() < 0.5,
        informSubjects: false,
        assessedAt: at(rnd() * 90),
        assessedBy: actor,
      },
    }),
    (c) => ({
      ...c,
      status: "reported_to_imy",
      imyReport: { reportedAt: at(rnd() * 120), reference: "x", by: actor },
    }),
    (c) => ({ ...c, actionPlanRequestedAt: at(1) }),
    (c) => ({ ...c, status: "closed", closedAt: at(2) }),
    (c) => {
      const discovered = new Date(
        Date.UTC(2026, Math.floor(rnd() * 3), 1 + Math.floor(rnd() * 28), Math.floor(rnd() * 24)),
      );
      return {
        ...c,
        discoveredAt: discovered.toISOString(),
        deadlineAt: imyDeadline(discovered).toISOString(),
      };
    },
    (c) => ({ ...c, discoveredBy: c.discoveredBy === "internal" ? "external" : "internal" }),
  ];
  return pick(changes);
}

describe("statistics counters kept from case changes", () => {
  it.each([1, 2, 3])(
    "agree with a recount after a random sequence of creations and concurrent changes (seed %i)",
    async (seed) => {
      const rnd = random(seed);
      const org = `org-random-${seed}`;
      const ids: string[] = [];
      for (let step = 0; step < 60; step++) {
        clock.set(new Date(Date.UTC(2026, 0, 1) + step * 5 * 3600_000));
        if (ids.length < 3 || rnd() < 0.3) {
          const discovered = new Date(clock.now().getTime() - Math.floor(rnd() * 100) * 3600_000);
          const { case: c } = await cases.create(
            aCase({
              orgId: org,
              unitId: UNITS[Math.floor(rnd() * UNITS.length)]!,
              type: rnd() < 0.7 ? "incident" : "near_miss",
              discoveredAt: discovered.toISOString(),
              deadlineAt: imyDeadline(discovered).toISOString(),
            }),
            actor,
          );
          ids.push(c.id);
        } else {
          // Two writers on the same case at once: the etag makes one of them retry on the fresh case.
          const id = ids[Math.floor(rnd() * ids.length)]!;
          const [a, b] = [randomChange(rnd), randomChange(rnd)];
          await Promise.all([
            cases.update(org, id, a, { actor, type: "random" }),
            cases.update(org, id, b, { actor, type: "random" }),
          ]);
        }
      }
      expect(await counters.rebuild(org, caseScan(ts.store.containers.cases, clock), false)).toEqual([]);
      const docs = await counters.range(org, "2025-01", "2026-12");
      const total = docs.reduce(
        (n, d) => n + (d.counts["cases:incident"] ?? 0) + (d.counts["cases:near_miss"] ?? 0),
        0,
      );
      expect(total).toBe(ids.length);
    },
  );

  it("stats:rebuild reports counters that drifted (a lost update, a stray document) and repairs them", async () => {
    const org = "org-drift";
    clock.set(new Date("2026-02-10T12:00:00Z"));
    const { case: c } = await cases.create(
      aCase({ orgId: org, discoveredAt: "2026-02-09T08:00:00.000Z" }),
      actor,
    );
    const stats = new Repository<{
      id: string;
      orgId: string;
      kind: string;
      unitId: string;
      month: string;
      counts: Record<string, number>;
    }>(ts.store.containers.stats, (d) => d.orgId, clock);
    const id = "stats-socialforvaltningen-2026-02";
    await stats.update(org, id, (d) => ({ ...d, counts: { ...d.counts, "cases:incident": 5 } }));
    await stats.upsert({
      kind: "stats",
      id: "stats-kommunstyrelsen-2026-01",
      orgId: org,
      unitId: "kommunstyrelsen",
      month: "2026-01",
      counts: { "cases:incident": 2 },
    });

    const found = await counters.rebuild(org, caseScan(ts.store.containers.cases, clock), true);
    expect(found).toEqual([
      { orgId: org, id, keys: { "cases:incident": [5, 1] } },
      { orgId: org, id: "stats-kommunstyrelsen-2026-01", keys: { "cases:incident": [2, 0] } },
    ]);
    expect(await counters.rebuild(org, caseScan(ts.store.containers.cases, clock), false)).toEqual([]);
    expect(c.unitId).toBe("socialforvaltningen");
  });
});
