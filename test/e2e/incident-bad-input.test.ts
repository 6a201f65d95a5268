import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../support/cards.js";
import { findInput, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { answer, ordinaryEmail, shown, walkToSummary } from "../support/incident.js";
import type { TeamsClient } from "../support/teams-client.js";

const NOW = new Date("2026-11-22T10:00:00Z");
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: NOW });
});
afterAll(async () => h?.close());

async function draftOf(ownerAad: string): Promise<Record<string, unknown>> {
  const { resources } = await h.testStore.store.containers.drafts.items
    .query({ query: "SELECT * FROM c WHERE c.ownerAad = @a", parameters: [{ name: "@a", value: ownerAad }] })
    .fetchAll();
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** A person at the given step; returns the chat, that step's card and the draft id. */
async function atStep(
  step: "what" | "when" | "data" | "who" | "done",
  locale = "sv-SE",
): Promise<{ chat: TeamsClient; card: Card; draftId: string; aad: string }> {
  const user = aUser({ locale });
  const chat = h.personal(user);
  let card = shown(await chat.press(shown(await chat.say("rapportera")), "incident.full"));
  const answers = ordinaryEmail();
  for (const s of ["what", "when", "data", "who", "done"] as const) {
    if (s === step) break;
    card = shown(await answer(chat, card, answers[s]));
  }
  const draft = await draftOf(user.aadObjectId);
  return { chat, card, draftId: draft.id as string, aad: user.aadObjectId };
}

/**
 * Presses Next with the given inputs and expects a refusal that leaves the
 * draft exactly as it was and brings the card back with everything typed
 * still in it. Returns the card's text (the problem is shown in it).
 */
async function refused(
  at: Awaited<ReturnType<typeof atStep>>,
  inputs: Record<string, string>,
): Promise<string> {
  const before = await draftOf(at.aad);
  const result = await at.chat.press(at.card, "incident.answer", inputs);
  expect(result.message).toBeUndefined();
  expect(await draftOf(at.aad)).toEqual(before);
  const card = shown(result);
  for (const [id, value] of Object.entries(inputs)) expect(findInput(card, id).value, id).toBe(value);
  return textOf(card);
}

describe("bad input changes nothing and says why", () => {
  const { when, data, done } = ordinaryEmail();

  it("refuses a time of discovery in the future", async () => {
    const at = await atStep("when");
    expect(await refused(at, { ...when, discoveredDate: "2026-11-23" })).toContain(
      "Tiden då det upptäcktes ligger i framtiden",
    );
  });

  it("refuses an occurrence in the future, in English", async () => {
    const at = await atStep("when", "en-GB");
    expect(await refused(at, { ...when, occurredDate: "2027-01-01" })).toContain(
      "The time it happened is in the future",
    );
  });

  it("refuses a discovery before the event happened", async () => {
    const at = await atStep("when");
    expect(await refused(at, { ...when, discoveredDate: "2026-11-20" })).toContain(
      "Det kan inte ha upptäckts innan det hände",
    );
  });

  it("refuses negative and absurd counts", async () => {
    const at = await atStep("data");
    expect(await refused(at, { ...data, approxSubjects: "-3" })).toContain(
      "⚠ Antalet personer kan inte vara negativt.",
    );
    expect(await refused(at, { ...data, approxRecords: "1000000000" })).toContain(
      "Antalet poster kan inte vara större än 100000000",
    );
    expect(await refused(at, { ...data, approxSubjects: "många" })).toContain("ska vara ett heltal");
  });

  it("asks what happened to the data when an incident has no breach type", async () => {
    const at = await atStep("data", "en-US");
    expect(await refused(at, { ...data, breachTypes: "" })).toContain("Choose what happened to the data");
  });

  it("refuses a description over the limit instead of cutting it", async () => {
    const at = await atStep("done");
    const message = await refused(at, { ...done, description: "a".repeat(2001) });
    expect(message).toContain("Beskrivningen är 2001 tecken lång, men får vara högst 2000");
  });

  it("refuses a forged submission for a step that does not exist", async () => {
    const at = await atStep("when");
    const result = await at.chat.execute("incident.answer", {
      draftId: at.draftId,
      step: "delete-all",
      ...when,
    });
    expect(result.message).toContain("Något i formuläret var inte som jag väntade mig");
  });

  it("refuses missing and wrong-typed fields", async () => {
    const at = await atStep("what");
    const before = await draftOf(at.aad);
    const missing = await at.chat.execute("incident.answer", {
      draftId: at.draftId,
      step: "what",
      type: "incident",
    });
    expect(missing.message).toContain("Något i formuläret");
    const wrongType = await at.chat.execute("incident.answer", {
      draftId: at.draftId,
      step: "what",
      category: ["wrong_recipient_email"],
      type: 7,
      protectionLevel: "none",
    });
    expect(wrongType.message).toContain("Något i formuläret");
    const badId = await at.chat.execute("incident.answer", { draftId: "../../etc", step: "what" });
    expect(badId.message).toContain("Något i formuläret");
    expect(await draftOf(at.aad)).toEqual(before);
  });

  it("refuses a unit that is not configured and a measure that does not belong to the category", async () => {
    const who = await atStep("who");
    const forgedUnit = await who.chat.execute("incident.answer", {
      draftId: who.draftId,
      step: "who",
      ...ordinaryEmail().who,
      unitId: "hemliga-forvaltningen",
    });
    expect(forgedUnit.message).toContain("Något i formuläret");
    const doneAt = await atStep("done");
    const forgedMeasure = await doneAt.chat.execute("incident.answer", {
      draftId: doneAt.draftId,
      step: "done",
      ...done,
      measuresTaken: "restored_from_backup",
    });
    expect(forgedMeasure.message).toContain("Något i formuläret");
  });

  it("refuses a stale card: a step pressed again after the report moved on", async () => {
    const at = await atStep("when");
    await answer(at.chat, at.card, when);
    const again = await at.chat.press(at.card, "incident.answer", when);
    expect(again.message).toContain("Det här kortet är inte längre aktuellt");
  });

  it("refuses a step submitted after the case was sent, naming the case", async () => {
    const user = aUser({ locale: "en-GB" });
    const chat = h.personal(user);
    const first = shown(await chat.press(shown(await chat.say("report")), "incident.full"));
    const whenCard = shown(await answer(chat, first, ordinaryEmail().what));
    const { summary } = await walkToSummary(chat, whenCard, { ...ordinaryEmail(), what: undefined as never });
    const receipt = textOf(shown(await chat.press(summary, "incident.submit")));
    const number = /PUI-2026-\d{4}/.exec(receipt)![0];
    const late = await chat.press(whenCard, "incident.answer", when);
    expect(late.message).toBe(
      `This report has already been sent as case ${number}. Add information under **My cases**.`,
    );
    const cancel = await chat.press(summary, "incident.cancel");
    expect(cancel.message).toContain(number);
  });

  it("refuses a draft that does not exist", async () => {
    const result = await h
      .personal(aUser())
      .execute("incident.submit", { draftId: "7f1d2c4e-1111-4222-8333-944455556666" });
    expect(result.message).toContain("Jag hittar inte det utkastet");
  });

  it("refuses a prefill that no 'May I send this?' card could send", async () => {
    const result = await h
      .personal(aUser())
      .execute("incident.start", { prefill: { channel: "<script>alert(1)</script>" } });
    expect(result.message).toContain("Något i formuläret");
  });
});

describe("privacy of the conversation itself", () => {
  it("does not take a report or show cases in a team channel, where everyone would see them", async () => {
    const chat = h.inChannel(aUser(), {
      teamId: "19:team-a@thread.tacv2",
      channelId: "19:chan-a@thread.tacv2",
    });
    const report = await chat.say("<at>Värna</at> rapportera");
    expect(textOf(report.cards[0]!)).toContain("privat chatt");
    const mine = await chat.execute("cases.mine", {});
    expect(mine.message).toContain("privat chatt");
    const { resources } = await h.testStore.store.containers.drafts.items
      .query({
        query: "SELECT * FROM c WHERE c.ownerAad = @a",
        parameters: [{ name: "@a", value: chat.user.aadObjectId }],
      })
      .fetchAll();
    expect(resources).toHaveLength(0);
  });
});
