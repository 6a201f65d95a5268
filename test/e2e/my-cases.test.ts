import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/cards.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { ordinaryEmail, shown, walkToSummary } from "../support/incident.js";
import { TEST_TENANT, type TeamsClient } from "../support/teams-client.js";

const NOW = new Date("2026-11-22T10:00:00Z");
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: NOW });
});
afterAll(async () => h?.close());

async function reportOne(chat: TeamsClient, command = "rapportera"): Promise<string> {
  const { summary } = await walkToSummary(chat, shown(await chat.say(command)), ordinaryEmail());
  const receipt = textOf(shown(await chat.press(summary, "incident.submit")));
  return /PUI-2026-\d{4}/.exec(receipt)![0];
}

describe("my cases", () => {
  it("a reporter sees their own cases with status, and nobody else's", async () => {
    const me = h.personal(aUser());
    const number = await reportOne(me);
    await reportOne(h.personal(aUser()));
    const list = textOf(shown(await me.say("mina ärenden")));
    expect(list).toContain("Mina ärenden");
    expect(list).toContain(`**${number}** · Rapporterad`);
    expect(list).toContain("Incident: E-post till fel mottagare");
    expect(list).toContain("Rapporterat 22 november 2026");
    expect(list.match(/PUI-2026-/g)).toHaveLength(1);
  });

  it("says so when there are none, from the welcome card's button, in English", async () => {
    const list = textOf(shown(await h.personal(aUser({ locale: "en-GB" })).execute("cases.mine", {})));
    expect(list).toContain("You have no reported cases yet");
  });

  it("adds information to an open case twice: both kept, in order, nothing overwritten, each in the audit trail", async () => {
    const user = aUser();
    const me = h.personal(user);
    const number = await reportOne(me);
    const list = shown(await me.say("mina ärenden"));
    const form = shown(await me.press(list, "Lägg till information"));
    expect(textOf(form)).toContain(`Lägg till information i ${number}`);
    const first = await me.press(form, "cases.add", {
      text: "Mottagaren har nu bekräftat att mejlet är raderat.",
    });
    expect(textOf(shown(first))).toContain(`Informationen är tillagd i ${number}`);
    await me.press(form, "cases.add", { text: "Chefen är informerad." });

    const cases = await h.app.services.cases.list(TEST_TENANT, { reporterAad: user.aadObjectId });
    expect(cases[0]!.additions.map((a) => a.text)).toEqual([
      "Mottagaren har nu bekräftat att mejlet är raderat.",
      "Chefen är informerad.",
    ]);
    expect(cases[0]!.additions[0]).toMatchObject({
      kind: "reporter_addition",
      by: { aadObjectId: user.aadObjectId },
    });
    expect(cases[0]!.description).toBe(ordinaryEmail().done.description);
    const history = await h.app.services.cases.history(cases[0]!.id);
    expect(history.map((e) => e.type)).toEqual(["created", "reporter_addition", "reporter_addition"]);
  });

  it("refuses an addition with a phone number and keeps nothing of it", async () => {
    const user = aUser();
    const me = h.personal(user);
    await reportOne(me);
    const form = shown(await me.press(shown(await me.say("mina ärenden")), "Lägg till information"));
    const result = await me.press(form, "cases.add", { text: "Hon nås på 0701234567." });
    expect(result.message).toContain("telefonnummer");
    const { resources } = await h.testStore.store.containers.cases.items.query("SELECT * FROM c").fetchAll();
    expect(JSON.stringify(resources)).not.toContain("0701234567");
  });

  it("refuses adding to someone else's case, and to a closed one", async () => {
    const owner = aUser();
    const mine = h.personal(owner);
    await reportOne(mine);
    const form = shown(await mine.press(shown(await mine.say("mina ärenden")), "Lägg till information"));
    const caseId = (form.actions as { data?: { caseId?: string } }[])[0]!.data!.caseId!;

    const other = await h
      .personal(aUser({ locale: "en-GB" }))
      .execute("cases.add", { caseId, text: "Hello" });
    expect(other.message).toContain("not among your cases");

    await h.app.services.cases.update(TEST_TENANT, caseId, (c) => ({ ...c, status: "closed" }), {
      actor: { name: "DSO" },
      type: "closed",
    });
    const closed = await mine.press(form, "cases.add", { text: "En sak till." });
    expect(closed.message).toContain("är avslutat");
    const list = textOf(shown(await mine.say("mina ärenden")));
    expect(list).toContain("Avslutad");
    expect(list).not.toContain("Lägg till information");
  });
});
