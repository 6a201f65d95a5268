import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWeek, type WeeklyCounters } from "../../src/flows/sendcheck/counters.js";
import { CONTAINERS, type ContainerName } from "../../src/store/containers.js";
import { type Card, findAction, findInput, pressPayload, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT, type TeamsClient } from "../support/teams-client.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

function prefilled(card: Card) {
  return {
    information: findInput(card, "information").value,
    recipient: findInput(card, "recipient").value,
    channel: findInput(card, "channel").value,
  };
}

/** The verdict is the answer card's first line. */
function verdictOf(card: Card): string {
  return (card.body as { text: string }[])[0]!.text;
}

/** Submits the three answers as the question card does and returns the answer card. */
async function check(
  chat: TeamsClient,
  information: string,
  recipient: string,
  channel: string,
): Promise<Card> {
  const answered = await chat.execute("sendcheck.answer", { information, recipient, channel });
  return answered.cards.at(-1)!;
}

async function countersThisWeek(): Promise<WeeklyCounters | undefined> {
  const { resources } = await h.testStore.store.containers.sendcheckCounters.items
    .query<WeeklyCounters>({
      query: "SELECT * FROM c WHERE c.orgId = @org AND c.id = @week",
      parameters: [
        { name: "@org", value: TEST_TENANT },
        { name: "@week", value: isoWeek(new Date()) },
      ],
    })
    .fetchAll();
  return resources[0];
}

async function everythingStored(): Promise<string> {
  const dumps = await Promise.all(
    (Object.keys(CONTAINERS) as ContainerName[]).map(async (name) => {
      const { resources } = await h.testStore.store.containers[name].items.readAll().fetchAll();
      return JSON.stringify(resources);
    }),
  );
  return dumps.join("\n");
}

describe("may I send this?", () => {
  it("a clerk asks in Swedish whether she may e-mail personal identity numbers to Försäkringskassan and gets the card pre-filled", async () => {
    const result = await h.personal(aUser()).say("Får jag mejla personnummer till Försäkringskassan?");
    expect(result.cards).toHaveLength(1);
    const card = result.cards[0]!;
    expect(textOf(card)).toContain("Får jag skicka det här?");
    expect(textOf(card)).toContain("Jag har fyllt i det jag kände igen");
    expect(prefilled(card)).toEqual({ information: "ordinary", recipient: "authority", channel: "email" });
  });

  it("an English-speaking clerk asks about a home address by SMS; only the recipient is left to answer", async () => {
    const result = await h.personal(aUser({ locale: "en-GB" })).say("can I send a home address by SMS?");
    const card = result.cards[0]!;
    expect(textOf(card)).toContain("May I send this?");
    expect(prefilled(card)).toEqual({ information: "ordinary", recipient: "", channel: "sms" });
  });

  it("a question that matches nothing gets the three questions with nothing filled in", async () => {
    const result = await h.personal(aUser()).say("skicka");
    const card = result.cards[0]!;
    expect(prefilled(card)).toEqual({ information: "", recipient: "", channel: "" });
    expect(textOf(card)).not.toContain("Jag har fyllt i");
  });

  it("a full check in three clicks: sensitive data by e-mail to another authority is a no, with the reason, the rule and the safe way, and is counted anonymously", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const before = await countersThisWeek();
    const key = "sensitive|authority|email|no";
    const checksBefore = before?.cells[key]?.checks ?? 0;

    const [welcome] = (await chat.say("hjälp")).cards;
    const opened = await chat.press(welcome!, "Får jag skicka det här?");
    const question = opened.cards.at(-1)!;
    const answered = await chat.press(question, "Kontrollera", {
      information: "sensitive",
      recipient: "authority",
      channel: "email",
    });
    const answer = answered.cards.at(-1)!;
    const text = textOf(answer);
    expect(verdictOf(answer)).toBe("Nej");
    expect(text).toContain("får inte skickas okrypterat");
    expect(text).toContain("GDPR art. 32");
    expect(text).toContain("Använd SDK till en annan myndighet");
    expect(text).toContain("Kontrollera något annat");

    const after = await countersThisWeek();
    expect(after!.cells[key]).toEqual({
      information: "sensitive",
      recipient: "authority",
      channel: "email",
      verdict: "no",
      checks: checksBefore + 1,
      helpfulYes: before?.cells[key]?.helpfulYes ?? 0,
      helpfulNo: before?.cells[key]?.helpfulNo ?? 0,
    });

    const thanked = await chat.press(answer, "Ja");
    expect(textOf(thanked.cards.at(-1)!)).toContain("Tack! Ditt svar räknas anonymt");
    expect((await countersThisWeek())!.cells[key]!.helpfulYes).toBe(
      (before?.cells[key]?.helpfulYes ?? 0) + 1,
    );

    // Only the week's counters: no asker, no conversation, no typed text.
    const stored = JSON.stringify(await countersThisWeek());
    expect(Object.keys((await countersThisWeek())!).filter((k) => !k.startsWith("_"))).toEqual([
      "id",
      "orgId",
      "week",
      "cells",
    ]);
    for (const identifying of [user.aadObjectId, user.name, chat.conversation.id]) {
      expect(stored).not.toContain(identifying);
    }
  });

  it("a yes-if answer lists the conditions and 'Check another' starts over", async () => {
    const chat = h.personal(aUser({ locale: "en-US" }));
    const answer = await check(chat, "skyddad_folkbokforing", "subject", "letter");
    const text = textOf(answer);
    expect(verdictOf(answer)).toBe("Yes, if …");
    expect(text).toContain("Skatteverket's forwarding");
    const again = await chat.press(answer, "Check something else");
    expect(prefilled(again.cards.at(-1)!)).toEqual({ information: "", recipient: "", channel: "" });
  });

  it("when the protection level is unknown, the clerk gets the strictest answer and is told why", async () => {
    const answer = await check(
      h.personal(aUser({ locale: "en-US" })),
      "protected_unknown",
      "subject",
      "phone",
    );
    const text = textOf(answer);
    expect(verdictOf(answer)).toBe("No");
    expect(text).toContain("you get the strictest answer");
  });

  it("'Report an incident instead' hands the three answers to the incident conversation", async () => {
    const answer = await check(h.personal(aUser()), "sekretessmarkering", "external", "teams_chat");
    expect(findAction(answer, "Rapportera en incident i stället").type).toBe("Action.Execute");
    expect(pressPayload(answer, "Rapportera en incident i stället")).toEqual({
      verb: "incident.start",
      data: { prefill: { channel: "teams_chat", information: "sekretessmarkering", recipient: "external" } },
    });
  });

  it("a pasted personal identity number gets a reminder, and neither it nor the question is stored", async () => {
    const chat = h.personal(aUser());
    const result = await chat.say("får jag sms:a 19121212-1212 till hans kollega?");
    expect(result.cards).toHaveLength(2);
    expect(textOf(result.cards[0]!)).toContain("ser ut som ett personnummer");
    expect(prefilled(result.cards[1]!)).toEqual({ information: "", recipient: "colleague", channel: "sms" });
    const stored = await everythingStored();
    expect(stored).toContain(chat.conversation.id); // the dump does read what the bot keeps
    expect(stored).not.toContain("1212-1212");
    expect(stored).not.toContain("121212");
    expect(stored).not.toContain("sms:a");
    expect(stored).not.toContain("Försäkringskassan");
  });

  it("a forged answer with an unknown channel is refused with a message and nothing is counted", async () => {
    const before = JSON.stringify(await countersThisWeek());
    const result = await h.personal(aUser()).execute("sendcheck.answer", {
      information: "sensitive",
      recipient: "authority",
      channel: "carrier-pigeon",
    });
    expect(result.status).toBe(200);
    expect(result.message).toContain("sparade ingenting");
    const forgedHelpful = await h.personal(aUser()).execute("sendcheck.helpful", {
      information: "none",
      recipient: "colleague",
      channel: "email",
      helpful: "very",
    });
    expect(forgedHelpful.message).toContain("sparade ingenting");
    expect(JSON.stringify(await countersThisWeek())).toBe(before);
  });
});
