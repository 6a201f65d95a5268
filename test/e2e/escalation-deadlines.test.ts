import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.js";
import type { Case } from "../../src/cases/case.js";
import type { NewCase } from "../../src/store/case-repository.js";
import type { Stored } from "../../src/store/repository.js";
import { aCase } from "../support/builders.js";
import { type Card, cardsOf, textOf } from "../support/cards.js";
import { waitForCase } from "../support/cases.js";
import type { Captured } from "../support/connector.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT } from "../support/teams-client.js";

const TEAM = "19:team-deadlines@thread.tacv2";
const CHANNEL = "19:chan-deadlines@thread.tacv2";
const admin = aUser({ name: "Admin" });
const dso = aUser({ name: "Dora Dataskydd" });
const T0 = new Date("2026-11-20T09:00:00.000Z");
const hoursAfter = (h: number) => new Date(T0.getTime() + h * 3600_000 + 60_000);

let h: Harness;
let second: App;

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_AAD_IDS: admin.aadObjectId, DEADLINE_WATCH_SECONDS: "0" }, now: T0 });
  h.connector.rosters.set(
    TEAM,
    [admin, dso].map((u) => ({ id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name })),
  );
  await h.inChannel(admin, { teamId: TEAM, channelId: CHANNEL }).say("<at>Värna</at> setup dso");
  second = await h.startInstance();
});
afterAll(async () => h?.close());

function postsOf(number: string): Captured[] {
  return h.connector.captured.filter(
    (x) =>
      x.kind === "send" &&
      x.conversationId === CHANNEL &&
      textOf(cardsOf(x.activity)[0] ?? ({} as Card)).includes(number),
  );
}

async function postedCase(overrides: Partial<NewCase> = {}): Promise<Stored<Case>> {
  const { case: created } = await h.app.services.cases.create(aCase(overrides), { name: "R" });
  await h.connector.waitFor(() => postsOf(created.number).length > 0);
  return waitForCase(h, created.id, (c) => c.channelPost !== undefined);
}

function remindersOf(c: Stored<Case>): Captured[] {
  return h.connector.captured.filter(
    (x) => x.kind === "send" && x.conversationId === `${CHANNEL};messageid=${c.channelPost!.activityId}`,
  );
}

/** Both instances run their watcher at the same moment, twice. */
async function bothWatchersRun(): Promise<void> {
  await Promise.all([h.app.runBackground(), second.runBackground()]);
  await Promise.all([h.app.runBackground(), second.runBackground()]);
}

describe("deadline reminders", () => {
  it("each reminder (24, 48, 60, 70 h and past the deadline) is sent once and only once with two instances running", async () => {
    h.clock.set(T0);
    const c = await postedCase({ discoveredAt: T0.toISOString() });
    await bothWatchersRun();
    expect(remindersOf(c)).toHaveLength(0);

    const expected: string[] = [];
    for (const [hours, words] of [
      [24, "24 timmar sedan upptäckten, 48 timmar kvar"],
      [48, "48 timmar sedan upptäckten, 24 timmar kvar"],
      [60, "60 timmar sedan upptäckten, 12 timmar kvar"],
      [70, "70 timmar sedan upptäckten, 2 timmar kvar"],
      [72, "Fristen till IMY för ärende"],
    ] as const) {
      h.clock.set(hoursAfter(hours));
      await bothWatchersRun();
      expected.push(words);
      const texts = remindersOf(c).map((x) => x.activity.text ?? "");
      expect(texts).toHaveLength(expected.length);
      expect(texts.at(-1)).toContain(words);
      expect(texts.at(-1)).toContain(c.number);
    }

    // A restarted instance finds every reminder already sent.
    await second.close();
    second = await h.startInstance();
    h.clock.set(hoursAfter(80));
    await bothWatchersRun();
    expect(remindersOf(c)).toHaveLength(5);
  });

  it("the reminder @mentions the DSO handling the case, and goes to the case's thread when nobody has it yet", async () => {
    h.clock.set(T0);
    const unassigned = await postedCase({ discoveredAt: T0.toISOString() });
    const taken = await postedCase({ discoveredAt: T0.toISOString() });
    await h.app.services.cases.update(
      TEST_TENANT,
      taken.id,
      (c) => ({ ...c, status: "triage", assignee: { aadObjectId: dso.aadObjectId, name: dso.name } }),
      { actor: { aadObjectId: dso.aadObjectId, name: dso.name }, type: "case.take" },
    );
    const fresh = await waitForCase(h, taken.id, (c) => c.assignee !== undefined);
    h.clock.set(hoursAfter(24));
    await bothWatchersRun();
    const mentionOf = (c: Stored<Case>) =>
      (remindersOf(c)[0]!.activity.entities as { mentioned: { id: string } }[])[0]!.mentioned;
    expect(mentionOf(fresh)).toMatchObject({ id: dso.aadObjectId });
    expect(remindersOf(fresh)[0]!.activity.text).toContain(`<at>${dso.name}</at>`);
    expect(remindersOf(unassigned)[0]!.activity.entities ?? []).toEqual([]);
    expect(remindersOf(unassigned)[0]!.activity.text).toMatch(
      /^Ärende PUI-\d{4}-\d{4} har ingen IMY-bedömning/,
    );
  });

  it("a case with an IMY decision gets no reminders", async () => {
    h.clock.set(T0);
    const c = await postedCase({ discoveredAt: T0.toISOString() });
    await h.app.services.cases.update(
      TEST_TENANT,
      c.id,
      (x) => ({
        ...x,
        status: "assessed",
        dsoAssessment: {
          notifyImy: true,
          informSubjects: true,
          assessedAt: T0.toISOString(),
          assessedBy: { aadObjectId: dso.aadObjectId, name: dso.name },
        },
      }),
      { actor: { name: "DSO" }, type: "case.assess" },
    );
    h.clock.set(hoursAfter(50));
    await bothWatchersRun();
    expect(remindersOf(c)).toHaveLength(0);
  });
});

describe("posting to the channel when Teams is busy", () => {
  it("the channel post fails with 429 and then succeeds: the case is posted once", async () => {
    h.clock.set(T0);
    h.connector.fail(429, {
      retryAfterSeconds: 1,
      times: 2,
      matches: (x) => x.kind === "send" && x.conversationId === CHANNEL,
    });
    const { case: created } = await h.app.services.cases.create(aCase(), { name: "R" });
    await h.connector.waitFor(() => postsOf(created.number).length > 0, 10_000);
    const c = await waitForCase(h, created.id, (x) => x.channelPost !== undefined);
    expect(postsOf(c.number)).toHaveLength(1);
    expect(c.channelPost!.activityId).toBe(postsOf(c.number)[0]!.activityId);
  });

  it("Teams keeps answering 429 past the connector's own retries: the post is retried again and lands once", async () => {
    h.clock.set(T0);
    h.connector.fail(429, {
      retryAfterSeconds: 0,
      times: 6,
      matches: (x) => x.kind === "send" && x.conversationId === CHANNEL,
    });
    const { case: created } = await h.app.services.cases.create(aCase(), { name: "R" });
    const c = await waitForCase(h, created.id, (x) => x.channelPost !== undefined);
    expect(postsOf(c.number)).toHaveLength(1);
  });

  it("a post that finally fails leaves the case reported and unposted; the watcher posts it later, once", async () => {
    h.clock.set(T0);
    h.connector.fail(403, { times: 1, matches: (x) => x.kind === "send" && x.conversationId === CHANNEL });
    const { case: created } = await h.app.services.cases.create(aCase(), { name: "R" });
    await h.app.settled();
    const before = await h.app.services.cases.get(TEST_TENANT, created.id);
    expect(before).toMatchObject({ status: "reported" });
    expect(before!.channelPost).toBeUndefined();
    expect(postsOf(created.number)).toHaveLength(0);

    await bothWatchersRun();
    const after = await waitForCase(h, created.id, (x) => x.channelPost !== undefined);
    expect(postsOf(after.number)).toHaveLength(1);
  });

  it("a card update that meets 503 is retried until it lands", async () => {
    h.clock.set(T0);
    const c = await postedCase();
    h.connector.fail(503, {
      times: 1,
      matches: (x) => x.kind === "update" && x.activityId === c.channelPost!.activityId,
    });
    await h.app.services.cases.update(
      TEST_TENANT,
      c.id,
      (x) => ({ ...x, status: "triage", assignee: { aadObjectId: dso.aadObjectId, name: dso.name } }),
      { actor: { aadObjectId: dso.aadObjectId, name: dso.name }, type: "case.take" },
    );
    const update = await h.connector.waitFor(
      (all) => all.find((x) => x.kind === "update" && x.activityId === c.channelPost!.activityId),
      10_000,
    );
    expect(textOf(cardsOf(update.activity)[0]!)).toContain(dso.name);
  });
});

describe("the watcher's own timer", () => {
  it("an instance started with DEADLINE_WATCH_SECONDS runs the watcher by itself", async () => {
    h.clock.set(T0);
    const c = await postedCase({ discoveredAt: T0.toISOString() });
    const timed = await startApp(
      { ...h.app.services.config, deadlineWatchSeconds: 60 },
      { store: h.testStore.store, clock: h.clock, log: h.app.services.log },
    );
    try {
      h.clock.set(hoursAfter(24));
      await h.connector.waitFor(() => remindersOf(c).length === 1, 5_000);
      expect(remindersOf(c)[0]!.activity.text).toContain("24 timmar sedan upptäckten");
    } finally {
      await timed.close();
    }
  });
});
