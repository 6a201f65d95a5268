import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import { type Card, cardsOf, findInput, textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { shown } from "../support/incident.js";
import { CountingChat } from "../support/interactions.js";
import { TEST_TENANT } from "../support/teams-client.js";

/**
 * How many interactions a report takes, counted as the issue counts them:
 * each message sent, each button pressed, each field the person had to set
 * (a field the bot filled in costs nothing). The person here fills in only
 * what the card marks as required and leaves empty, as a brisk reader would.
 * Before this change (main at 6b5e7cb): e-mail 23, protected letter 25 (urgent
 * advice only at the 5th interaction), near miss 24.
 */
const NOW = new Date("2026-11-22T10:00:00Z"); // Sunday 11:00 in Stockholm
const TEAM = "19:team-dso@thread.tacv2";
const CHANNEL = "19:chan-dso@thread.tacv2";
const admin = aUser({ name: "Admin Adminsson" });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    now: NOW,
    env: { ADMIN_AAD_IDS: admin.aadObjectId, DEADLINE_WATCH_SECONDS: "0" },
  });
  h.connector.rosters.set(TEAM, [
    { id: `29:${admin.aadObjectId}`, aadObjectId: admin.aadObjectId, name: admin.name },
  ]);
  await h.inChannel(admin, { teamId: TEAM, channelId: CHANNEL }).say("<at>Värna</at> setup dso");
});
afterAll(async () => h?.close());

/** What a person chooses for each required field the card leaves empty. */
const ANSWERS: Record<string, string> = {
  protectionLevel: "none",
  discoveredDate: "2026-11-22",
  unitId: "socialforvaltningen",
  category: "other",
  type: "incident",
  description: "Det hände något med personuppgifter.",
};

/** Fills in what the card asks for and presses its first button (send now). */
async function fileFromCard(chat: CountingChat, card: Card, answers: Record<string, string> = {}) {
  const asked = CountingChat.requiredEmpty(card);
  const inputs = Object.fromEntries(asked.map((id) => [id, answers[id] ?? ANSWERS[id]!]));
  const result = await chat.press(card, "incident.file", inputs);
  if (result.message) throw new Error(`refused: ${result.message}`);
  return { asked, result };
}

async function caseOf(reporterAad: string): Promise<Case> {
  const [found] = await h.app.services.cases.list(TEST_TENANT, { reporterAad });
  if (!found) throw new Error("no case");
  return found;
}

async function channelPostOf(number: string) {
  await h.app.settled();
  return h.connector.waitFor((all) =>
    all.find((x) => x.conversationId === CHANNEL && textOf(cardsOf(x.activity)[0] ?? {}).includes(number)),
  );
}

describe("reporting a common incident in few interactions", () => {
  it("a wrong-recipient e-mail reaches a case number in 5 interactions (target ≤ 8), and the DSO sees it is to be completed", async () => {
    const chat = new CountingChat(h.personal(aUser()));
    const first = await chat.say("Jag skickade ett mejl till fel person");
    // The do-this-now advice first, then one card with what was read.
    expect(textOf(first.cards[0]!)).toContain("Återkalla mejlet");
    const quick = shown(first);
    expect(textOf(quick)).toContain("E-post till fel mottagare");
    expect(findInput(quick, "description").value).toBe("Jag skickade ett mejl till fel person");
    const { asked, result } = await fileFromCard(chat, quick);
    expect(asked.sort()).toEqual(["discoveredDate", "protectionLevel", "unitId"]);
    const receipt = textOf(result.cards.at(-1)!);
    const number = /PUI-2026-\d{4}/.exec(receipt)?.[0];
    expect(number).toBeDefined();
    expect(chat.count).toEqual({ messages: 1, presses: 1, fields: 3 });
    expect(chat.total).toBe(5);
    expect(chat.total).toBeLessThanOrEqual(8);

    const c = await caseOf(chat.chat.user.aadObjectId);
    expect(c).toMatchObject({
      category: "wrong_recipient_email",
      type: "incident",
      deadlineAt: "2026-11-24T23:00:00.000Z",
    });
    expect(c.approxSubjects).toBeUndefined();
    expect(c.toComplete).toContain("approxSubjects");
    // The Komplettera card came with the receipt.
    const completion = result.cards.find((k) => textOf(k).includes(`Komplettera ärende ${number}`));
    expect(completion).toBeDefined();
    const post = await channelPostOf(number!);
    expect(textOf(cardsOf(post.activity)[0]!)).toContain("Att komplettera av rapportören");
  });

  it("a protected address visible in a letter gets the urgent advice in the very first reply, and a case in 4 interactions", async () => {
    const chat = new CountingChat(h.personal(aUser()));
    const first = await chat.say("adressen till en person med skyddad identitet syntes i ett brev");
    const urgent = textOf(first.cards[0]!);
    expect(urgent).toContain("Gör det här först – det är bråttom");
    expect(urgent).toContain("Ring dataskyddsombudet och säkerhetsfunktionen nu");
    expect(urgent).toContain("**aldrig** via mejl eller sms");
    expect(urgent).toContain("Stoppa vidare spridning");
    const quick = shown(first);
    expect(findInput(quick, "category").value).toBe("protected_identity_revealed");
    expect(findInput(quick, "protectionLevel").value).toBe("unknown");
    const { asked, result } = await fileFromCard(chat, quick);
    expect(asked.sort()).toEqual(["discoveredDate", "unitId"]);
    expect(textOf(result.cards.at(-1)!)).toMatch(/PUI-2026-\d{4}/);
    expect(chat.total).toBe(4);
    const c = await caseOf(chat.chat.user.aadObjectId);
    expect(c.preliminary.severity).toBe("very_high");
  });

  it("a near miss takes 5 interactions (target ≤ 6), with no 72-hour countdown and no advice to notify or warn", async () => {
    const chat = new CountingChat(h.personal(aUser()));
    const first = await chat.say("jag höll på att skicka ett mejl till fel person men upptäckte det innan");
    const advice = textOf(first.cards[0]!);
    expect(advice).toContain("Tack för att du rapporterar tillbudet");
    expect(advice).not.toMatch(/Återkalla|72 timmar|säker kanal/);
    const quick = shown(first);
    expect(findInput(quick, "type").value).toBe("near_miss");
    expect(textOf(quick)).not.toContain("72 timmar");
    const { result } = await fileFromCard(chat, quick);
    const receipt = textOf(result.cards.find((k) => textOf(k).includes("rapporten är skickad"))!);
    expect(receipt).not.toContain("Frist");
    expect(chat.total).toBe(5);
    expect(chat.total).toBeLessThanOrEqual(6);
    const c = await caseOf(chat.chat.user.aadObjectId);
    expect(c).toMatchObject({ type: "near_miss", breachTypes: [], preliminary: { notifyImyLikely: false } });
    const post = await channelPostOf(c.number);
    const dsoText = textOf(cardsOf(post.activity)[0]!);
    expect(dsoText).toContain("Tillbud – anmäls inte till IMY");
    expect(dsoText).not.toMatch(/timmar kvar/);
  });

  it("'rapportera tillbud' is a near miss, never an incident preselected", async () => {
    const quick = shown(await h.personal(aUser()).say("rapportera tillbud"));
    expect(findInput(quick, "type").value).toBe("near_miss");
  });

  it("reads 'igår kväll' as the time, Stockholm time, so the person only says where and whether it is protected", async () => {
    const chat = new CountingChat(h.personal(aUser({ locale: "en-GB" })));
    const first = await chat.say("I lost my work phone on the bus yesterday evening");
    expect(textOf(first.cards[0]!)).toContain("Tell IT **now**");
    const quick = shown(first);
    expect(textOf(quick)).toContain("Saturday 21 November 2026, 19:00 (approximately)");
    const { asked } = await fileFromCard(chat, quick);
    expect(asked.sort()).toEqual(["protectionLevel", "unitId"]);
    expect(chat.total).toBe(4);
    const c = await caseOf(chat.chat.user.aadObjectId);
    expect(c).toMatchObject({ category: "lost_or_stolen_device", discoveredAt: "2026-11-21T18:00:00.000Z" });
  });
});

describe("forgiving forms", () => {
  it("marks what is required in words, and a refused card comes back with everything typed and the problem beside the field", async () => {
    const chat = h.personal(aUser());
    const quick = shown(await chat.say("rapportera"));
    expect(findInput(quick, "unitId")).toMatchObject({
      isRequired: true,
      label: "Förvaltning eller nämnd (krävs)",
    });
    expect(String(findInput(quick, "unitId").errorMessage)).toContain("Förvaltning eller nämnd");
    const typed = {
      category: "wrong_recipient_email",
      type: "incident",
      protectionLevel: "none",
      description: "Beslutet om 811218-9876 skickades till fel person.",
      discoveredDate: "2026-11-22",
    };
    // The unit is left empty (a client that skips the required check, or a forged submission).
    const refused = shown(await chat.press(quick, "incident.file", typed));
    for (const [id, value] of Object.entries(typed)) expect(findInput(refused, id).value, id).toBe(value);
    const text = textOf(refused);
    expect(text).toContain("⚠ Texten verkar innehålla personnummer");
    expect(text).toContain("⚠ Förvaltningen saknas");
    for (const name of ["drafts", "cases", "events", "turns", "conversations"] as const) {
      const container = h.testStore.store.containers[name as keyof typeof h.testStore.store.containers];
      if (!container) continue;
      const { resources } = await container.items.query("SELECT * FROM c").fetchAll();
      expect(JSON.stringify(resources), name).not.toContain("811218-9876");
    }
    const fixed = await chat.press(refused, "incident.file", {
      description: "Ett beslut skickades till fel person.",
      unitId: "socialforvaltningen",
    });
    expect(textOf(fixed.cards.at(-1)!)).toMatch(/PUI-2026-\d{4}/);
  });

  it("a first message with a personal identity number is read, but the words are shown back only in the card and kept nowhere", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const text = "jag skickade ett mejl om 811218-9876 till fel person";
    const quick = shown(await chat.say(text));
    expect(findInput(quick, "category").value).toBe("wrong_recipient_email");
    expect(findInput(quick, "description").value).toBe(text);
    expect(textOf(quick)).toContain("Texten verkar innehålla personnummer");
    const { resources } = await h.testStore.store.containers.drafts.items.query("SELECT * FROM c").fetchAll();
    expect(JSON.stringify(resources)).not.toContain("811218-9876");
  });

  it("Avbryt can be undone: the draft is kept 24 hours and Ångra brings it back as it was", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const quick = shown(await chat.say("Jag skickade ett mejl till fel person"));
    const cancelled = shown(await chat.press(quick, "incident.cancel"));
    expect(textOf(cancelled)).toContain("Utkastet sparas i 24 timmar");
    const { resources } = await h.testStore.store.containers.drafts.items
      .query({
        query: "SELECT * FROM c WHERE c.ownerAad = @a",
        parameters: [{ name: "@a", value: user.aadObjectId }],
      })
      .fetchAll();
    expect(resources[0]).toMatchObject({ status: "cancelled", expiresAt: "2026-11-23T10:00:00.000Z" });
    const back = shown(await chat.press(cancelled, "incident.undo"));
    expect(findInput(back, "description").value).toBe("Jag skickade ett mejl till fel person");
    // Typed "avbryt" cancels too; after 24 hours the draft is gone.
    const byText = await chat.say("avbryt");
    expect(textOf(shown(byText))).toContain("Rapporten är avbruten");
    h.clock.set(new Date(NOW.getTime() + 25 * 3600_000));
    try {
      expect((await chat.press(shown(byText), "incident.undo")).message).toContain(
        "Jag hittar inte det utkastet",
      );
    } finally {
      h.clock.set(NOW);
    }
  });

  it("Komplettera: the reporter completes some facts later, the DSO's card follows, and what is left stays to be completed", async () => {
    const user = aUser();
    const chat = h.personal(user);
    const { result } = await fileFromCard(
      new CountingChat(chat),
      shown(await chat.say("Jag skickade ett mejl till fel person")),
    );
    const c = await caseOf(user.aadObjectId);
    const completion = result.cards.find((k) => textOf(k).includes("Komplettera ärende"))!;
    expect(findInput(completion, "approxSubjects").value).toBe("");
    expect(findInput(completion, "breachTypes").value).toBe("confidentiality");
    const saved = await chat.press(completion, "incident.complete", {
      dataCategories: "health",
      subjectGroups: "patients",
      approxSubjects: "1",
      encrypted: "no",
      managerName: "Eva Chef",
    });
    expect(saved.message).toBeUndefined();
    const after = await caseOf(user.aadObjectId);
    expect(after).toMatchObject({
      approxSubjects: 1,
      dataCategories: ["health"],
      manager: { name: "Eva Chef" },
    });
    expect(after.toComplete).not.toContain("approxSubjects");
    expect(after.toComplete).toContain("approxRecords");
    expect(after.preliminary.severity).toBe("very_high");
    expect((await h.app.services.cases.history(c.id)).map((e) => e.type)).toContain("reporter_completion");
    await h.app.settled();
    const updated = await h.connector.waitFor((all) =>
      all.find(
        (x) =>
          x.kind === "update" &&
          x.conversationId === CHANNEL &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes(c.number) &&
          textOf(cardsOf(x.activity)[0] ?? {}).includes("cirka 1 personer"),
      ),
    );
    expect(updated).toBeDefined();
    // Mina ärenden offers Komplettera while something is left.
    const mine = shown(await chat.say("mina ärenden"));
    expect(textOf(mine)).toContain("Komplettera");
    const form = shown(await chat.press(mine, "incident.completeForm"));
    expect(() => findInput(form, "approxSubjects")).toThrow();
    expect(findInput(form, "approxRecords")).toBeDefined();
  });
});

describe("the questions people ask a bot", () => {
  it.each([
    ["vad kan du göra?", "sv-SE", "Det här kan jag"],
    ["Hjälp", "sv-SE", "Det här kan jag"],
    ["what can you do", "en-GB", "What I can do"],
    ["help", "en-US", "What I can do"],
    ["hej", "sv-SE", "Hej! Jag är Värna"],
    ["Hello!", "en-GB", "Hi! I'm Värna"],
    ["tack!", "sv-SE", "Varsågod"],
    ["thanks", "en-GB", "You're welcome"],
    ["avbryt", "sv-SE", "Du har ingen påbörjad rapport att avbryta"],
    ["cancel", "en-GB", "You have no report in progress to cancel"],
    ["börja om", "sv-SE", "Rapportera en incident eller ett tillbud"],
  ])("'%s' (%s) gets a helpful answer", async (text, locale, expected) => {
    const result = await h.personal(aUser({ locale })).say(text);
    expect(result.cards.map(textOf).join("\n")).toContain(expected);
    expect(result.cards.map(textOf).join("\n")).not.toContain("Det förstod jag inte riktigt");
  });

  it("'hej, jag skickade ett mejl till fel person' is a report, not a greeting", async () => {
    const result = await h.personal(aUser()).say("hej, jag skickade ett mejl till fel person");
    expect(findInput(shown(result), "category").value).toBe("wrong_recipient_email");
  });
});
