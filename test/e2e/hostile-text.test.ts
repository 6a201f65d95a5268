import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CARDS_DIR } from "../../src/paths.js";
import { type Card, cardsOf, textOf } from "../support/cards.js";
import { waitForCase } from "../support/cases.js";
import { TestManagers } from "../support/digest.js";
import type { Harness } from "../support/harness.js";
import { ordinaryEmail, shown, walkToSummary } from "../support/incident.js";
import { liveMarkup } from "../support/live-markup.js";
import { TEST_TENANT, type TurnResult } from "../support/teams-client.js";
import { aUser } from "../support/users.js";

/**
 * Which templates the bot rendered during the test, so "every card" can be checked (the real render runs).
 * Test files share one module graph per worker, so the app is imported afresh below, after the mock is in place.
 */
const rendered = vi.hoisted(() => new Set<string>());
vi.mock("../../src/cards/render.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/cards/render.js")>();
  return {
    ...original,
    render: (...args: Parameters<typeof original.render>) => {
      rendered.add(args[0]);
      return original.render(...args);
    },
  };
});

/** Everything a phisher would try in one free-text answer; RUBRIK and FETSTIL occur nowhere else. */
const HOSTILE =
  '[Klicka här](https://evil.example/login) ![bild](https://evil.example/i.png) <at>DSO</at> <a href="https://evil.example/a">länk</a> se https://evil.example och www.evil.se **FETSTIL**\n\n# RUBRIK';
/** The same for names and short fields (a display name, the IMY reference). */
const HOSTILE_NAME = "[Eva](https://evil.example) <at>DSO</at> **FETSTIL**";
const MARKERS = ["FETSTIL", "RUBRIK"];

const TEAM = "19:team-hostile@thread.tacv2";
const CHANNEL = "19:chan-hostile@thread.tacv2";
const admin = aUser({ name: "Admin Adminsson" });
const dso = aUser({ name: HOSTILE_NAME });
const reporter = aUser();
const manager = aUser({ name: HOSTILE_NAME });
const managers = new TestManagers();
managers.add({ aadObjectId: manager.aadObjectId, name: HOSTILE_NAME, unitIds: ["socialforvaltningen"] });

let h: Harness;
const shownCards: Card[] = [];
const track = (result: TurnResult): TurnResult => {
  shownCards.push(...result.cards);
  return result;
};

beforeAll(async () => {
  vi.resetModules();
  const { startHarness } = await import("../support/harness.js");
  h = await startHarness({
    now: new Date("2026-11-25T10:00:00.000Z"),
    env: { ADMIN_AAD_IDS: admin.aadObjectId, DEADLINE_WATCH_SECONDS: "0" },
    digest: { managers },
  });
  h.connector.rosters.set(
    TEAM,
    [admin, dso].map((u) => ({ id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name })),
  );
});
afterAll(async () => h?.close());

function templates(dir = CARDS_DIR, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return ["strings", "org"].includes(entry.name)
        ? []
        : templates(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name.endsWith(".json") ? [`${prefix}${entry.name.slice(0, -5)}`] : [];
  });
}

const channel = (user = dso) => h.inChannel(user, { teamId: TEAM, channelId: CHANNEL });
async function dsoPress(caseId: string, verb: string, inputs: Record<string, string> = {}) {
  const card = track(await channel().execute("case.refresh", { caseId })).cards.at(-1)!;
  return track(await channel().press(card, verb, inputs));
}
const sentTo = (conversationId: string) =>
  h.connector.captured.filter((c) => c.conversationId === conversationId).flatMap((c) => cardsOf(c.activity));

describe("what a person typed is text on every card", () => {
  it("a hostile report, question, answer, addition, assessment, names and action plan render no live link, image, mention or markup anywhere", async () => {
    await channel(admin).say("<at>Värna</at> setup dso");
    track(
      await h
        .inChannel(admin, { teamId: TEAM, channelId: "19:other@thread.tacv2" })
        .say("<at>Värna</at> setup dso"),
    );
    const chat = h.personal(reporter);
    for (const turn of await chat.install()) track(turn);
    track(await chat.say("hjälp"));
    track(await chat.say("vad blir det för väder i morgon"));
    track(await h.personal(manager).say("hjälp"));

    // The report: description, late reason and manager's name as the reporter typed them.
    const base = ordinaryEmail();
    const answers = ordinaryEmail({
      what: {
        category: "protected_identity_revealed",
        type: "incident",
        protectionLevel: "skyddad_folkbokforing",
      },
      late: { lateReason: HOSTILE },
      who: { ...base.who, managerName: HOSTILE_NAME },
      done: { measuresTaken: "stopped_spread,told_dso", description: HOSTILE },
    });
    const { turns, summary } = await walkToSummary(chat, shown(track(await chat.say("rapportera"))), answers);
    turns.forEach(track);
    track(await chat.say("rapportera"));
    track(await chat.press(summary, "incident.submit"));
    const [c] = await h.app.services.cases.list(TEST_TENANT, { reporterAad: reporter.aadObjectId });
    await waitForCase(h, c!.id, (x) => x.channelPost !== undefined);

    // The DSO works the case; the reporter answers and adds; the manager writes the plan.
    await dsoPress(c!.id, "case.take");
    await dsoPress(c!.id, "case.ask", { question: HOSTILE });
    const question = await h.connector.waitFor(() =>
      sentTo(`a:personal-${reporter.aadObjectId}`).find((x) => JSON.stringify(x).includes("case.answer")),
    );
    track(await chat.press(question, "case.answer", { answer: HOSTILE }));
    const mine = shown(track(await chat.say("mina ärenden")));
    const form = shown(track(await chat.press(mine, "Lägg till information")));
    track(await chat.press(form, "cases.add", { text: HOSTILE }));
    await dsoPress(c!.id, "case.assess", {
      notifyImy: "yes",
      informSubjects: "no",
      informSubjectsReason: HOSTILE,
    });
    await dsoPress(c!.id, "case.markReported", {
      reportedDate: "2026-11-24",
      reportedTime: "14:30",
      reference: HOSTILE_NAME,
    });
    track(await channel(admin).say("chefer"));
    track(
      await channel(admin).execute("managers.put", {
        unitId: "socialforvaltningen",
        manager: manager.aadObjectId,
        name: HOSTILE_NAME,
      }),
    );
    await dsoPress(c!.id, "case.requestActionPlan");
    const planCard = await h.connector.waitFor(() =>
      sentTo(`a:personal-${manager.aadObjectId}`).find((x) =>
        JSON.stringify(x).includes("case.writeActionPlan"),
      ),
    );
    track(
      await h.personal(manager).press(planCard, "case.writeActionPlan", {
        cause: HOSTILE,
        measures: HOSTILE,
        owner: HOSTILE_NAME,
        dueDate: "2026-12-31",
      }),
    );
    await dsoPress(c!.id, "case.imyExport");

    // The manager's weekly digest, and the case opened from it.
    track(await h.personal(admin).say("<at>Värna</at> digest now"));
    await h.app.digest.settled();
    const digest = sentTo(`a:personal-${manager.aadObjectId}`).find((x) => textOf(x).includes("vecka"));
    track(await h.personal(manager).press(digest!, "digest.openCase"));

    // A report begun in the reporter's own words and cancelled (the cancelled card offers Ångra).
    const begun = shown(
      track(await h.personal(manager).say(`jag skickade ett mejl till fel person ${HOSTILE}`)),
    );
    track(await h.personal(manager).press(begun, "incident.cancel"));

    // The send check, for completeness of the template list (it shows no free text).
    const check = shown(track(await chat.say("skicka")));
    track(
      await chat.press(check, "sendcheck.answer", {
        information: "ordinary",
        recipient: "colleague",
        channel: "email",
      }),
    );

    // A question that leaves out who receives it: the check asks for that fact only.
    track(await chat.say(`får jag skicka ett personnummer med sms ${HOSTILE}`));

    const everyCard = [...h.connector.captured.flatMap((x) => cardsOf(x.activity)), ...shownCards];
    expect([...rendered].sort()).toEqual(templates().sort());
    const live = everyCard.flatMap((card) => liveMarkup(card, MARKERS));
    expect(live).toEqual([]);
    // Shown as typed (the marks are invisible or look alike), not dropped.
    const visible = everyCard
      .map(textOf)
      .join("\n")
      .replace(/\u200B/g, "");
    expect(visible).toContain("[Klicka här](https[:]//evil[.]example/login)");
    expect(visible).toContain("∗∗FETSTIL∗∗");
  }, 120_000);

  it("the check finds a live link when the escaping is missing (it can fail)", () => {
    const card: Card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: HOSTILE }] };
    expect(liveMarkup(card, MARKERS)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("link_open"),
        expect.stringContaining("image"),
        expect.stringContaining("mention"),
        expect.stringContaining("html_inline"),
        expect.stringContaining("strong_open"),
        expect.stringContaining("heading_open"),
      ]),
    );
  });
});
