import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import type { NewCase } from "../../src/store/case-repository.js";
import type { Stored } from "../../src/store/repository.js";
import { aCase } from "../support/builders.js";
import { type Card, cardsOf, expectInOrder, hasAction, textOf } from "../support/cards.js";
import { waitForCase } from "../support/cases.js";
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
  const c = await waitForCase(h, created.id, (x) => x.channelPost !== undefined);
  return { c, post };
}

/** What a DSO sees: Teams refreshes the channel card for the listed DSO members. */
async function refreshed(caseId: string, user = dso1): Promise<Card> {
  const result = await channel(user).execute("case.refresh", { caseId });
  return result.cards.at(-1)!;
}

/** The latest version of the channel card (the post, or its last in-place update). */
function channelCard(post: Captured): Card {
  const updates = h.connector.captured.filter((x) => x.kind === "update" && x.activityId === post.activityId);
  return cardsOf((updates.at(-1) ?? post).activity)[0]!;
}

async function waitForChannelCard(post: Captured, text: string): Promise<Card> {
  await h.connector.waitFor(() => textOf(channelCard(post)).includes(text));
  return channelCard(post);
}

/** Presses an action on the DSO's refreshed card and returns the card they see afterwards. */
async function dsoPress(caseId: string, action: string, inputs: Record<string, string> = {}, user = dso1) {
  const result = await channel(user).press(await refreshed(caseId, user), action, inputs);
  return { result, card: result.cards.at(-1)! };
}

function personalCards(user: { aadObjectId: string }): Card[] {
  return h.connector.captured
    .filter((x) => x.conversationId === `a:personal-${user.aadObjectId}`)
    .flatMap((x) => cardsOf(x.activity));
}

describe("the DSO channel", () => {
  it("a new case is posted to the DSO channel at once, read-only for all, refreshed with actions for the DSO team", async () => {
    const { c, post } = await postedCase({ protectionLevel: "skyddad_folkbokforing" });
    expect(post.replyToId).toBeUndefined();
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
    expect(refresh.userIds.sort()).toEqual([admin, dso1, dso2].map((u) => `29:${u.aadObjectId}`).sort());

    expect(hasAction(await refreshed(c.id), "case.take")).toBe(true);
    const forgedRefresh = await channel(staff).execute("case.refresh", { caseId: c.id });
    expect(forgedRefresh.message).toContain("Det här får bara dataskyddsombudet göra");
    expect(forgedRefresh.cards).toHaveLength(0);
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

  it("a DSO assigns the case to a colleague in the DSO team, and only to one", async () => {
    const { c, post } = await postedCase();
    const assigned = await dsoPress(c.id, "case.assign", { assignee: dso2.aadObjectId });
    expect(textOf(assigned.card)).toContain("Ärendet är tilldelat.");
    await waitForChannelCard(post, dso2.name);
    const outsider = await channel().execute("case.assign", {
      caseId: c.id,
      v: (await h.app.services.cases.get(TEST_TENANT, c.id))!._etag,
      assignee: staff.aadObjectId,
    });
    expect(outsider.message).toContain("Något i formuläret var inte som jag väntade mig");
    expect((await h.app.services.cases.get(TEST_TENANT, c.id))!.assignee?.aadObjectId).toBe(dso2.aadObjectId);
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
    expect(texts.find((x) => x.includes("Ärendet hade ändrats"))).toContain(`Handläggare ${winner.name}`);
    expect((await h.app.services.cases.history(c.id)).filter((e) => e.type === "case.take")).toHaveLength(1);
  });
});

describe("working a case", () => {
  it("ask the reporter: the question reaches the reporter's personal chat, the answer is appended and the card shows it", async () => {
    const reporter = aUser();
    const chat = h.personal(reporter);
    await chat.say("hjälp");
    const { c, post } = await postedCase({
      reporter: { aadObjectId: reporter.aadObjectId, name: reporter.name },
    });
    await dsoPress(c.id, "case.take");
    const asked = await dsoPress(c.id, "case.ask", { question: "Vilken typ av handling skickades?" });
    expect(textOf(asked.card)).toContain("Frågan är skickad till rapportören.");
    await h.connector.waitFor(() =>
      personalCards(reporter).find((x) => textOf(x).includes("Vilken typ av handling")),
    );
    const question = personalCards(reporter).find((x) => textOf(x).includes("Vilken typ av handling"))!;
    expect(textOf(question)).toContain(`Dataskyddsombudet har en fråga om ärende ${c.number}`);

    const answered = await chat.press(question, "case.answer", { answer: "En utredning enligt SoL." });
    expect(textOf(answered.cards.at(-1)!)).toContain(`Ditt svar har lagts till i ärende ${c.number}`);
    const card = await waitForChannelCard(post, "Svar: En utredning enligt SoL.");
    expect(textOf(card)).toContain("Fråga: Vilken typ av handling skickades?");
    const stored = await h.app.services.cases.get(TEST_TENANT, c.id);
    expect(stored!.additions.map((a) => a.kind)).toEqual(["dso_question", "answer_to_dso"]);
  });

  it("a question or answer holding a personal identity number or phone number is refused and nothing is stored", async () => {
    const reporter = aUser();
    await h.personal(reporter).say("hjälp");
    const { c } = await postedCase({ reporter: { aadObjectId: reporter.aadObjectId, name: reporter.name } });
    const asked = await channel().press(await refreshed(c.id), "case.ask", {
      question: "Gäller det 19811218-9876?",
    });
    expect(asked.message).toContain("Texten verkar innehålla personnummer");
    await dsoPress(c.id, "case.ask", { question: "Vilken handling gällde det?" });
    const question = await h.connector.waitFor(() =>
      personalCards(reporter).find((x) => textOf(x).includes("Vilken handling gällde det?")),
    );
    const answer = await h
      .personal(reporter)
      .press(question, "case.answer", { answer: "Ring mig på 070-123 45 67" });
    expect(answer.message).toContain("telefonnummer");
    const stored = await h.app.services.cases.get(TEST_TENANT, c.id);
    expect(stored!.additions.map((a) => a.text)).toEqual(["Vilken handling gällde det?"]);
  });

  it("only the reporter can answer the DSO's question", async () => {
    const { c } = await postedCase();
    await dsoPress(c.id, "case.ask", { question: "När upptäcktes det?" });
    const forged = await h.personal(staff).execute("case.answer", { caseId: c.id, answer: "Igår" });
    expect(forged.message).toBe("Jag hittar inte det ärendet. Inget har ändrats.");
    const stored = await h.app.services.cases.get(TEST_TENANT, c.id);
    expect(stored!.additions.map((a) => a.kind)).toEqual(["dso_question"]);
  });

  it("assess → mark reported to IMY → action plan written by the manager → close, each step on the card and in the audit trail", async () => {
    const manager = aUser({ name: "Maja Chef" });
    const reporter = aUser();
    await h.personal(reporter).say("hjälp");
    const { c, post } = await postedCase({
      unitId: "utbildningsforvaltningen",
      reporter: { aadObjectId: reporter.aadObjectId, name: reporter.name },
    });
    // The manager is registered for the unit through the registry card.
    const registry = await channel(admin).say("chefer");
    const saved = await channel(admin).execute("managers.put", {
      unitId: "utbildningsforvaltningen",
      manager: manager.aadObjectId,
      name: manager.name,
    });
    expect(textOf(registry.cards[0]!)).toContain("Ansvariga chefer per förvaltning");
    expect(textOf(saved.cards.at(-1)!)).toContain("Maja Chef");

    await dsoPress(c.id, "case.take");
    const refusedClose = await channel().execute("case.close", {
      caseId: c.id,
      v: (await h.app.services.cases.get(TEST_TENANT, c.id))!._etag,
    });
    expect(textOf(refusedClose.cards.at(-1)!)).toContain("Det går inte i status Under bedömning.");

    const noReason = await dsoPress(c.id, "case.assess", { notifyImy: "yes", informSubjects: "no" });
    expect(textOf(noReason.card)).toContain("Ange skälet när svaret är nej");
    const assessed = await dsoPress(c.id, "case.assess", {
      notifyImy: "yes",
      informSubjects: "no",
      informSubjectsReason: "Låg risk för de berörda.",
    });
    expect(textOf(assessed.card)).toContain("Bedömningen är sparad.");
    await waitForChannelCard(post, "Anmäls till IMY");

    const reported = await dsoPress(c.id, "case.markReported", {
      reportedDate: "2026-11-21",
      reportedTime: "14:30",
      reference: "IMY-2026-1234",
    });
    expect(textOf(reported.card)).toContain("2026-11-21 14:30, IMY:s referens IMY-2026-1234");

    const requested = await dsoPress(c.id, "case.requestActionPlan");
    expect(textOf(requested.card)).toContain("Åtgärdsplanen är begärd av Maja Chef.");
    const planCard = await h.connector.waitFor((all) =>
      all
        .filter((x) => x.kind === "send" && x.conversationId.startsWith("a:proactive-"))
        .flatMap((x) => cardsOf(x.activity))
        .find((x) => textOf(x).includes(`Åtgärdsplan för ärende ${c.number}`)),
    );
    const managerChat = h.personal(manager);
    const forgedPlan = await h.personal(staff).press(planCard, "case.writeActionPlan", {
      cause: "x",
      measures: "y",
      owner: "z",
      dueDate: "2026-12-31",
    });
    expect(forgedPlan.message).toBe("Jag hittar inte det ärendet. Inget har ändrats.");
    const written = await managerChat.press(planCard, "case.writeActionPlan", {
      cause: "Autokomplettering i e-postklienten valde fel mottagare.",
      measures: "Stäng av autokomplettering för externa adresser; utbilda personalen.",
      owner: "IT-enheten",
      dueDate: "2026-12-31",
    });
    expect(textOf(written.cards.at(-1)!)).toContain("Åtgärdsplanen för ärende");
    await waitForChannelCard(post, "Skriven av Maja Chef, klar senast 2026-12-31");

    const closed = await dsoPress(c.id, "case.close");
    expect(textOf(closed.card)).toContain("Ärendet är avslutat.");
    await waitForChannelCard(post, "Avslutad");
    await h.connector.waitFor(() =>
      personalCards(reporter).find((x) => textOf(x).includes(`Ditt ärende ${c.number} är avslutat`)),
    );

    const history = await h.app.services.cases.history(c.id);
    const transitions = history.filter((e) => e.to).map((e) => `${e.type}:${e.from ?? "-"}>${e.to}`);
    expect(transitions).toEqual([
      "created:->reported",
      "case.take:reported>triage",
      "case.assess:triage>assessed",
      "case.markReported:assessed>reported_to_imy",
      "case.requestActionPlan:reported_to_imy>action_plan",
      "case.close:action_plan>closed",
    ]);
    expect(history.find((e) => e.type === "case.writeActionPlan")).toMatchObject({
      actor: { aadObjectId: manager.aadObjectId },
      fields: ["actionPlan"],
    });
  });

  it("a case needs an action plan to close unless the DSO marks it not needed", async () => {
    const { c } = await postedCase();
    await dsoPress(c.id, "case.take");
    await dsoPress(c.id, "case.assess", {
      notifyImy: "no",
      notifyImyReason: "Mottagaren raderade direkt, låg risk.",
      informSubjects: "no",
      informSubjectsReason: "Låg risk.",
    });
    const refused = await dsoPress(c.id, "case.close");
    expect(textOf(refused.card)).toContain("Ärendet behöver en åtgärdsplan");
    const closed = await dsoPress(c.id, "case.close", { actionPlanNotNeeded: "true" });
    expect(textOf(closed.card)).toContain("Ärendet är avslutat.");
    expect((await h.app.services.cases.get(TEST_TENANT, c.id))!).toMatchObject({
      status: "closed",
      actionPlanNotNeeded: true,
    });
  });
});

describe("forged and stale card actions", () => {
  it("an unknown case, another organisation's case and a stale card version are refused and change nothing", async () => {
    const unknown = await channel().execute("case.take", { caseId: "no-such-case", v: "x" });
    expect(unknown.message).toContain("Jag hittar inte det ärendet.");

    const { case: foreign } = await h.app.services.cases.create(aCase({ orgId: "another-org" }), {
      name: "R",
    });
    const other = await channel().execute("case.take", { caseId: foreign.id, v: foreign._etag });
    expect(other.message).toContain("Jag hittar inte det ärendet.");
    expect((await h.app.services.cases.get("another-org", foreign.id))!.assignee).toBeUndefined();

    const { c } = await postedCase();
    const old = await refreshed(c.id);
    await dsoPress(c.id, "case.ask", { question: "Hur många mejl?" });
    const before = await h.app.services.cases.get(TEST_TENANT, c.id);
    const stale = await channel().press(old, "case.take");
    const card = stale.cards.at(-1)!;
    expect(textOf(card)).toContain("Ärendet hade ändrats sedan ditt kort visades");
    expect(textOf(card)).toContain("Fråga: Hur många mejl?");
    expect((await h.app.services.cases.get(TEST_TENANT, c.id))!._etag).toBe(before!._etag);
  });

  it("bad data in a DSO action is refused before anything runs", async () => {
    const { c } = await postedCase();
    const result = await channel().execute("case.assess", { caseId: c.id, v: c._etag, notifyImy: "maybe" });
    expect(result.message).toContain("Något i formuläret var inte som jag väntade mig");
  });
});

describe("the IMY export", () => {
  it("gives a DSO the text of the IMY notification with every field the case holds, in the order of IMY's form, as a card and a file", async () => {
    const { c } = await postedCase({
      type: "incident",
      category: "protected_identity_revealed",
      protectionLevel: "skyddad_folkbokforing",
      occurredFrom: "2026-11-18T07:00:00.000Z",
      occurredTo: "2026-11-18T08:00:00.000Z",
      occurredApproximate: true,
      discoveredAt: "2026-11-16T09:00:00.000Z",
      deadlineAt: "2026-11-19T09:00:00.000Z",
      lateReason: "Incidenten upptäcktes under en semesterperiod.",
      ongoing: true,
      discoveredBy: "external",
      breachTypes: ["confidentiality", "integrity"],
      dataCategories: ["personal_identity_number", "social_services"],
      subjectGroups: ["children", "residents_clients"],
      approxSubjects: 3,
      approxRecords: 12,
      encrypted: "no",
      seenByUnauthorised: "yes",
      processorInvolved: "yes",
      cause: "technical_fault",
      description: "Ett beslut med ny adress skickades till fel vårdnadshavare.",
      measuresTaken: ["contacted_recipient"],
      otherReports: ["police", "lex_sarah_ivo"],
      preliminary: {
        severity: "high",
        reasons: ["protected_data"],
        notifyImyLikely: true,
        informSubjectsLikely: true,
      },
    });
    await dsoPress(c.id, "case.take");
    await dsoPress(c.id, "case.assess", {
      notifyImy: "yes",
      informSubjects: "no",
      informSubjectsReason: "Den berörda varnas via säkerhetsavdelningen.",
    });
    await dsoPress(c.id, "case.markReported", {
      reportedDate: "2026-11-20",
      reportedTime: "10:15",
      reference: "DI-2026-99",
    });

    const exported = await dsoPress(c.id, "case.imyExport");
    const text = textOf(exported.card);
    const expected = [
      `Underlag för anmälan till IMY – ${c.number}`,
      "Anmälan",
      "Komplettering (art. 33.4) av anmälan med IMY:s referens DI-2026-99, lämnad 2026-11-20 10:15.",
      "1. Personuppgiftsansvarig",
      // The board that answers for the unit, with the municipality's organisation number (cards/org/organisation.json).
      "Personuppgiftsansvarig: Socialnämnden, Exempelstads kommun (organisationsnummer 212000-9903).",
      `Internt diarienummer: ${c.number}.`,
      "2. Kontaktperson",
      // On the card the address is shown defanged, as all text there is; the file below has it as configured.
      "Dataskyddsombud: Kommunens dataskyddsombud, dataskyddsombud",
      `Handläggare hos dataskyddsombudet: ${dso1.name}.`,
      "3. Tidpunkter",
      "Inträffade: 2026-11-18 08:00 – 2026-11-18 09:00 (ungefärligt).",
      "Upptäcktes: 2026-11-16 10:00.",
      "Organisationen fick kännedom om att det är en personuppgiftsincident: ännu inte känt.",
      "Pågår fortfarande.",
      "4. Hur och av vem incidenten upptäcktes",
      "Upptäcktes av någon utanför organisationen.",
      "5. Vad som hänt",
      "Typ: Incident. Kategori: Skyddad adress eller identitet röjd. Slag av incident: konfidentialitet (röjande eller obehörig åtkomst), riktighet (felaktig ändring).",
      "Beskrivning: Ett beslut med ny adress skickades till fel vårdnadshavare.",
      "6. Orsak",
      "tekniskt fel",
      "7. Var",
      "Personuppgiftsbiträde inblandat: ja – ännu inte känt.",
      "8. Berörda personer",
      "Grupper: barn, invånare eller klienter. Ungefärligt antal: 3.",
      "9. Berörda uppgifter",
      "Kategorier: personnummer, socialtjänstuppgifter. Ungefärligt antal poster: 12. Skyddade personuppgifter: Skyddad folkbokföring.",
      "10. Kryptering och obehörig insyn",
      "krypterade eller oläsbara: nej. Någon obehörig har tagit del av uppgifterna: ja.",
      "11. Sannolika konsekvenser och allvarlighet",
      "Sannolika konsekvenser för de berörda: ännu inte känt.",
      "Bedömd allvarlighet: Hög.",
      "12. Vidtagna och planerade åtgärder",
      "Vidtagna åtgärder: Kontaktat mottagaren.",
      "Åtgärdsplan: ännu inte framtagen.",
      "13. Information till de berörda",
      "De berörda informeras inte. Skäl: Den berörda varnas via säkerhetsavdelningen.",
      "14. Skäl till försening",
      "Skäl: Incidenten upptäcktes under en semesterperiod.",
      "15. Riskbedömning och beslut",
      "Beslut: incidenten anmäls till IMY.",
      "Anmäld till IMY 2026-11-20 10:15, referens DI-2026-99.",
      "16. Andra anmälningar",
      "polisanmälan, lex Sarah-anmälan till IVO",
    ];
    expectInOrder(text, expected);

    const download = new URL(findDownload(exported.card) ?? "");
    expect(download.origin).toBe("https://varna.example.se");
    const file = await fetch(`${h.app.url}${download.pathname}${download.search}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${c.number}-IMY.txt"`);
    const body = await file.text();
    for (const part of expected) expect(body).toContain(part);
    expect(body).toContain(
      "Dataskyddsombud: Kommunens dataskyddsombud, dataskyddsombud@exempelstad.se, 010-000 00 00.",
    );

    const forged = await fetch(
      `${h.app.url}${download.pathname}?exp=${download.searchParams.get("exp")}&sig=AAAA`,
    );
    expect(forged.status).toBe(403);
    const staffTry = await channel(staff).execute("case.imyExport", { caseId: c.id });
    expect(staffTry.message).toContain("Det här får bara dataskyddsombudet göra");
  });
});

describe("completing the IMY notification from the export card", () => {
  it("a DSO fills in what is not yet known, notifies IMY, then records a supplement and how the people were told", async () => {
    const before = h.clock.now();
    h.clock.set(new Date("2026-11-23T12:00:00Z"));
    try {
      const { c } = await postedCase({ discoveredAt: "2026-11-20T09:00:00.000Z" });
      await dsoPress(c.id, "case.take");
      const exportCard = async () =>
        (await channel().execute("case.imyExport", { caseId: c.id })).cards.at(-1)!;
      const first = await exportCard();
      expect(textOf(first)).toContain("Första anmälan (art. 33).");
      expect(textOf(first)).toContain("System som berörs: ännu inte känt.");
      expect(hasAction(first, "case.imySupplement")).toBe(false);

      // Half a date is asked again and changes nothing.
      const half = await channel().press(first, "case.notificationFacts", { becameAwareDate: "2026-11-20" });
      expect(half.message ?? textOf(half.cards.at(-1)!)).toContain("Ange både datum och tid.");
      const filled = await channel().press(await exportCard(), "case.notificationFacts", {
        becameAwareDate: "2026-11-20",
        becameAwareTime: "11:00",
        discoveryMethod: "recipient_told_us",
        systems: "Outlook",
        processorName: "Exempel Drift AB",
      });
      expect(textOf(filled.cards.at(-1)!)).toContain("Uppgifterna är sparade.");
      const completed = textOf(await exportCard());
      expect(completed).toContain(
        "Organisationen fick kännedom om att det är en personuppgiftsincident: 2026-11-20 11:00.",
      );
      expect(completed).toContain("Så upptäcktes den: mottagaren hörde av sig.");
      expect(completed).toContain("System som berörs: Outlook.");

      await dsoPress(c.id, "case.assess", { notifyImy: "yes", informSubjects: "yes" });
      await dsoPress(c.id, "case.markReported", {
        reportedDate: "2026-11-21",
        reportedTime: "09:00",
        reference: "DI-2026-777",
      });
      const notified = await exportCard();
      expect(textOf(notified)).toContain(
        "Komplettering (art. 33.4) av anmälan med IMY:s referens DI-2026-777, lämnad 2026-11-21 09:00.",
      );
      const forged = await channel(staff).press(notified, "case.imySupplement", {
        suppliedDate: "2026-11-22",
        suppliedTime: "10:00",
      });
      expect(forged.message).toContain("Det här får bara dataskyddsombudet göra");
      await channel().press(notified, "case.imySupplement", {
        suppliedDate: "2026-11-22",
        suppliedTime: "10:00",
        supplementSummary: "Antal berörda rättat.",
      });
      await channel().press(await exportCard(), "case.subjectsInformed", {
        informedDate: "2026-11-21",
        informedTime: "15:00",
        informMethod: "letter",
      });
      const final = textOf(await exportCard());
      expect(final).toContain("Tidigare komplettering 2026-11-22 10:00: Antal berörda rättat.");
      expect(final).toContain("De berörda informerades 2026-11-21 15:00 (brev).");
      const history = await h.app.services.cases.history(c.id);
      expect(history.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          "case.recordNotificationFacts",
          "case.recordImySupplement",
          "case.recordSubjectsInformed",
        ]),
      );
    } finally {
      h.clock.set(before);
    }
  });
});

function findDownload(card: Card): string | undefined {
  const actions = (card.actions ?? []) as { type: string; url?: string }[];
  return actions.find((a) => a.type === "Action.OpenUrl")?.url;
}
