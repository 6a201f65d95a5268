import { describe, expect, it } from "vitest";
import { complete, pendingFacts } from "../../src/flows/incident/completion.js";
import type { IncidentDraft } from "../../src/flows/incident/draft.js";
import { isRefusal, next, type Outcome, startDraft } from "../../src/flows/incident/flow.js";
import { suggestionsFromReading } from "../../src/flows/incident/quick.js";
import { readWhen } from "../../src/flows/incident/read-when.js";
import { readReport } from "../../src/flows/incident/recognise.js";
import { Words } from "../../src/flows/incident/words.js";
import type { NewCase } from "../../src/store/case-repository.js";

// Sunday 22 November 2026, 11:00 in Stockholm.
const NOW = new Date("2026-11-22T10:00:00Z");
const context = { units: ["socialforvaltningen"] };
const reporter = { aadObjectId: "me", name: "Me" };

function ok(result: ReturnType<typeof next>): Outcome {
  if (isRefusal(result)) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}

function started(text: string): IncidentDraft {
  const first = suggestionsFromReading(readReport(text, NOW)!, text);
  return startDraft({ id: "d1", orgId: "org", ownerAad: "me", suggested: first.suggested }, NOW).draft;
}

const filed = (draft: IncidentDraft, values: Record<string, string>) => {
  const outcome = ok(next(draft, { kind: "file", values, reporter }, NOW, context));
  const effect = outcome.effects[0];
  if (!effect) throw new Error("no case");
  return { outcome, case: effect.case as NewCase };
};

describe("reading when it happened (Stockholm time)", () => {
  const at = (text: string) => readWhen(new Words(text), NOW)?.at.toISOString();
  it.each([
    ["igår kväll", "2026-11-21T18:00:00.000Z"],
    ["i går kväll", "2026-11-21T18:00:00.000Z"],
    ["i förmiddags", "2026-11-22T09:00:00.000Z"],
    ["i morse", "2026-11-22T07:00:00.000Z"],
    ["idag", "2026-11-21T23:00:00.000Z"],
    ["i fredags", "2026-11-19T23:00:00.000Z"],
    ["i söndags", "2026-11-14T23:00:00.000Z"],
    ["on Monday", "2026-11-15T23:00:00.000Z"],
    ["för en timme sedan", "2026-11-22T09:00:00.000Z"],
    ["för 20 minuter sedan", "2026-11-22T09:40:00.000Z"],
    ["2 hours ago", "2026-11-22T08:00:00.000Z"],
    ["igår kl 14.30", "2026-11-21T13:30:00.000Z"],
    ["yesterday evening", "2026-11-21T18:00:00.000Z"],
  ])("'%s' → %s", (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it("reads nothing when no time is named, and never a time after now", () => {
    expect(at("jag skickade ett mejl till fel person")).toBeUndefined();
    expect(at("det går inte att öppna filen")).toBeUndefined();
    expect(readWhen(new Words("i kväll"), NOW)!.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
  });
});

describe("a report filed now, completed later (pure)", () => {
  it("files a wrong-recipient e-mail with the minimum: the 72 hours from discovery, the rest to be completed", () => {
    const draft = started("Jag skickade ett mejl till fel person igår kväll");
    expect(draft.suggested).toMatchObject({ category: "wrong_recipient_email", type: "incident" });
    expect(draft.suggested.description).toBe("Jag skickade ett mejl till fel person igår kväll");
    const { case: c } = filed(draft, {
      category: "wrong_recipient_email",
      type: "incident",
      protectionLevel: "none",
      description: draft.suggested.description!,
      discoveredDate: "2026-11-21",
      discoveredTime: "19:00",
      unitId: "socialforvaltningen",
    });
    expect(c.discoveredAt).toBe("2026-11-21T18:00:00.000Z");
    expect(c.deadlineAt).toBe("2026-11-24T18:00:00.000Z");
    expect(c.breachTypes).toEqual(["confidentiality"]);
    // No count is assumed: it is to be completed.
    expect(c.approxSubjects).toBeUndefined();
    expect(c.toComplete).toEqual(
      expect.arrayContaining(["approxSubjects", "dataCategories", "measuresTaken"]),
    );
    expect(c.preliminary.notifyImyLikely).toBe(true);
  });

  it("files a near miss without breach, without deadline questions, and completes it with its own facts", () => {
    const draft = started("jag höll på att skicka ett mejl till fel person men upptäckte det innan");
    const { case: c } = filed(draft, {
      category: "wrong_recipient_email",
      type: "near_miss",
      protectionLevel: "none",
      description: "Nästan fel mottagare.",
      discoveredDate: "2026-11-22",
      unitId: "socialforvaltningen",
    });
    expect(c.type).toBe("near_miss");
    expect(c.breachTypes).toEqual([]);
    expect(c.toComplete).not.toContain("breachTypes");
    expect(c.toComplete).not.toContain("encrypted");
    expect(c.preliminary.notifyImyLikely).toBe(false);
  });

  it("refuses the card with each problem beside its input, changing nothing", () => {
    const draft = started("rapportera");
    const result = next(
      draft,
      {
        kind: "file",
        values: {
          category: "",
          type: "incident",
          protectionLevel: "none",
          description: "",
          discoveredDate: "",
          unitId: "",
        },
        reporter,
      },
      NOW,
      context,
    );
    expect(isRefusal(result)).toBe(true);
    if (!isRefusal(result)) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      "category",
      "description",
      "discoveredDate",
      "unitId",
    ]);
  });

  it("asks for the reason when the discovery was more than 72 hours ago", () => {
    const draft = started("rapportera");
    const values = {
      category: "other",
      type: "incident",
      protectionLevel: "none",
      description: "Något hände.",
      discoveredDate: "2026-11-17",
      unitId: "socialforvaltningen",
    };
    const late = next(draft, { kind: "file", values, reporter }, NOW, context);
    expect(isRefusal(late) && late.problems[0]).toMatchObject({
      key: "incident.refused.lateReasonNeeded",
      field: "lateReason",
    });
    expect(filed(draft, { ...values, lateReason: "Jag förstod inte först." }).case.lateReason).toBe(
      "Jag förstod inte först.",
    );
  });

  it("never keeps words that identify someone: the text is not the description", () => {
    const first = suggestionsFromReading(
      readReport("mejlet om 811218-9876 gick till fel person", NOW)!,
      "mejlet om 811218-9876 gick till fel person",
    );
    expect(first.suggested.description).toBeUndefined();
    expect(first.descriptionProblem).toMatchObject({ key: "incident.refused.privacy", field: "description" });
    expect(JSON.stringify(first.suggested)).not.toContain("811218");
  });

  it("cancels to a draft that Ångra brings back where it was", () => {
    const draft = started("rapportera");
    const cancelled = ok(next(draft, { kind: "cancel" }, NOW, context)).draft;
    expect(cancelled).toMatchObject({ status: "cancelled", cancelledFrom: "quick" });
    expect(ok(next(cancelled, { kind: "undo" }, NOW, context)).draft).toMatchObject({
      status: "open",
      position: "quick",
    });
  });

  it("carries what was typed on the quick card into the steps", () => {
    const draft = started("rapportera");
    const full = ok(
      next(
        draft,
        {
          kind: "full",
          values: { category: "data_lost", unitId: "socialforvaltningen", description: "Filer borta." },
        },
        NOW,
        context,
      ),
    ).draft;
    expect(full.position).toBe("what");
    expect(full.suggested).toMatchObject({
      category: "data_lost",
      unitId: "socialforvaltningen",
      description: "Filer borta.",
    });
  });

  it("completes the facts given, keeps the rest open, and takes 'vet inte' as an answer", () => {
    const draft = started("Jag skickade ett mejl till fel person");
    const { case: c } = filed(draft, {
      category: "wrong_recipient_email",
      type: "incident",
      protectionLevel: "none",
      description: "Fel mottagare.",
      discoveredDate: "2026-11-22",
      unitId: "socialforvaltningen",
    });
    const done = complete(c, {
      dataCategories: "health",
      approxSubjects: "",
      approxSubjectsUnknown: "true",
      encrypted: "no",
    });
    if ("problems" in done) throw new Error("refused");
    expect(done.answered.sort()).toEqual(["approxSubjects", "dataCategories", "encrypted"]);
    expect(done.case.dataCategories).toEqual(["health"]);
    expect(done.case.approxSubjects).toBeUndefined();
    expect(done.case.toComplete).toContain("approxRecords");
    expect(done.case.toComplete).not.toContain("approxSubjects");
    // Health data disclosed: the preliminary assessment is made again and rises.
    expect(done.case.preliminary.severity).toBe("very_high");
    expect(pendingFacts(done.case).map((f) => f.id)).not.toContain("encrypted");
    const bad = complete(c, { approxRecords: "-1" });
    expect("problems" in bad && bad.problems[0]).toMatchObject({ field: "approxRecords" });
  });

  it("asks what the assessment weighs, and what the reporter answers lowers or raises it with the reason", () => {
    const { case: c } = filed(started("Jag skickade ett mejl till fel person"), {
      category: "wrong_recipient_email",
      type: "incident",
      protectionLevel: "none",
      description: "Fel mottagare.",
      discoveredDate: "2026-11-22",
      unitId: "socialforvaltningen",
    });
    const asked = pendingFacts(c).map((f) => f.id);
    expect(asked).toEqual(expect.arrayContaining(["recipient", "deletionConfirmed", "safetyRisk", "intent"]));
    // An e-mail is no availability incident: nothing about restoring data is asked.
    expect(asked).not.toContain("restoration");
    const facts = { dataCategories: "identity", approxSubjects: "1", encrypted: "no", intent: "accidental" };
    const toColleague = complete(c, {
      ...facts,
      recipient: "colleague",
      deletionConfirmed: "yes",
      safetyRisk: "no",
      revealing: "little",
    });
    const toStranger = complete(c, {
      ...facts,
      recipient: "known_private",
      deletionConfirmed: "no",
      safetyRisk: "no",
      revealing: "much",
    });
    const toThreat = complete(c, { ...facts, recipient: "known_private", safetyRisk: "yes" });
    if ("problems" in toColleague || "problems" in toStranger || "problems" in toThreat)
      throw new Error("refused");
    const rank = ["low", "medium", "high", "very_high"];
    const level = (x: typeof toColleague) => rank.indexOf(("case" in x ? x.case : c).preliminary.severity);
    expect(toColleague.case.recipient).toBe("colleague");
    expect(level(toColleague)).toBeLessThan(level(toStranger));
    expect(toColleague.case.preliminary.notifyImyLikely).toBe(false);
    expect(toThreat.case.preliminary.severity).toBe("very_high");
  });
});
