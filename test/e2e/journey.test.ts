import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardsOf, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { protectedAddressRevealed, shown, walkToSummary } from "../support/incident.js";
import { TEST_TENANT } from "../support/teams-client.js";

const TEAM = "19:team-dso@thread.tacv2";
const CHANNEL = "19:chan-dso@thread.tacv2";
const admin = aUser({ name: "Admin Adminsson" });
const dso = aUser({ name: "Dora Dataskydd" });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    now: new Date("2026-11-22T10:00:00Z"),
    env: { ADMIN_AAD_IDS: admin.aadObjectId, DEADLINE_WATCH_SECONDS: "0" },
  });
  h.connector.rosters.set(
    TEAM,
    [admin, dso].map((u) => ({ id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name })),
  );
  await h.inChannel(admin, { teamId: TEAM, channelId: CHANNEL }).say("<at>Värna</at> setup dso");
});
afterAll(async () => h?.close());

describe("from a worried clerk to the DSO channel", () => {
  it("a clerk reports a protected address revealed in a letter; the DSO channel gets a card of the highest severity at once, the DSO takes it and the clerk is told", async () => {
    const clerk = aUser({ name: "Klara Kontorist" });
    const chat = h.personal(clerk);
    const first = shown(await chat.say("jag skickade fel brev"));
    const { summary } = await walkToSummary(chat, first, protectedAddressRevealed());
    const receipt = textOf(shown(await chat.press(summary, "incident.submit")));
    const number = /PUI-2026-\d{4}/.exec(receipt)?.[0];
    expect(number).toBeDefined();

    const post = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.kind === "send" &&
          x.conversationId === CHANNEL &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(number!),
      ),
    );
    const channelText = textOf(cardsOf(post.activity)[0]!);
    expect(channelText).toContain("Skyddad folkbokföring");
    expect(channelText).toContain("Mycket hög");
    // The channel card does not name the reporter (the person who made a mistake is not named).
    expect(channelText).not.toContain(clerk.name);

    const [stored] = await h.app.services.cases.list(TEST_TENANT, {
      reporterAad: clerk.aadObjectId,
    });
    const dsoChat = h.inChannel(dso, { teamId: TEAM, channelId: CHANNEL });
    const dsoCard = (await dsoChat.execute("case.refresh", { caseId: stored!.id })).cards.at(-1)!;
    expect(textOf((await dsoChat.press(dsoCard, "case.take")).cards.at(-1)!)).toContain(
      "Du har tagit ärendet.",
    );

    const told = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.conversationId === `a:personal-${clerk.aadObjectId}` &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(number!) &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes("hanteras nu"),
      ),
    );
    expect(told).toBeDefined();

    // Later the clerk adds what they found out; the DSO sees it on the channel card, updated in place.
    const added = await chat.execute("cases.add", {
      caseId: stored!.id,
      text: "Det visade sig gälla två brev, inte ett.",
    });
    expect(added.message).toBeUndefined();
    const updated = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.kind === "update" &&
          x.activityId === post.activityId &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(
            "Tillägg från rapportören: Det visade sig gälla två brev",
          ),
      ),
    );
    expect(updated).toBeDefined();
  });
});
