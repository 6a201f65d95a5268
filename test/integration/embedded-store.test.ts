import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CosmosClient } from "@azure/cosmos";
import { afterEach, describe, expect, it } from "vitest";
import { type BotStateItem, CosmosBotStorage } from "../../src/store/bot-storage.js";
import { type EmbeddedCosmos, startEmbeddedCosmos } from "../../src/store/embedded-cosmos.js";
import { expiresIn, Repository } from "../../src/store/repository.js";
import { type TurnClaim, TurnClaims } from "../../src/store/turn-claims.js";
import { freshDataDir } from "../support/data-dir.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

const open: TestStore[] = [];
const clock = new TestClock(new Date("2026-11-22T10:00:00Z"));
async function freshStore(): Promise<TestStore> {
  const ts = await openTestStore(clock);
  open.push(ts);
  return ts;
}
afterEach(async () => {
  for (const ts of open.splice(0)) await ts.dispose();
});

type Probe = { id: string; orgId: string; n: number };

describe("embedded store durability", () => {
  it("keeps what was written, changed and deleted across a graceful restart", async () => {
    const ts = await freshStore();
    const cases = ts.store.containers.cases;
    await cases.items.create({ id: "a", orgId: "o", n: 1 });
    await cases.items.create({ id: "b", orgId: "o", n: 2 });
    await cases.item("a", "o").replace({ id: "a", orgId: "o", n: 10 });
    await cases.item("b", "o").delete();
    await ts.store.close();

    const reopened = await ts.reopen();
    const { resources } = await reopened.containers.cases.items
      .query<Probe>({ query: "SELECT * FROM c WHERE c.orgId = 'o'" })
      .fetchAll();
    expect(resources.map((r) => [r.id, r.n])).toEqual([["a", 10]]);
  });

  it("keeps every acknowledged write when the process is killed with SIGKILL", async () => {
    const ts = await freshStore();
    await ts.store.close();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(__dirname, "../support/write-then-wait.ts"),
        ts.dataDir,
        ts.database,
        "200",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let acknowledged = -1;
    const exited = new Promise<void>((resolve, reject) => {
      child.on("exit", () => resolve());
      child.on("error", reject);
    });
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const match = /^acknowledged (\d+)$/.exec(line);
        if (match) acknowledged = Number(match[1]);
        // Kill in the middle of the writes, not after a quiet moment.
        if (acknowledged >= 120 && !child.killed) child.kill("SIGKILL");
      }
    });
    await exited;

    const reopened = await ts.reopen();
    const { resources } = await reopened.containers.cases.items
      .query<Probe>({ query: "SELECT * FROM c WHERE c.orgId = 'org-kill'" })
      .fetchAll();
    const found = new Set(resources.map((r) => r.n));
    expect(acknowledged).toBeGreaterThanOrEqual(120);
    for (let i = 0; i <= acknowledged; i++)
      expect(found.has(i), `acknowledged write ${i} survives`).toBe(true);
  }, 60_000);

  it("compacts the journal into a snapshot while running and still restores everything", async () => {
    const dataDir = freshDataDir("varna-compact");
    const connect = (server: EmbeddedCosmos) =>
      new CosmosClient({
        endpoint: server.endpoint,
        key: server.key,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
    const server = await startEmbeddedCosmos({ dataDir, compactAfterBytes: 2_000, now: clock.now() });
    const client = connect(server);
    const { database } = await client.databases.createIfNotExists({ id: "d" });
    const { container } = await database.containers.createIfNotExists({
      id: "c",
      partitionKey: { paths: ["/orgId"] },
    });
    for (let i = 0; i < 60; i++) await container.items.upsert({ id: `x${i % 5}`, orgId: "o", n: i });
    client.dispose();
    await server.stop();
    // Sixty writes of ~200 bytes crossed the 2,000-byte threshold several times: the journal was restarted.
    expect(fs.statSync(path.join(dataDir, "journal.jsonl")).size).toBeLessThan(2_500);

    const again = await startEmbeddedCosmos({ dataDir, now: clock.now() });
    const reader = connect(again);
    const { resources } = await reader
      .database("d")
      .container("c")
      .items.query<Probe>({ query: "SELECT * FROM c WHERE c.orgId = 'o' ORDER BY c.id" })
      .fetchAll();
    reader.dispose();
    await again.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(resources.map((r) => r.n)).toEqual([55, 56, 57, 58, 59]);
  });
});

describe("repositories over the real SDK", () => {
  it("treats an item past its expiresAt as gone (the embedded server has no TTL)", async () => {
    const ts = await freshStore();
    clock.set(new Date("2026-11-22T10:00:00Z"));
    const repo = new Repository<{ id: string; expiresAt?: string; ttl?: number }>(
      ts.store.containers.botstate,
      (i) => i.id,
      clock,
    );
    await repo.upsert(expiresIn({ id: "draft" }, 3600, clock.now()));
    expect(await repo.get("draft", "draft")).toBeDefined();
    clock.set(new Date("2026-11-22T11:00:01Z"));
    expect(await repo.get("draft", "draft")).toBeUndefined();
  });

  it("refuses a replace with a stale etag instead of overwriting", async () => {
    const ts = await freshStore();
    const repo = new Repository<{ id: string; orgId: string; v: number }>(
      ts.store.containers.cases,
      (i) => i.orgId,
      clock,
    );
    const first = await repo.upsert({ id: "e", orgId: "o", v: 1 });
    await repo.upsert({ id: "e", orgId: "o", v: 2 });
    expect(await repo.replaceIfMatch({ id: "e", orgId: "o", v: 3 }, first._etag)).toBeUndefined();
    expect((await repo.get("o", "e"))?.v).toBe(2);
  });

  it("stores botbuilder state in Cosmos and refuses a write based on an old read", async () => {
    const ts = await freshStore();
    const storage = new CosmosBotStorage(
      new Repository<BotStateItem>(ts.store.containers.botstate, (i) => i.id, clock),
      clock,
    );
    const key = "msteams/conversations/a:1/";
    await storage.write({ [key]: { step: "when", eTag: "*" } });
    const read = await storage.read([key]);
    expect(read[key]).toMatchObject({ step: "when" });
    await storage.write({ [key]: { step: "what", eTag: read[key].eTag } });
    await expect(storage.write({ [key]: { step: "stale", eTag: read[key].eTag } })).rejects.toThrow(/etag/);
    expect((await storage.read([key]))[key]).toMatchObject({ step: "what" });
    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it("lets exactly one of two concurrent deliveries of an activity claim the turn", async () => {
    const ts = await freshStore();
    const claims = new TurnClaims(
      new Repository<TurnClaim>(ts.store.containers.botstate, (i) => i.id, clock),
      clock,
    );
    const id = TurnClaims.idFor("msteams", "a:1", "activity-1");
    const results = await Promise.all([claims.claim(id), claims.claim(id), claims.claim(id)]);
    expect(results.filter((r) => r.kind === "first")).toHaveLength(1);
    await claims.release(id);
    expect((await claims.claim(id)).kind).toBe("first");
  });

  it("lets a redelivery take over a turn whose process died mid-turn, but not one that is still running", async () => {
    const ts = await freshStore();
    clock.set(new Date("2026-11-22T10:00:00Z"));
    const claims = new TurnClaims(
      new Repository<TurnClaim>(ts.store.containers.botstate, (i) => i.id, clock),
      clock,
    );
    const id = TurnClaims.idFor("msteams", "a:1", "activity-2");
    expect((await claims.claim(id)).kind).toBe("first");
    clock.set(new Date("2026-11-22T10:00:15Z")); // Teams redelivers after 15 s: the first turn may still be running.
    expect((await claims.claim(id)).kind).toBe("duplicate");
    clock.set(new Date("2026-11-22T10:00:40Z")); // Still "started" long after any turn could run: its process is gone.
    const takeovers = await Promise.all([claims.claim(id), claims.claim(id)]);
    expect(takeovers.map((r) => r.kind).sort()).toEqual(["duplicate", "first"]);
    await claims.complete(id);
    clock.set(new Date("2026-11-22T10:05:00Z"));
    expect((await claims.claim(id)).kind).toBe("duplicate");
  });
});
