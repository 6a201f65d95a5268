import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWeek, type WeeklyCounters } from "../../src/flows/sendcheck/counters.js";
import { CONTAINERS, type ContainerName } from "../../src/store/containers.js";
import { type Card, findAction, findInput, pressPayload, textOf, walk } from "../support/cards.js";
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

/** The inputs a card asks for, by id. */
function inputIds(card: Card): string[] {
  return walk(card)
    .filter((n) => (n.type as string).startsWith("Input."))
    .map((n) => n.id as string);
}

/** The "what I understood" line of a verdict or ask card. */
function understoodOf(card: Card): string {
  return textOf(card)
    .split("\n")
    .find((l) => l.startsWith("Du frågar om") || l.startsWith("You are asking about"))!;
}

/** Opens the correction for one fact ("Inte rätt sätt?") and submits a new value, as one click on its button. */
async function correct(
  chat: TeamsClient,
  answer: Card,
  opener: string,
  update: string,
  inputs: Record<string, string>,
) {
  const show = findAction(answer, opener) as unknown as { type: string; card: Card };
  expect(show.type).toBe("Action.ShowCard");
  return chat.press(show.card, update, inputs);
}

describe("may I send this?", () => {
  it("a clerk asks in Swedish whether she may e-mail a personal identity number to Försäkringskassan and gets the verdict at once, with what was understood", async () => {
    const result = await h.personal(aUser()).say("Får jag mejla personnummer till Försäkringskassan?");
    expect(result.cards).toHaveLength(1);
    const card = result.cards[0]!;
    expect(verdictOf(card)).toBe("Nej");
    expect(understoodOf(card)).toBe(
      "Du frågar om: ett personnummer · till en annan myndighet · via vanlig e-post",
    );
    expect(inputIds(card).filter((id) => id !== "circumstances")).toEqual([
      "information",
      "recipient",
      "channel",
    ]);
  });

  it("a question without a question mark, with a relative and a compound, is read as written", async () => {
    const card = (await h.personal(aUser()).say("funkar det att sms:a vårdplanen till brukarens dotter"))
      .cards[0]!;
    expect(verdictOf(card)).toBe("Nej");
    expect(understoodOf(card)).toBe(
      "Du frågar om: känsliga uppgifter eller uppgifter under sekretess · till en anhörig · via sms",
    );
  });

  it("a condition that makes it stricter is honoured and shown: an unencrypted stick is a no", async () => {
    const card = (
      await h
        .personal(aUser({ locale: "en-GB" }))
        .say("can I put the names on an unencrypted USB stick for my colleague")
    ).cards[0]!;
    expect(verdictOf(card)).toBe("No");
    expect(understoodOf(card)).toContain("on a USB stick · unencrypted");
  });

  it("an English-speaking clerk asks about a home address by SMS; she is asked only who it goes to, then answered", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const result = await chat.say("can I send a home address by SMS?");
    expect(result.cards).toHaveLength(1);
    const ask = result.cards[0]!;
    expect(inputIds(ask)).toEqual(["recipient"]);
    expect(understoodOf(ask)).toBe("You are asking about: ordinary personal data · by SMS");
    const answered = await chat.press(ask, "Answer", { recipient: "colleague" });
    const answer = answered.cards.at(-1)!;
    expect(verdictOf(answer)).toBe("Yes, if …");
    expect(understoodOf(answer)).toBe(
      "You are asking about: ordinary personal data · to a colleague in the same unit · by SMS",
    );
  });

  it("two channels in one question are asked about, never guessed", async () => {
    const ask = (await h.personal(aUser()).say("får jag mejla eller sms:a en adress till kollegan"))
      .cards[0]!;
    expect(inputIds(ask)).toEqual(["channel"]);
    expect(textOf(ask)).toContain("Vanlig e-post / Sms");
  });

  it("the verdict says what it understood and one click corrects the channel: the card is updated in place", async () => {
    const chat = h.personal(aUser());
    const [answer] = (await chat.say("Får jag ringa en anhörig och berätta om brukarens diagnos")).cards;
    expect(verdictOf(answer!)).toBe("Ja, om …");
    expect(understoodOf(answer!)).toBe(
      "Du frågar om: känsliga uppgifter eller uppgifter under sekretess · till en anhörig · i telefon",
    );
    const corrected = await correct(chat, answer!, "Inte rätt sätt?", "Uppdatera svaret", { channel: "sms" });
    // The update is the invoke response (Teams replaces the card); nothing new is posted.
    expect(corrected.sent).toHaveLength(0);
    expect((corrected.body as { type: string }).type).toBe("application/vnd.microsoft.card.adaptive");
    const updated = corrected.cards.at(-1)!;
    expect(verdictOf(updated)).toBe("Nej");
    expect(understoodOf(updated)).toBe(
      "Du frågar om: känsliga uppgifter eller uppgifter under sekretess · till en anhörig · via sms",
    );
  });

  it("correcting the recipient keeps the other facts and the circumstance", async () => {
    const chat = h.personal(aUser());
    const [answer] = (await chat.say("får jag sms:a en adress till kollegan från min privata mobil")).cards;
    expect(verdictOf(answer!)).toBe("Nej");
    expect(understoodOf(answer!)).toContain("från en privat telefon");
    const corrected = await correct(chat, answer!, "Inte rätt mottagare?", "Uppdatera svaret", {
      recipient: "subject",
    });
    const updated = corrected.cards.at(-1)!;
    expect(understoodOf(updated)).toBe(
      "Du frågar om: vanliga personuppgifter · till personen själv · via sms · från en privat telefon, dator, e-post eller app",
    );
    expect(verdictOf(updated)).toBe("Nej");
    const withoutIt = await correct(chat, updated, "Stämmer inte det sista?", "Uppdatera svaret", {
      circumstances: "",
    });
    expect(verdictOf(withoutIt.cards.at(-1)!)).toBe("Ja, om …");
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

  it("a pasted personal identity number gets a reminder and is read as what would be sent; neither it nor the question is stored", async () => {
    const chat = h.personal(aUser());
    const result = await chat.say("får jag sms:a 19121212-1212 till hans kollega?");
    expect(result.cards).toHaveLength(2);
    expect(textOf(result.cards[0]!)).toContain("ser ut som ett personnummer");
    expect(verdictOf(result.cards[1]!)).toBe("Nej");
    expect(understoodOf(result.cards[1]!)).toBe(
      "Du frågar om: ett personnummer · till en privatperson · via sms",
    );
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
    const forgedCircumstance = await h.personal(aUser()).execute("sendcheck.answer", {
      information: "ordinary",
      recipient: "colleague",
      channel: "usb",
      circumstances: "unencrypted,teleported",
    });
    expect(forgedCircumstance.message).toContain("sparade ingenting");
    expect(JSON.stringify(await countersThisWeek())).toBe(before);
  });
});
