import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Case, CaseSchema } from "../../src/cases/case.js";
import { type Card, findInput, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import {
  answer,
  ordinaryEmail,
  protectedAddressRevealed,
  shown,
  walkToSummary,
} from "../support/incident.js";
import type { TeamsClient } from "../support/teams-client.js";

const NOW = new Date("2026-11-22T10:00:00Z");
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: NOW });
});
afterAll(async () => h?.close());

/** The reporter's cases as stored in Cosmos; each must satisfy the shared case schema. */
async function casesOf(reporterAad: string): Promise<Case[]> {
  const { resources } = await h.testStore.store.containers.cases.items
    .query<Case>({
      query: 'SELECT * FROM c WHERE c.kind = "case" AND c.reporter.aadObjectId = @a',
      parameters: [{ name: "@a", value: reporterAad }],
    })
    .fetchAll();
  for (const stored of resources) expect(CaseSchema.parse(stored)).toBeTruthy();
  return resources;
}

async function draftsOf(ownerAad: string): Promise<Record<string, unknown>[]> {
  const { resources } = await h.testStore.store.containers.drafts.items
    .query({ query: "SELECT * FROM c WHERE c.ownerAad = @a", parameters: [{ name: "@a", value: ownerAad }] })
    .fetchAll();
  return resources;
}

/** Starts a report and chooses "Fyll i allt nu" on the quick card: the step-by-step path. */
async function startReport(chat: TeamsClient, text = "rapportera"): Promise<Card> {
  const quick = shown(await chat.say(text));
  return shown(await chat.press(quick, "incident.full"));
}

describe("reporting an incident", () => {
  it("a clerk reports an e-mail sent to the wrong recipient, is told what to do now, and gets a case number", async () => {
    const user = aUser({ locale: "sv-SE" });
    const chat = h.personal(user);
    const first = await startReport(chat);
    expect(textOf(first)).toContain("Steg 1 av 5");
    const { turns, summary } = await walkToSummary(chat, first, ordinaryEmail());

    // Right after the first answer: the do-this-now advice for a wrong-recipient e-mail, as a message of its own.
    const advice = textOf(turns[0]!.sent.map((s) => s.activity.attachments![0]!.content as Card)[0]!);
    expect(advice).toContain("Gör det här nu");
    expect(advice).toContain("Återkalla mejlet");
    expect(advice).not.toContain("Skyddade personuppgifter");

    const text = textOf(summary);
    expect(text).toContain("Allvarlighet Medel");
    expect(text).toContain("Anmälan till IMY Troligen nödvändig");
    expect(text).toContain("Uppgifter har röjts för någon obehörig.");
    // 72 hours from discovery (21 Nov 09:15 in Stockholm), shown in Stockholm time.
    expect(text).toContain("Frist för anmälan till IMY tisdag 24 november 2026 kl. 09:15");

    const receipt = await chat.press(summary, "incident.submit");
    const receiptText = textOf(shown(receipt));
    expect(receiptText).toContain("Tack – rapporten är skickad");
    expect(receiptText).toMatch(/Ärendenummer PUI-2026-\d{4}/);

    const [stored] = await casesOf(user.aadObjectId);
    expect(stored).toMatchObject({
      type: "incident",
      category: "wrong_recipient_email",
      protectionLevel: "none",
      status: "reported",
      unitId: "socialforvaltningen",
      discoveredAt: "2026-11-21T08:15:00.000Z",
      deadlineAt: "2026-11-24T08:15:00.000Z",
      approxSubjects: 1,
      breachTypes: ["confidentiality"],
      measuresTaken: ["recalled_email", "asked_recipient_to_delete"],
      manager: { name: "Eva Chef" },
      reporter: { aadObjectId: user.aadObjectId, name: user.name },
      contactConsent: true,
      preliminary: { severity: "medium", notifyImyLikely: true, informSubjectsLikely: false },
    });
    expect(receiptText).toContain(stored!.number);
    const history = await h.app.services.cases.history(stored!.id);
    expect(history.map((e) => e.type)).toEqual(["created"]);
  });

  it("a social secretary reports a protected address revealed: the highest severity, and told at once to call the DSO and never to e-mail the person", async () => {
    const user = aUser({ locale: "sv-SE" });
    const chat = h.personal(user);
    const answers = protectedAddressRevealed();
    const first = await startReport(chat);
    const afterFirst = await answer(chat, first, answers.what);
    // Before anything else: the advice arrives with the answer to the very first question.
    const advice = textOf(afterFirst.sent.map((s) => s.activity.attachments![0]!.content as Card)[0]!);
    expect(advice).toContain("Ring dataskyddsombudet och säkerhetsfunktionen nu");
    expect(advice).toContain("**aldrig** via mejl eller sms");
    expect(advice).toContain("Stoppa vidare spridning");

    const { summary } = await walkToSummary(chat, shown(afterFirst), {
      ...answers,
      what: undefined as never,
    });
    // A protected address that may reach someone is a risk to safety: always the highest level (issue 14).
    expect(textOf(summary)).toContain("Allvarlighet Mycket hög");
    expect(textOf(summary)).toContain("Skyddade personuppgifter berörs");
    expect(textOf(summary)).toContain("Informera de berörda Troligen nödvändigt");
    await chat.press(summary, "incident.submit");
    const [stored] = await casesOf(user.aadObjectId);
    expect(stored).toMatchObject({
      protectionLevel: "skyddad_folkbokforing",
      preliminary: { severity: "very_high", notifyImyLikely: true, informSubjectsLikely: true },
    });
  });

  it("treats 'don't know' about protected data as protected, in English", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const first = await startReport(chat, "report");
    expect(textOf(first)).toContain("What happened?");
    const { turns, summary } = await walkToSummary(
      chat,
      first,
      ordinaryEmail({
        what: { category: "wrong_recipient_email", type: "incident", protectionLevel: "unknown" },
      }),
    );
    expect(textOf(turns[0]!.cards[0]!)).toContain("**never** by e-mail or SMS");
    // Read as protected, and it may have reached anyone: the highest level until the reporter knows better.
    expect(textOf(summary)).toContain("Severity Very high");
    expect(textOf(summary)).toContain("treated as if it is");
    expect(textOf(summary)).toContain("Deadline for notifying IMY Tuesday 24 November 2026, 09:15");
  });

  it("a teacher reports a near miss in English: recorded as its own type, low severity, nothing for IMY", async () => {
    const user = aUser({ locale: "en-US" });
    const chat = h.personal(user);
    const said = await chat.say("I nearly sent an e-mail to the wrong person, a near miss");
    // Read from the words: the near miss is thanked at once, before the card, with no advice to notify or warn.
    expect(textOf(said.cards[0]!)).toContain("Thank you for reporting the near miss");
    expect(textOf(said.cards[0]!)).not.toMatch(/Recall the e-mail|72 hours|safe channel/);
    const first = shown(await chat.press(shown(said), "incident.full"));
    const { summary } = await walkToSummary(
      chat,
      first,
      ordinaryEmail({
        what: { category: "wrong_recipient_email", type: "near_miss", protectionLevel: "none" },
        data: {
          dataCategories: "evaluative",
          subjectGroups: "pupils",
          approxSubjects: "25",
          approxRecords: "25",
          encrypted: "no",
          seenByUnauthorised: "no",
        },
        done: {
          description: "Grades were attached to an e-mail to the wrong class; I noticed before sending.",
        },
      }),
    );
    const text = textOf(summary);
    expect(text).toContain("Type Near miss");
    expect(text).toContain("Severity Low");
    expect(text).toContain("Notification to IMY Likely not required");
    expect(text).toContain("A near miss is not notified to IMY");
    expect(text).not.toContain("Deadline for notifying IMY");
    const receipt = textOf(shown(await chat.press(summary, "incident.submit")));
    expect(receipt).toContain("Thank you – the report is sent");
    const [stored] = await casesOf(user.aadObjectId);
    expect(stored).toMatchObject({
      type: "near_miss",
      preliminary: { severity: "low", notifyImyLikely: false },
    });
    expect(stored!.preliminary.reasons).toContain("near_miss");
  });

  it("a report made more than 72 hours after discovery asks why it is late, and the reason goes with the case", async () => {
    const user = aUser({ locale: "sv-SE" });
    const chat = h.personal(user);
    const first = await startReport(chat);
    const answers = ordinaryEmail({
      when: {
        occurredDate: "2026-11-16",
        occurredTime: "",
        discoveredDate: "2026-11-17",
        discoveredTime: "15:00",
        discoveredBy: "external",
      },
    });
    const afterWhat = shown(await answer(chat, first, answers.what));
    const lateCard = shown(await answer(chat, afterWhat, answers.when));
    expect(textOf(lateCard)).toContain("Varför rapporteras det nu?");
    expect(textOf(lateCard)).toContain("mer än 72 timmar");
    expect(textOf(lateCard)).toContain("Steg 3 av 6");
    const { summary } = await walkToSummary(chat, lateCard, {
      ...answers,
      what: undefined as never,
      when: undefined as never,
      late: { lateReason: "Jag var sjuk och förstod inte att det var en incident förrän i dag." },
    });
    expect(textOf(summary)).toContain("Skäl till sen rapport Jag var sjuk");
    expect(textOf(summary)).toContain("(ungefär)");
    await chat.press(summary, "incident.submit");
    const [stored] = await casesOf(user.aadObjectId);
    expect(stored!.lateReason).toBe("Jag var sjuk och förstod inte att det var en incident förrän i dag.");
    expect(stored!.occurredApproximate).toBe(true);
    expect(stored!.discoveredBy).toBe("external");
    expect(stored!.deadlineAt).toBe("2026-11-20T14:00:00.000Z");
  });

  it("a report started from the phrase 'jag skickade fel mejl' has the category chosen already", async () => {
    const first = await startReport(h.personal(aUser()), "Hjälp, jag skickade fel mejl!");
    expect(findInput(first, "category").value).toBe("wrong_recipient_email");
  });

  it("a report started from 'May I send this?' pre-selects e-mail and treats protected information as don't know", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const result = await chat.execute("incident.start", {
      prefill: { channel: "email", information: "protected", recipient: "external" },
    });
    const card = shown(result);
    expect(findInput(card, "category").value).toBe("wrong_recipient_email");
    expect(findInput(card, "protectionLevel").value).toBe("unknown");
  });

  it("Back keeps what was answered, Change from the summary returns to the summary, Cancel removes the draft", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const answers = ordinaryEmail();
    const first = await startReport(chat);
    const whenCard = shown(await answer(chat, first, answers.what));
    const backToWhat = shown(await chat.press(whenCard, "incident.back"));
    expect(findInput(backToWhat, "category").value).toBe("wrong_recipient_email");
    // Back from the first step leads to the quick card; the draft waits to be continued.
    const quick = shown(await chat.press(backToWhat, "incident.back"));
    expect(textOf(quick)).toContain("Skicka rapporten nu");
    expect((await draftsOf(user.aadObjectId)).map((d) => d.status)).toEqual(["open"]);
    const { summary } = await walkToSummary(chat, quick, answers);
    const whoCard = shown(await chat.press(summary, "Ändra förvaltning och chef"));
    expect(findInput(whoCard, "managerName").value).toBe("Eva Chef");
    const again = shown(await answer(chat, whoCard, { ...answers.who, unitId: "utbildningsforvaltningen" }));
    expect(textOf(again)).toContain("Förvaltning Utbildningsförvaltningen");
    const cancelled = shown(await chat.press(again, "incident.cancel"));
    expect(textOf(cancelled)).toContain("Rapporten är avbruten");
    expect(textOf(cancelled)).toContain("sparas i 24 timmar");
    const late = await chat.press(again, "incident.submit");
    expect(late.message).toContain("avbruten");
    expect(await casesOf(user.aadObjectId)).toHaveLength(0);
    expect((await draftsOf(user.aadObjectId)).map((d) => d.status)).toEqual(["cancelled"]);
  });

  it("a report abandoned halfway is offered again after the bot restarts, and can be finished", async () => {
    const user = aUser();
    const answers = ordinaryEmail();
    const before = h.personal(user);
    const first = await startReport(before);
    const afterWhat = shown(await answer(before, first, answers.what));
    await answer(before, afterWhat, answers.when);
    const [kept] = await draftsOf(user.aadObjectId);
    expect(kept).toMatchObject({ status: "open", position: "data" });
    expect(kept!.expiresAt).toBe("2026-12-06T10:00:00.000Z");

    await h.restart();

    const after = h.personal(user);
    const offer = shown(await after.say("rapportera"));
    expect(textOf(offer)).toContain("Fortsätta på ditt utkast?");
    const resumed = shown(await after.press(offer, "Fortsätt"));
    expect(textOf(resumed)).toContain("Vilka uppgifter och vilka personer?");
    const { summary } = await walkToSummary(after, resumed, {
      ...answers,
      what: undefined as never,
      when: undefined as never,
    });
    expect(textOf(summary)).toContain("Upptäcktes lördag 21 november 2026 kl. 09:15");
    await after.press(summary, "incident.submit");
    expect(await casesOf(user.aadObjectId)).toHaveLength(1);
  });

  it("forgets a draft nobody touched for 14 days", async () => {
    const user = aUser();
    await startReport(h.personal(user));
    h.clock.set(new Date(NOW.getTime() + 15 * 24 * 3600_000));
    try {
      expect(textOf(await startReport(h.personal(user)))).toContain("Steg 1 av 5");
    } finally {
      h.clock.set(NOW);
    }
  });

  it("starting over from the offer leaves the old draft cancelled and begins a new one", async () => {
    const user = aUser();
    const chat = h.personal(user);
    await startReport(chat);
    const offer = shown(await chat.say("rapportera"));
    const fresh = shown(await chat.press(offer, "Börja om"));
    expect(textOf(fresh)).toContain("Skicka rapporten nu");
    expect((await draftsOf(user.aadObjectId)).map((d) => d.status).sort()).toEqual(["cancelled", "open"]);
  });

  it("a double-clicked Send (and a third press later) creates one case with one number", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const { summary } = await walkToSummary(chat, await startReport(chat), ordinaryEmail());
    const [one, two] = await Promise.all([
      chat.press(summary, "incident.submit"),
      chat.press(summary, "incident.submit"),
    ]);
    const three = await chat.press(summary, "incident.submit");
    const stored = await casesOf(user.aadObjectId);
    expect(stored).toHaveLength(1);
    for (const result of [one, two, three]) expect(textOf(shown(result))).toContain(stored[0]!.number);
    expect(
      (await h.app.services.cases.history(stored[0]!.id)).filter((e) => e.type === "created"),
    ).toHaveLength(1);
  });

  it("a forged submit for someone else's draft is refused and changes nothing", async () => {
    const owner = aUser();
    const chat = h.personal(owner);
    const { summary } = await walkToSummary(chat, await startReport(chat), ordinaryEmail());
    const [draft] = await draftsOf(owner.aadObjectId);
    const intruder = h.personal(aUser({ locale: "en-US" }));
    const forged = await intruder.execute("incident.submit", { draftId: draft!.id });
    expect(forged.message).toBe("This draft is not yours, so I changed nothing.");
    const forgedAnswer = await intruder.execute("incident.cancel", { draftId: draft!.id });
    expect(forgedAnswer.message).toContain("not yours");
    expect(await casesOf(owner.aadObjectId)).toHaveLength(0);
    const [after] = await draftsOf(owner.aadObjectId);
    expect(after).toMatchObject({ status: "open", position: "summary", _etag: draft!._etag });
    // The owner can still send it.
    expect(textOf(shown(await chat.press(summary, "incident.submit")))).toContain("PUI-2026-");
  });

  it("a description holding a personal identity number is refused kindly and stored nowhere", async () => {
    const user = aUser({ locale: "sv-SE" });
    const chat = h.personal(user);
    const answers = ordinaryEmail();
    const { summary } = await walkToSummary(chat, await startReport(chat), {
      ...answers,
      done: undefined as never,
    });
    // walkToSummary stopped at the last step: the card for "what has been done".
    const doneCard = summary;
    const secret = "Beslutet om 811218-9876 skickades till fel mottagare.";
    const refused = await chat.press(doneCard, "incident.answer", { ...answers.done, description: secret });
    // The card comes back with what was typed (shown to the person only) and the problem beside the field.
    const again = shown(refused);
    expect(textOf(again)).toContain("Texten verkar innehålla personnummer");
    expect(textOf(again)).toContain("Jag har inte sparat texten");
    expect(findInput(again, "description").value).toBe(secret);
    expect(findInput(again, "measuresTaken").value).toBe(answers.done.measuresTaken);

    for (const name of ["drafts", "cases", "events", "botstate", "conversations"] as const) {
      const { resources } = await h.testStore.store.containers[name].items
        .query("SELECT * FROM c")
        .fetchAll();
      expect(JSON.stringify(resources), `container ${name}`).not.toContain("811218-9876");
    }
    const [draft] = await draftsOf(user.aadObjectId);
    expect(draft).toMatchObject({ position: "done" });
    expect((draft!.answers as Record<string, unknown>).done).toBeUndefined();

    // Rewritten without the number, it goes through.
    const ok = await answer(chat, doneCard, {
      ...answers.done,
      description: "Ett beslut skickades till fel mottagare.",
    });
    expect(textOf(shown(ok))).toContain("Stämmer det här?");
  });

  it("refuses e-mail addresses and phone numbers in English too", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const answers = ordinaryEmail();
    const { summary: doneCard } = await walkToSummary(chat, await startReport(chat, "report an incident"), {
      ...answers,
      done: undefined as never,
    });
    const email = await chat.press(doneCard, "incident.answer", {
      ...answers.done,
      description: "It went to someone@example.com instead.",
    });
    expect(textOf(shown(email))).toContain("seems to contain e-mail addresses");
    const phone = await chat.press(doneCard, "incident.answer", {
      ...answers.done,
      description: "They called back on 070-123 45 67.",
    });
    expect(textOf(shown(phone))).toContain("phone numbers");
  });
});
