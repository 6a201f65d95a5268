import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe("the bot's first words", () => {
  it("greets a Swedish-speaking clerk once when the app is installed, offering the three things it does", async () => {
    const chat = h.personal(aUser({ locale: "sv-SE" }));
    const [install, update] = await chat.install();
    expect(install.status).toBe(200);
    expect(update.status).toBe(200);
    const cards = [...install.cards, ...update.cards];
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]!);
    expect(text).toContain("Hej! Jag är Värna");
    expect(text).toContain("Rapportera en incident");
    expect(text).toContain("Får jag skicka det här?");
    expect(text).toContain("Mina ärenden");
  });

  it("greets in English when the person's Teams runs in English", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const results = await chat.install();
    const text = textOf(results.flatMap((r) => r.cards)[0]!);
    expect(text).toContain("Hi! I'm Värna");
    expect(text).toContain("Report an incident");
    expect(text).toContain("May I send this?");
  });

  it("answers hjälp and help with the same menu", async () => {
    const sv = await h.personal(aUser()).say("Hjälp");
    expect(textOf(sv.cards[0]!)).toContain("Rapportera en incident");
    const en = await h.personal(aUser({ locale: "en-US" })).say("help");
    expect(textOf(en.cards[0]!)).toContain("Report an incident");
  });

  it("answers what it does not understand with a short help, never silence", async () => {
    const result = await h.personal(aUser()).say("vad blir det för väder i morgon");
    expect(result.cards).toHaveLength(1);
    expect(textOf(result.cards[0]!)).toContain("Det förstod jag inte riktigt");
  });

  it("refuses a card action it does not know, in the person's language, without changing anything", async () => {
    const result = await h
      .personal(aUser({ locale: "en-US" }))
      .execute("case.delete-everything", { id: "x" });
    expect(result.status).toBe(200);
    expect(result.message).toMatch(/can't read that card/);
  });

  it("remembers where each person can be reached, without their name", async () => {
    const user = aUser();
    await h.personal(user).say("hjälp");
    const { resources } = await h.testStore.store.containers.conversations.items
      .query({
        query: "SELECT * FROM c WHERE c.aadObjectId = @a",
        parameters: [{ name: "@a", value: user.aadObjectId }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
    expect(resources[0].kind).toBe("personal");
    expect(resources[0].reference.conversation.id).toBe(`a:personal-${user.aadObjectId}`);
    expect(JSON.stringify(resources[0])).not.toContain(user.name);
  });

  it("remembers a team channel it is used in", async () => {
    const chat = h.inChannel(aUser(), {
      teamId: "19:team-dso@thread.tacv2",
      channelId: "19:chan-dso@thread.tacv2",
    });
    await chat.say("<at>Värna</at> hjälp");
    const { resources } = await h.testStore.store.containers.conversations.items
      .query({
        query: "SELECT * FROM c WHERE c.channelId = @c",
        parameters: [{ name: "@c", value: "19:chan-dso@thread.tacv2" }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
    expect(resources[0].kind).toBe("channel");
    expect(resources[0].teamId).toBe("19:team-dso@thread.tacv2");
  });

  it("does the work once when Teams redelivers the same activity", async () => {
    const chat = h.personal(aUser());
    const activity = chat.activity({ type: "message", text: "hjälp" });
    const first = await chat.post(activity);
    const again = await chat.post(activity);
    expect(first.cards).toHaveLength(1);
    expect(again.status).toBe(200);
    expect(again.cards).toHaveLength(0);
  });

  it("answers a redelivered card action whose first answer was a card with 'already done', without storing the card", async () => {
    const chat = h.personal(aUser({ locale: "en-US" }));
    const first = await chat.execute("sendcheck.start", {}, "invoke-card-1");
    expect(first.cards).toHaveLength(1);
    const again = await chat.execute("sendcheck.start", {}, "invoke-card-1");
    expect(again.cards).toHaveLength(0);
    expect(again.message).toContain("already been done");
  });

  it("replays the first answer when Teams redelivers a card action", async () => {
    const chat = h.personal(aUser({ locale: "en-US" }));
    const first = await chat.execute("no.such.verb", {}, "invoke-1");
    const again = await chat.execute("no.such.verb", {}, "invoke-1");
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });
});
