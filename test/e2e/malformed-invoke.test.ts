import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCase } from "../support/builders.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { TEST_TENANT } from "../support/teams-client.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { DEADLINE_WATCH_SECONDS: "0" } });
});
afterAll(async () => h?.close());

const UNREADABLE_SV = "Det kortet kan jag inte läsa – det kan vara från en äldre version. Inget har ändrats.";

/** Card actions no Teams client sends, but anyone can post: each must get the clear refusal, never an error. */
const MALFORMED: [string, Record<string, unknown>][] = [
  ["no value", {}],
  ["an empty value", { value: {} }],
  ["a string value", { value: "case.take" }],
  ["an array value", { value: [{ action: { verb: "cases.mine" } }] }],
  ["action: null", { value: { action: null } }],
  ["an action that is a number", { value: { action: 7 } }],
  ["an Action.Submit inside an invoke", { value: { action: { type: "Action.Submit", verb: "cases.mine" } } }],
  ["no verb", { value: { action: { type: "Action.Execute", data: {} } } }],
  [
    "a verb that is not a string",
    { value: { action: { type: "Action.Execute", verb: { x: 1 }, data: {} } } },
  ],
  ["data that is a string", { value: { action: { type: "Action.Execute", verb: "cases.mine", data: "x" } } }],
  ["data that is an array", { value: { action: { type: "Action.Execute", verb: "cases.mine", data: [1] } } }],
  ["an unknown verb", { value: { action: { type: "Action.Execute", verb: "case.deleteAll", data: {} } } }],
];

describe("card actions that cannot be read", () => {
  it.each(MALFORMED)(
    "%s: the card is left as it was, with a clear refusal in Swedish",
    async (_name, fields) => {
      const chat = h.personal(aUser());
      const result = await chat.post(
        chat.activity({ type: "invoke", name: "adaptiveCard/action", ...fields }),
      );
      expect(result.status).toBe(200);
      expect(result.message).toContain(UNREADABLE_SV);
      expect(result.sent).toEqual([]);
    },
  );

  it("answers in the person's language", async () => {
    const chat = h.personal(aUser({ locale: "en-GB" }));
    const result = await chat.post(chat.activity({ type: "invoke", name: "adaptiveCard/action", value: [] }));
    expect(result.message).toContain("I can't read that card");
  });

  it("an old-style submit with a verb that is not a string gets the same refusal", async () => {
    const result = await h.personal(aUser()).submit({ verb: ["case.take"], caseId: "x" });
    expect(result.cards).toHaveLength(1);
    expect(JSON.stringify(result.cards[0])).toContain("Det kortet kan jag inte läsa");
  });
});

describe("someone else's case is an unknown case", () => {
  const reporter = aUser();
  const manager = aUser();
  const stranger = aUser();

  async function aCaseOfOthers() {
    const { case: created } = await h.app.services.cases.create(
      aCase({
        reporter: { aadObjectId: reporter.aadObjectId, name: reporter.name },
        manager: { aadObjectId: manager.aadObjectId, name: manager.name },
      }),
      { name: "Rapportör" },
    );
    return created;
  }

  const plan = { cause: "x", measures: "y", owner: "z", dueDate: "2026-12-31" };
  const verbs: [string, (caseId: string) => Record<string, unknown>][] = [
    ["case.answer", (caseId) => ({ caseId, answer: "Igår" })],
    ["case.writeActionPlan", (caseId) => ({ caseId, ...plan })],
    ["case.actionPlan.open", (caseId) => ({ caseId })],
  ];

  it.each(verbs)(
    "%s on another person's case answers exactly as for an id that does not exist",
    async (verb, data) => {
      const theirs = await aCaseOfOthers();
      const chat = h.personal(stranger);
      const onTheirs = await chat.execute(verb, data(theirs.id));
      const onNothing = await chat.execute(verb, data(randomUUID()));
      expect(onTheirs.message).toBe("Jag hittar inte det ärendet. Inget har ändrats.");
      expect({ ...onTheirs, sent: [] }).toEqual({ ...onNothing, sent: [] });
      const stored = await h.app.services.cases.get(TEST_TENANT, theirs.id);
      expect(stored).toMatchObject({ status: theirs.status, additions: [] });
      expect(stored!.actionPlan).toBeUndefined();
    },
  );
});
