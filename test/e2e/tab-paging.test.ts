import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import { imyDeadline } from "../../src/cases/deadline.js";
import { aCase } from "../support/builders.js";
import { type Harness, startHarness } from "../support/harness.js";
import { devToken, inBatches, TAB_ADMIN, TAB_ENV, tabGet } from "../support/tab.js";

const UNITS = ["socialforvaltningen", "kommunstyrelsen", "arbetsmarknad", "kultur-och-fritid"];
let h: Harness;
let seeded: Case[];

/** Follows the continuation tokens to the end, counting the requests. */
async function allPages(
  query: string,
  pageSize: number,
): Promise<{ ids: string[]; discovered: string[]; pages: number }> {
  const ids: string[] = [];
  const discovered: string[] = [];
  let continuation: string | undefined;
  let pages = 0;
  do {
    const more = continuation ? `&continuation=${encodeURIComponent(continuation)}` : "";
    const res = await tabGet(
      h.app.url,
      `/tab/api/cases?${query}&pageSize=${pageSize}${more}`,
      devToken(TAB_ADMIN),
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
    for (const c of res.body.items) {
      ids.push(c.id);
      discovered.push(c.discoveredAt);
    }
    continuation = res.body.continuation;
    pages++;
  } while (continuation);
  return { ids, discovered, pages };
}

beforeAll(async () => {
  h = await startHarness({ env: TAB_ENV });
  const start = Date.UTC(2026, 0, 1);
  seeded = await inBatches(
    Array.from({ length: 1000 }, (_, i) => i),
    4,
    async (i) => {
      const discovered = new Date(start + i * 7 * 3600_000);
      const { case: c } = await h.app.services.cases.create(
        aCase({
          unitId: UNITS[i % UNITS.length]!,
          discoveredAt: discovered.toISOString(),
          deadlineAt: imyDeadline(discovered).toISOString(),
        }),
        { aadObjectId: "reporter", name: "R" },
      );
      return c;
    },
  );
}, 180_000);
afterAll(async () => h?.close());

describe("a DSO pages through 1,000 cases with continuation tokens", () => {
  it("gets every case exactly once, newest discovery first, 100 at a time", async () => {
    const { ids, discovered, pages } = await allPages("from=2026-01&to=2026-12", 100);
    expect(pages).toBe(10);
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids)).toEqual(new Set(seeded.map((c) => c.id)));
    expect(discovered).toEqual([...discovered].sort().reverse());
  });

  it("a unit filter pages through that unit's cases only", async () => {
    const { ids } = await allPages("from=2026-01&to=2026-12&unitId=arbetsmarknad", 60);
    expect(ids.sort()).toEqual(
      seeded
        .filter((c) => c.unitId === "arbetsmarknad")
        .map((c) => c.id)
        .sort(),
    );
  });

  it("a continuation token from one selection cannot be used with another (400)", async () => {
    const first = await tabGet(
      h.app.url,
      "/tab/api/cases?from=2026-01&to=2026-12&pageSize=10",
      devToken(TAB_ADMIN),
    );
    const token = encodeURIComponent(first.body.continuation);
    const other = `/tab/api/cases?from=2026-01&to=2026-12&unitId=kommunstyrelsen&pageSize=10&continuation=${token}`;
    const res = await tabGet(h.app.url, other, devToken(TAB_ADMIN));
    expect(res.status).toBe(400);
    expect(res.body.issues[0].parameter).toBe("continuation");
  });

  it("the statistics count all 1,000 from the counters", async () => {
    const res = await tabGet(h.app.url, "/tab/api/statistics?from=2026-01&to=2026-12", devToken(TAB_ADMIN));
    expect(res.body.totals.incident).toBe(1000);
    expect(res.body.perUnit.find((u: { unitId: string }) => u.unitId === "arbetsmarknad").incident).toBe(250);
  });
});
