import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCase } from "../support/builders.js";
import { cardsOf, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT } from "../support/teams-client.js";

const admin = aUser({ name: "Admin" });
const other = aUser({ name: "Olle Personal" });
const FIRST = { teamId: "19:team-first@thread.tacv2", channelId: "19:chan-first@thread.tacv2" };
const SECOND = { teamId: "19:team-second@thread.tacv2", channelId: "19:chan-second@thread.tacv2" };
const newcomer = aUser({ name: "Nya Dataskyddsombudet" });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_AAD_IDS: admin.aadObjectId, DEADLINE_WATCH_SECONDS: "0" } });
  h.connector.rosters.set(SECOND.teamId, [
    { id: `29:${newcomer.aadObjectId}`, aadObjectId: newcomer.aadObjectId, name: newcomer.name },
  ]);
});
afterAll(async () => h?.close());

const channelCardsWith = (channelId: string, text: string) =>
  h.connector.captured.filter(
    (x) =>
      x.kind === "send" &&
      x.conversationId === channelId &&
      textOf(cardsOf(x.activity)[0] ?? {}).includes(text),
  );

describe("setting up the DSO channel", () => {
  it("before any channel is set, a case is kept, admins are told once and the app stays ready", async () => {
    await h.personal(admin).say("hjälp");
    const { case: c } = await h.app.services.cases.create(aCase(), { name: "R" });
    const told = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.conversationId === `a:personal-${admin.aadObjectId}` &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes("ingen kanal för dataskyddsombudet är inställd"),
      ),
    );
    expect(textOf(cardsOf(told.activity)[0]!)).toContain(c.number);
    await h.app.services.cases.create(aCase(), { name: "R" });
    await h.app.runBackground();
    const notices = h.connector.captured.filter(
      (x) => x.conversationId === `a:personal-${admin.aadObjectId}`,
    );
    expect(notices.filter((x) => textOf(cardsOf(x.activity)[0] ?? {}).includes("ingen kanal"))).toHaveLength(
      1,
    );
    expect((await h.app.services.cases.get(TEST_TENANT, c.id))!.status).toBe("reported");
    expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
  });

  it("only an administrator can set the DSO channel, and only in a channel", async () => {
    const refused = await h.inChannel(other, FIRST).say("<at>Värna</at> setup dso");
    expect(textOf(refused.cards[0]!)).toContain("Det här får bara en administratör göra");
    const personal = await h.personal(admin).say("setup dso");
    expect(textOf(personal.cards[0]!)).toContain("Skriv **setup dso** i den kanal");
    expect(await h.app.services.dsoChannels.get(TEST_TENANT)).toBeUndefined();
  });

  it("an admin sets the channel: cases waiting are posted there", async () => {
    const waiting = await h.app.services.cases.list(TEST_TENANT);
    const done = await h.inChannel(admin, FIRST).say("<at>Värna</at> setup dso");
    expect(textOf(done.cards[0]!)).toContain("Klart!");
    for (const c of waiting)
      await h.connector.waitFor(() => channelCardsWith(FIRST.channelId, c.number).length === 1);
    const again = await h.inChannel(admin, FIRST).say("<at>Värna</at> setup dso");
    expect(textOf(again.cards[0]!)).toContain("redan dataskyddsombudets kanal");
  });

  it("a second setup elsewhere asks first, then moves the channel and the DSO role with it", async () => {
    const asked = await h.inChannel(admin, SECOND).say("<at>Värna</at> setup dso");
    expect(textOf(asked.cards[0]!)).toContain("Flytta dataskyddsombudets kanal?");
    expect((await h.app.services.dsoChannels.get(TEST_TENANT))!.channelId).toBe(FIRST.channelId);

    const cancelled = await h.inChannel(admin, SECOND).press(asked.cards[0]!, "dso.setup.cancel");
    expect(textOf(cancelled.cards.at(-1)!)).toContain("Kanalen är oförändrad.");
    expect((await h.app.services.dsoChannels.get(TEST_TENANT))!.channelId).toBe(FIRST.channelId);

    const forged = await h.inChannel(admin, FIRST).press(asked.cards[0]!, "dso.setup.confirm");
    expect(forged.message).toContain("Något i formuläret var inte som jag väntade mig");

    const moved = await h.inChannel(admin, SECOND).press(asked.cards[0]!, "dso.setup.confirm");
    expect(textOf(moved.cards.at(-1)!)).toContain("Klart!");
    expect((await h.app.services.dsoChannels.get(TEST_TENANT))!.channelId).toBe(SECOND.channelId);
    const roles = await h.app.services.roles.rolesOf({
      orgId: TEST_TENANT,
      aadObjectId: newcomer.aadObjectId,
    });
    expect(roles.has("dso")).toBe(true);

    const { case: c } = await h.app.services.cases.create(aCase(), { name: "R" });
    await h.connector.waitFor(() => channelCardsWith(SECOND.channelId, c.number).length === 1);
    expect(channelCardsWith(FIRST.channelId, c.number)).toHaveLength(0);
  });
});

describe("the unit manager registry", () => {
  it("an admin or DSO adds, renames and removes a unit's managers; staff cannot", async () => {
    const manager = aUser({ name: "Karin Chef" });
    const dsoChat = h.inChannel(newcomer, SECOND);
    const card = (await dsoChat.say("<at>Värna</at> chefer")).cards[0]!;
    expect(textOf(card)).toContain("Inga chefer registrerade.");
    const added = await dsoChat.press(card, "managers.put", {
      unitId: "vard-och-omsorg",
      manager: manager.aadObjectId,
      name: manager.name,
    });
    expect(textOf(added.cards.at(-1)!)).toContain("Vård- och omsorgsförvaltningen");
    expect(textOf(added.cards.at(-1)!)).toContain("Karin Chef");
    await dsoChat.execute("managers.put", {
      unitId: "vard-och-omsorg",
      manager: manager.aadObjectId,
      name: "Karin Chefsdotter",
    });
    expect(await h.app.services.unitManagers.forUnit(TEST_TENANT, "vard-och-omsorg")).toEqual([
      { aadObjectId: manager.aadObjectId, name: "Karin Chefsdotter" },
    ]);

    const staffTry = await h.personal(other).execute("managers.put", {
      unitId: "vard-och-omsorg",
      manager: other.aadObjectId,
      name: "Jag själv",
    });
    expect(staffTry.message).toContain("Det här får bara dataskyddsombudet göra");
    const badUnit = await dsoChat.execute("managers.put", {
      unitId: "no-such-unit",
      manager: manager.aadObjectId,
      name: "X",
    });
    expect(badUnit.message).toContain("Den förvaltningen finns inte.");

    const listed = (await dsoChat.say("<at>Värna</at> chefer")).cards[0]!;
    const removed = await dsoChat.press(listed, "managers.remove", {
      entry: `vard-och-omsorg|${manager.aadObjectId}`,
    });
    expect(textOf(removed.cards.at(-1)!)).toContain("Borttagen.");
    expect(await h.app.services.unitManagers.forUnit(TEST_TENANT, "vard-och-omsorg")).toEqual([]);
  });

  it("a newly registered manager is greeted in personal chat; if Teams cannot reach them, whoever registered them is told", async () => {
    const known = aUser({ name: "Maja Chef" });
    await h.personal(known).say("hjälp");
    const unknown = aUser({ name: "Nils Nåslös" });
    const dsoChat = h.inChannel(newcomer, SECOND);
    await h.personal(newcomer).say("hjälp");
    // Opening a new chat with someone who never installed Värna is refused by Teams.
    h.connector.fail(403, { matches: (c) => c.kind === "createConversation", times: 1 });

    await dsoChat.execute("managers.put", {
      unitId: "kultur-och-fritid",
      manager: known.aadObjectId,
      name: known.name,
    });
    await dsoChat.execute("managers.put", {
      unitId: "kultur-och-fritid",
      manager: unknown.aadObjectId,
      name: unknown.name,
    });

    const welcome = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.conversationId === `a:personal-${known.aadObjectId}` &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(
            "ansvarig chef för **Kultur- och fritidsförvaltningen**",
          ),
      ),
    );
    expect(welcome).toBeDefined();
    const warning = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.conversationId === `a:personal-${newcomer.aadObjectId}` &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(
            "**Nils Nåslös** är registrerad som chef men kan inte nås",
          ),
      ),
    );
    expect(warning).toBeDefined();
    // Renaming an existing manager is not a new registration: no second greeting.
    await dsoChat.execute("managers.put", {
      unitId: "kultur-och-fritid",
      manager: known.aadObjectId,
      name: "Maja Chefsson",
    });
    await h.app.settled();
    const greetings = h.connector.captured.filter(
      (x) =>
        x.conversationId === `a:personal-${known.aadObjectId}` &&
        textOf(cardsOf(x.activity)[0] ?? {}).includes("ansvarig chef för"),
    );
    expect(greetings).toHaveLength(1);
  });
});
