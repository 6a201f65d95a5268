import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { type DigestJob, DigestJobs, type OutboxItem } from "../../src/store/digest-jobs.js";
import { Repository, type Stored } from "../../src/store/repository.js";
import {
  digestsPerConversation,
  outbox,
  personalConversationId,
  rememberPersonalChat,
  runs,
  startInstance,
  TestManagers,
} from "../support/digest.js";
import { type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT } from "../support/teams-client.js";

// Monday 23 November 2026, 08:00:30 in Stockholm: the weekly run is due.
const MONDAY = new Date("2026-11-23T07:00:30.000Z");
const FAST = { DIGEST_RATE_PER_SECOND: "1000", DIGEST_PER_CONVERSATION_PER_SECOND: "50" };

// Wednesday 25 November 2026, 11:00 in Stockholm: no scheduled run is due.
const WEDNESDAY = new Date("2026-11-25T10:00:00.000Z");

let h: Harness;
const started: App[] = [];
beforeAll(async () => {
  h = await startHarness({ now: WEDNESDAY });
});
beforeEach(() => h.clock.set(WEDNESDAY));
afterAll(async () => {
  for (const app of started) await app.close();
  await h?.close();
});

async function managersWithChats(count: number, unitId: string): Promise<TestManagers> {
  const managers = new TestManagers();
  const all = Array.from({ length: count }, () => managers.add({ unitIds: [unitId] }));
  for (let i = 0; i < all.length; i += 25)
    await Promise.all(
      all.slice(i, i + 25).map((m) => rememberPersonalChat(h.app, h.connector.url, m.aadObjectId)),
    );
  return managers;
}

async function instance(managers: TestManagers, options: Parameters<typeof startInstance>[2] = {}) {
  const app = await startInstance(h, managers, options);
  started.push(app);
  return app;
}

async function clearJobs(): Promise<void> {
  const { resources } = await h.testStore.store.containers.jobs.items
    .query<{ id: string; orgId: string }>({
      query: "SELECT c.id, c.orgId FROM c WHERE c.orgId = @o",
      parameters: [{ name: "@o", value: TEST_TENANT }],
    })
    .fetchAll();
  for (const r of resources) await h.testStore.store.containers.jobs.item(r.id, r.orgId).delete();
  h.connector.captured.splice(0);
}

function expectExactlyOnce(managers: { aadObjectId: string }[]): void {
  const counts = digestsPerConversation(h);
  const missing = managers.filter((m) => !counts.has(personalConversationId(m.aadObjectId)));
  const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
  expect({ missing: missing.length, duplicated }).toEqual({ missing: 0, duplicated: [] });
  expect(counts.size).toBe(managers.length);
}

describe("delivering the weekly digest", () => {
  it("500 managers, Teams throttling a fifth of the sends with 429: every manager gets exactly one digest", async () => {
    await clearJobs();
    const managers = await managersWithChats(500, "socialforvaltningen");
    const list = await managers.managers(TEST_TENANT);
    const throttled = new Set(
      list.filter((_, i) => i % 5 === 0).map((m) => personalConversationId(m.aadObjectId)),
    );
    // Each throttled manager's chat answers 429 twice before it takes the digest.
    const refusals = new Map<string, number>();
    h.connector.fail(429, {
      times: 200,
      retryAfterSeconds: 0,
      matches: (c) => {
        if (c.kind !== "send" || !throttled.has(c.conversationId)) return false;
        const refused = refusals.get(c.conversationId) ?? 0;
        if (refused >= 2) return false;
        refusals.set(c.conversationId, refused + 1);
        return true;
      },
    });
    const app = await instance(managers, { env: FAST });
    expect(await app.digest.runNow(TEST_TENANT)).toEqual({ kind: "started", recipients: 500 });
    await app.digest.settled();

    expectExactlyOnce(list);
    const items = await outbox(h);
    expect(items.filter((i) => i.state === "sent")).toHaveLength(500);
    // Exactly the throttled ones needed more than one attempt (each 429 came back to the outbox), and it says so.
    const retried = items.filter((i) => i.attempts > 1).map((i) => personalConversationId(i.aadObjectId));
    expect(retried.sort()).toEqual([...throttled].sort());
    expect(items.filter((i) => i.attempts === 3)).toHaveLength(100);
    expect(items.every((i) => i.lastStatus === undefined || i.lastStatus === 429)).toBe(true);
    expect((await runs(h)).map((r) => r.state)).toEqual(["done"]);
  }, 90_000);

  it("a sender stopped halfway through a run leaves it to the next instance: no duplicates, no one missed", async () => {
    await clearJobs();
    const managers = await managersWithChats(200, "arbetsmarknad");
    const list = await managers.managers(TEST_TENANT);
    const env = { DIGEST_RATE_PER_SECOND: "100", DIGEST_LEASE_SECONDS: "2" };
    const first = await instance(managers, { env });
    await first.digest.runNow(TEST_TENANT);
    await h.connector.waitFor((captured) => captured.filter((c) => c.kind === "send").length >= 60, 10_000);
    // As a crash looks to the others: nothing more is sent and the lease is not released.
    await first.digest.halt();
    const sentBefore = digestsPerConversation(h).size;
    expect(sentBefore).toBeGreaterThanOrEqual(60);
    expect(sentBefore).toBeLessThan(200);

    const second = await instance(managers, { env: { ...env, DIGEST_RATE_PER_SECOND: "1000" } });
    // The halted sender's lease runs out; the second instance's lease check then takes the run over.
    h.clock.advance(2_001);
    await h.connector.waitFor(() => digestsPerConversation(h).size >= 200, 15_000);
    await second.digest.settled();

    expectExactlyOnce(list);
    const items = await outbox(h);
    expect(new Set(items.map((i) => i.claimedBy)).size).toBe(2);
    expect((await runs(h)).map((r) => r.state)).toEqual(["done"]);
  }, 60_000);

  it("two app instances started together at the scheduled time: one of them sends the week's digests", async () => {
    await clearJobs();
    const managers = await managersWithChats(50, "kultur-och-fritid");
    const list = await managers.managers(TEST_TENANT);
    h.clock.set(MONDAY);
    const [a, b] = await Promise.all([instance(managers, { env: FAST }), instance(managers, { env: FAST })]);
    await h.connector.waitFor(() => digestsPerConversation(h).size >= 50, 10_000);
    await Promise.all([a.digest.settled(), b.digest.settled()]);

    expectExactlyOnce(list);
    const senders = new Set((await outbox(h)).map((i) => i.claimedBy));
    expect(senders.size).toBe(1);
    expect([a.digest.owner, b.digest.owner]).toContain([...senders][0]);
    expect((await runs(h)).map((r) => [r.runKey, r.state])).toEqual([["2026-W48", "done"]]);
  });

  it("a sender killed between Teams' answer and its record: that one manager may get the digest twice, nobody is missed", async () => {
    await clearJobs();
    const managers = await managersWithChats(20, "samhallsbyggnad");
    const list = await managers.managers(TEST_TENANT);
    // The state a killed instance leaves: its lease ran out, 10 items sent, one claimed, the rest pending.
    const jobs = new DigestJobs(
      new Repository<DigestJob>(h.testStore.store.containers.jobs, (i) => i.orgId, h.clock),
      h.clock,
    );
    const run = await jobs.ensureRun(TEST_TENANT, "manual-crash", "2026-W48");
    for (const m of list)
      await jobs.addItem(run, { aadObjectId: m.aadObjectId, name: m.name, unitIds: m.unitIds });
    await jobs.replaceRun(
      {
        ...run,
        state: "sending",
        recipients: 20,
        lease: { owner: "dead", until: h.clock.now().getTime() - 1 },
      },
      run,
    );
    const items = await jobs.items(run);
    const change = (item: Stored<OutboxItem>, fields: Partial<OutboxItem>) =>
      jobs.replaceItem({ ...item, ...fields }, item);
    for (const item of items.slice(0, 10))
      await change(item, { state: "sent", attempts: 1, claimedBy: "dead" });
    await change(items[10]!, { state: "sending", attempts: 1, claimedBy: "dead" });

    const next = await instance(managers, { env: FAST });
    await h.connector.waitFor(() => digestsPerConversation(h).size >= 10, 10_000);
    await next.digest.settled();

    const counts = digestsPerConversation(h);
    const expected = items.slice(10).map((i) => personalConversationId(i.aadObjectId));
    expect([...counts.keys()].sort()).toEqual(expected.sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const after = await outbox(h);
    expect(after.filter((i) => i.state === "sent")).toHaveLength(20);
    expect(after.find((i) => i.id === items[10]!.id)).toMatchObject({
      attempts: 2,
      claimedBy: next.digest.owner,
    });
  });
});
