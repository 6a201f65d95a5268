import { describe, expect, it } from "vitest";
import type { IncidentDraft } from "../../src/flows/incident/draft.js";
import { isRefusal, next, type Outcome, startDraft } from "../../src/flows/incident/flow.js";
import { suggestionsFrom } from "../../src/flows/incident/prefill.js";
import { readReport } from "../../src/flows/incident/recognise.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const context = { units: ["socialforvaltningen"] };
/** A draft on the step-by-step path ("Fyll i allt nu"), at its first step. */
const fresh = (): IncidentDraft => ({
  ...startDraft({ id: "d1", orgId: "org", ownerAad: "me" }, NOW).draft,
  position: "what",
});

function ok(result: ReturnType<typeof next>): Outcome {
  if (isRefusal(result)) throw new Error(`refused: ${result.refused.key}`);
  return result;
}

const what = { category: "lost_or_stolen_device", type: "incident", protectionLevel: "none" };
const when = {
  occurredDate: "2026-11-21",
  occurredTime: "23:30",
  discoveredDate: "2026-11-22",
  discoveredTime: "08:00",
  discoveredBy: "internal",
  ongoing: "false",
  occurredApproximate: "false",
};

describe("the incident flow (pure)", () => {
  it("reads dates and times as Stockholm time, across midnight", () => {
    const after = ok(
      next(
        ok(next(fresh(), { kind: "answer", step: "what", values: what }, NOW, context)).draft,
        { kind: "answer", step: "when", values: when },
        NOW,
        context,
      ),
    );
    expect(after.draft.answers.when).toMatchObject({
      occurredAt: "2026-11-21T22:30:00.000Z",
      discoveredAt: "2026-11-22T07:00:00.000Z",
      occurredApproximate: false,
    });
    expect(after.draft.position).toBe("data");
  });

  it("shows the advice for the category with the answer to the first question", () => {
    const outcome = ok(next(fresh(), { kind: "answer", step: "what", values: what }, NOW, context));
    expect(outcome.notices).toEqual([
      { kind: "advice", category: "lost_or_stolen_device", protectedData: false, nearMiss: false },
    ]);
  });

  it("clears measures ticked for another category when the category changes", () => {
    const draft: IncidentDraft = {
      ...fresh(),
      position: "what",
      reviewing: true,
      answers: {
        what: { category: "lost_or_stolen_device", type: "incident", protectionLevel: "none" },
        done: { measuresTaken: ["told_it"], otherReports: [], description: "x", contactConsent: true },
      },
    };
    const changed = ok(
      next(draft, { kind: "answer", step: "what", values: { ...what, category: "data_lost" } }, NOW, context),
    );
    expect(changed.draft.answers.done!.measuresTaken).toEqual([]);
  });

  it("asks for the late reason when the summary was made before 72 hours passed and sent after", () => {
    const discovered = "2026-11-19T10:00:00.000Z";
    const draft: IncidentDraft = {
      ...fresh(),
      position: "summary",
      answers: {
        what: { category: "other", type: "incident", protectionLevel: "none" },
        when: {
          occurredAt: discovered,
          occurredApproximate: false,
          discoveredAt: discovered,
          discoveredBy: "internal",
          ongoing: false,
        },
        data: {
          dataCategories: ["identity"],
          subjectGroups: ["employees"],
          approxSubjects: 1,
          approxRecords: 1,
          breachTypes: ["confidentiality"],
          encrypted: "no",
          seenByUnauthorised: "no",
        },
        who: { unitId: "socialforvaltningen", managerName: "M", cause: "unknown", processorInvolved: "no" },
        done: { measuresTaken: [], otherReports: [], description: "x", contactConsent: true },
      },
    };
    const submitAt = (at: string) =>
      ok(next(draft, { kind: "submit", reporter: { aadObjectId: "me", name: "Me" } }, new Date(at), context));
    expect(submitAt("2026-11-22T09:59:00Z").effects).toHaveLength(1);
    const late = submitAt("2026-11-22T10:01:00Z");
    expect(late.effects).toHaveLength(0);
    expect(late.draft.position).toBe("late");
  });

  it("refuses everything but a repeated submit once the case is sent", () => {
    const sent: IncidentDraft = { ...fresh(), status: "submitted", caseNumber: "PUI-2026-0007" };
    const result = next(sent, { kind: "back", from: "what" }, NOW, context);
    expect(result).toMatchObject({
      refused: { key: "incident.refused.alreadySent", params: { number: "PUI-2026-0007" } },
    });
  });
});

describe("recognising a wish to report", () => {
  it.each([
    ["jag skickade fel mejl", "wrong_recipient_email"],
    ["jag har skickat ett mejl till fel person", "wrong_recipient_email"],
    ["i sent an email to the wrong person", "wrong_recipient_email"],
    ["jag har tappat bort min telefon", "lost_or_stolen_device"],
    ["my laptop was stolen", "lost_or_stolen_device"],
    ["jag skickade ett sms till fel nummer", "wrong_recipient_message"],
    ["jag skickade fel brev", "wrong_address_letter"],
    ["brevet gick till fel adress", "wrong_address_letter"],
    ["en skyddad adress har röjts", "protected_identity_revealed"],
    ["jag klickade på ett nätfiske", "malware_or_hacking"],
  ])("'%s' → %s", (text, category) => {
    expect(readReport(text)?.category).toBe(category);
  });

  it("takes the commands and general phrasings without guessing a category", () => {
    for (const text of ["rapportera", "report", "jag vill anmäla en personuppgiftsincident"]) {
      expect(readReport(text), text).toBeDefined();
      expect(readReport(text)?.category, text).toBeUndefined();
    }
  });

  it("leaves other talk alone", () => {
    for (const text of ["vad blir det för väder", "får jag skicka det här", "mina ärenden", "hello"])
      expect(readReport(text)).toBeUndefined();
  });
});

describe("prefill from 'May I send this?'", () => {
  it("maps the channel to a category and protected information to don't know", () => {
    expect(suggestionsFrom({ channel: "email", information: "protected" })).toEqual({
      category: "wrong_recipient_email",
      protectionLevel: "unknown",
    });
    expect(
      suggestionsFrom({ channel: "teams_chat", information: "sekretessmarkering", recipient: "external" }),
    ).toEqual({
      category: "wrong_recipient_message",
      protectionLevel: "sekretessmarkering",
    });
    expect(suggestionsFrom({ channel: "sms", information: "protected_unknown" })).toEqual({
      category: "wrong_recipient_message",
      protectionLevel: "unknown",
    });
    expect(suggestionsFrom({ channel: "letter", information: "sensitive" })).toEqual({
      category: "wrong_address_letter",
      dataCategories: ["sensitive_art9"],
    });
    expect(suggestionsFrom({ channel: "carrier_pigeon" })).toEqual({});
  });
});
