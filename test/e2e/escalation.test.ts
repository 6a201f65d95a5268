import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import type { NewCase } from "../../src/store/case-repository.js";
import type { Stored } from "../../src/store/repository.js";
import { aCase } from "../support/builders.js";
import { type Card, cardsOf, hasAction, textOf } from "../support/cards.js";
import type { Captured } from "../support/connector.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT } from "../support/teams-client.js";

const TEAM = "19:team-dso@thread.tacv2";
const CHANNEL = "19:chan-dso@thread.tacv2";
const admin = aUser({ name: "Admin Adminsson" });
const dso1 = aUser({ name: "Dora Dataskydd" });
const dso2 = aUser({ name: "Sixten Säker" });
const staff = aUser({ name: "Stina Personal" });

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    env: {
      ADMIN_AAD_IDS: admin.aadObjectId,
      DEADLINE_WATCH_SECONDS: "0",
      PUBLIC_URL: "https://varna.example.se",
    },
  });
  h.connector.rosters.set(
    TEAM,
    [admin, dso1, dso2].map((u) => ({ id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name })),
  );
  const setup = await h
    .inChannel(admin, { teamId: TEAM, channelId: CHANNEL })
    .say("<at>Värna</at> setup dso");
  expect(textOf(setup.cards[0]!)).toContain("Nya ärenden publiceras nu i den här kanalen");
});
afterAll(async () => h?.close());

const channel = (user = dso1) => h.inChannel(user, { teamId: TEAM, channelId: CHANNEL });

/** Creates a case as the incident flow does and waits until its card is in the DSO channel. */
async function postedCase(overrides: Partial<NewCase> = {}): Promise<{ c: Stored<Case>; post: Captured }> {
  const { case: created } = await h.app.services.cases.create(aCase(overrides), { name: "Rapportör" });
  const post = await h.connector.waitFor((all) =>
    all.find(
      (x) =>
        x.kind === "send" &&
        x.conversationId === CHANNEL &&
        textOf(cardsOf(x.activity)[0] ?? {}).includes(created.number),
    ),
  );
  const c = await waitForCase(created.id, (x) => x.channelPost !== undefined);
  return { c, post };
}

async function waitForCase(id: string, test: (c: Stored<Case>) => boolean): Promise<Stored<Case>> {
  for (let i = 0; i < 100; i++) {
    const c = await h.app.services.cases.get(TEST_TENANT, id);
    if (c && test(c)) return c;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("case never reached the expected state");
}

/** What a DSO sees: Teams refreshes the channel card for the listed DSO members. */
async function refreshed(caseId: string, user = dso1): Promise<Card> {
  const result = await channel(user).execute("case.refresh", { caseId });
  return result.cards.at(-1)!;
}

function updatesOf(activityId: string): Captured[] {
  return h.connector.captured.filter((x) => x.kind === "update" && x.activityId === activityId);
}

describe("the DSO channel", () => {
  it("a new case is posted to the DSO channel at once, read-only for all, refreshed with actions for the DSO team", async () => {
    const { c, post } = await postedCase({ protectionLevel: "skyddad_folkbokforing" });
    const card = cardsOf(post.activity)[0]!;
    const text = textOf(card);
    expect(text).toContain(c.number);
    expect(text).toContain("Skyddade personuppgifter: Skyddad folkbokföring");
    expect(text).toContain("Socialförvaltningen");
    expect(text).toContain("Uppgifter har röjts för någon obehörig.");
    expect(text).toContain("Rapporterad");
    expect(text).not.toContain("Rapportör Test");
    expect(hasAction(card, "case.take")).toBe(false);
    const refresh = card.refresh as { action: { verb: string }; userIds: string[] };
    expect(refresh.action.verb).toBe("case.refresh");
    expect(refresh.userIds.sort()).toEqual([admin, dso1, dso2].map((u) => u.aadObjectId).sort());

    expect(hasAction(await refreshed(c.id), "case.take")).toBe(true);
    const staffView = await refreshed(c.id, staff);
    expect(hasAction(staffView, "case.take")).toBe(false);
  });

  it("a DSO takes the case: their card says so, the channel card is updated in place and the reporter is told", async () => {
    const reporter = aUser();
    await h.personal(reporter).say("hjälp");
    const { c, post } = await postedCase({
      reporter: { aadObjectId: reporter.aadObjectId, name: reporter.name },
    });
    const result = await channel().press(await refreshed(c.id), "case.take");
    expect(textOf(result.cards.at(-1)!)).toContain("Du har tagit ärendet.");
    const update = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.kind === "update" &&
          x.activityId === post.activityId &&
          textOf(cardsOf(x.activity)[0]!).includes(dso1.name),
      ),
    );
    expect(textOf(cardsOf(update.activity)[0]!)).toContain("Under bedömning");
    const told = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.conversationId === `a:personal-${reporter.aadObjectId}` &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes("hanteras nu"),
      ),
    );
    expect(textOf(cardsOf(told.activity)[0]!)).toContain(c.number);
    const history = await h.app.services.cases.history(c.id);
    expect(history.find((e) => e.type === "case.take")).toMatchObject({ from: "reported", to: "triage" });
  });

  it("a staff member's forged Take is refused and changes nothing", async () => {
    const { c } = await postedCase();
    const result = await channel(staff).execute("case.take", { caseId: c.id, v: c._etag });
    expect(result.message).toContain("Det här får bara dataskyddsombudet göra");
    expect((await h.app.services.cases.get(TEST_TENANT, c.id))!._etag).toBe(c._etag);
  });

  it("two DSOs press Take at the same time: one gets the case, the other sees who has it", async () => {
    const { c } = await postedCase();
    const [card1, card2] = [await refreshed(c.id, dso1), await refreshed(c.id, dso2)];
    const [r1, r2] = await Promise.all([
      channel(dso1).press(card1, "case.take"),
      channel(dso2).press(card2, "case.take"),
    ]);
    const texts = [textOf(r1.cards.at(-1)!), textOf(r2.cards.at(-1)!)];
    expect(texts.filter((x) => x.includes("Du har tagit ärendet."))).toHaveLength(1);
    expect(texts.filter((x) => x.includes("Ärendet hade ändrats"))).toHaveLength(1);
    const after = await h.app.services.cases.get(TEST_TENANT, c.id);
    const winner = texts[0]!.includes("Du har tagit") ? dso1 : dso2;
    expect(after!.assignee?.aadObjectId).toBe(winner.aadObjectId);
    expect((await h.app.services.cases.history(c.id)).filter((e) => e.type === "case.take")).toHaveLength(1);
  });
});
