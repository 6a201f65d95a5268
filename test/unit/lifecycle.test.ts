import { describe, expect, it } from "vitest";
import { CASE_STATUSES, type Case, type CaseStatus } from "../../src/cases/case.js";
import {
  type ActionKind,
  ALLOWED_IN,
  decide,
  type LifecycleAction,
  offeredActions,
} from "../../src/cases/lifecycle.js";
import { dueReminder } from "../../src/cases/reminders.js";
import { aCase } from "../support/builders.js";

const now = new Date("2026-11-21T10:00:00Z");
const dso = { aadObjectId: "dso-1", name: "Dora" };
const other = { aadObjectId: "dso-2", name: "Sixten" };
const manager = { aadObjectId: "mgr-1", name: "Maja" };

function caseIn(status: CaseStatus, extra: Partial<Case> = {}): Case {
  return {
    ...aCase(),
    kind: "case",
    number: "PUI-2026-0001",
    createdAt: "x",
    updatedAt: "x",
    status,
    ...extra,
  };
}

const assessment = (notifyImy: boolean) => ({
  notifyImy,
  notifyImyReason: notifyImy ? undefined : "låg risk",
  informSubjects: true,
  assessedAt: now.toISOString(),
  assessedBy: dso,
});

const sample: Record<ActionKind, LifecycleAction> = {
  take: { kind: "take" },
  assign: { kind: "assign", to: other },
  assess: { kind: "assess", notifyImy: true, informSubjects: true },
  ask: { kind: "ask", question: "?" },
  answer: { kind: "answer", text: "!" },
  markReported: { kind: "markReported", reportedAt: now.toISOString(), reference: "R" },
  requestActionPlan: { kind: "requestActionPlan", manager },
  writeActionPlan: { kind: "writeActionPlan", cause: "c", measures: "m", owner: "o", dueDate: "2026-12-01" },
  close: { kind: "close", actionPlanNotNeeded: true },
  reopen: { kind: "reopen" },
  recordNotificationFacts: { kind: "recordNotificationFacts", facts: { systems: "Treserva" } },
  recordSubjectsInformed: { kind: "recordSubjectsInformed", informedAt: now.toISOString(), method: "letter" },
  recordImySupplement: { kind: "recordImySupplement", suppliedAt: now.toISOString() },
};

describe("case lifecycle", () => {
  it("refuses every action outside the statuses it is allowed in, naming the status", () => {
    for (const [kind, allowed] of Object.entries(ALLOWED_IN) as [ActionKind, ReadonlySet<CaseStatus>][]) {
      for (const status of CASE_STATUSES) {
        if (allowed.has(status)) continue;
        const d = decide(caseIn(status), sample[kind], dso, now);
        expect(d.ok, `${kind} in ${status}`).toBe(false);
        if (!d.ok)
          expect(d.refusal).toEqual(
            status === "closed" ? { code: "closed" } : { code: "notAllowedInStatus", status },
          );
      }
    }
  });

  it("take moves a new case to triage; a taken case cannot be taken again", () => {
    const taken = decide(caseIn("reported"), { kind: "take" }, dso, now);
    expect(taken).toMatchObject({ ok: true, case: { status: "triage", assignee: dso } });
    if (!taken.ok) return;
    expect(decide(taken.case, { kind: "take" }, other, now)).toEqual({
      ok: false,
      refusal: { code: "alreadyAssigned", assignee: "Dora" },
    });
    expect(decide(taken.case, { kind: "take" }, dso, now)).toEqual({
      ok: false,
      refusal: { code: "alreadyYours" },
    });
  });

  it("an assessment saying no needs a reason", () => {
    const d = decide(caseIn("triage"), { kind: "assess", notifyImy: false, informSubjects: true }, dso, now);
    expect(d).toEqual({ ok: false, refusal: { code: "reasonRequired" } });
    const ok = decide(
      caseIn("triage"),
      { kind: "assess", notifyImy: false, notifyImyReason: "  krypterat  ", informSubjects: true },
      dso,
      now,
    );
    expect(ok).toMatchObject({
      ok: true,
      case: { status: "assessed", dsoAssessment: { notifyImyReason: "krypterat" } },
    });
  });

  it("mark reported needs a decision to notify IMY", () => {
    expect(
      decide(caseIn("assessed", { dsoAssessment: assessment(false) }), sample.markReported, dso, now),
    ).toEqual({
      ok: false,
      refusal: { code: "imyNotToBeNotified" },
    });
    expect(
      decide(caseIn("assessed", { dsoAssessment: assessment(true) }), sample.markReported, dso, now),
    ).toMatchObject({
      ok: true,
      case: { status: "reported_to_imy", imyReport: { reference: "R" } },
    });
  });

  it("a report time in the future or before the discovery is refused: it would falsify 'notified in time'", () => {
    const notifying = caseIn("assessed", { dsoAssessment: assessment(true) });
    const at = (iso: string) => ({ ...sample.markReported, reportedAt: iso });
    const tomorrow = new Date(now.getTime() + 24 * 3600_000).toISOString();
    const beforeDiscovery = new Date(Date.parse(notifying.discoveredAt) - 3600_000).toISOString();
    for (const when of [tomorrow, beforeDiscovery])
      expect(decide(notifying, at(when), dso, now)).toEqual({
        ok: false,
        refusal: { code: "reportedAtOutOfRange" },
      });
  });

  it("close needs the IMY report when IMY is to be notified, and a plan unless marked not needed", () => {
    const notifying = caseIn("assessed", { dsoAssessment: assessment(true) });
    expect(decide(notifying, sample.close, dso, now)).toEqual({
      ok: false,
      refusal: { code: "needsImyReport" },
    });
    const quiet = caseIn("assessed", { dsoAssessment: assessment(false) });
    expect(decide(quiet, { kind: "close", actionPlanNotNeeded: false }, dso, now)).toEqual({
      ok: false,
      refusal: { code: "needsActionPlan" },
    });
    expect(decide(quiet, sample.close, dso, now)).toMatchObject({
      ok: true,
      case: { status: "closed", closedAt: now.toISOString(), actionPlanNotNeeded: true },
    });
  });

  it("only the reporter answers and only the requested manager writes the plan", () => {
    const asked = caseIn("triage", { additions: [{ at: "x", by: dso, kind: "dso_question", text: "?" }] });
    expect(decide(asked, sample.answer, dso, now)).toEqual({
      ok: false,
      refusal: { code: "notTheReporter" },
    });
    expect(decide(asked, sample.answer, asked.reporter, now).ok).toBe(true);
    const planning = caseIn("action_plan", { manager });
    expect(decide(planning, sample.writeActionPlan, dso, now)).toEqual({
      ok: false,
      refusal: { code: "notTheManager" },
    });
    expect(decide(planning, sample.writeActionPlan, manager, now)).toMatchObject({
      ok: true,
      case: { actionPlan: { owner: "o", writtenBy: manager } },
    });
  });

  it("the reporter is asked only when they agreed to be contacted", () => {
    expect(decide(caseIn("triage", { contactConsent: false }), sample.ask, dso, now)).toEqual({
      ok: false,
      refusal: { code: "noContactConsent" },
    });
    expect(offeredActions(caseIn("triage", { contactConsent: false }))).not.toContain("ask");
  });

  it("reopen brings a closed case back without its closing time", () => {
    const d = decide(caseIn("closed", { closedAt: now.toISOString() }), sample.reopen, dso, now);
    expect(d.ok && d.case.status).toBe("reopened");
    expect(d.ok && "closedAt" in d.case).toBe(false);
  });

  it("the card offers take only for an unassigned case and never more than Teams shows", () => {
    expect(offeredActions(caseIn("reported"))).toContain("take");
    expect(offeredActions(caseIn("triage", { assignee: dso }))).not.toContain("take");
    expect(offeredActions(caseIn("closed"))).toEqual(["reopen"]);
  });
});

describe("what the DSO records for the IMY notification", () => {
  const reported = caseIn("reported_to_imy", {
    dsoAssessment: assessment(true),
    imyReport: { reportedAt: "2026-11-21T08:00:00.000Z", reference: "DI-2026-1", by: dso },
  });

  it("records when the organisation became aware, when it ended, how it was found, the systems and the consequences", () => {
    const d = decide(
      caseIn("triage", { ongoing: true }),
      {
        kind: "recordNotificationFacts",
        facts: {
          becameAwareAt: "2026-11-20T12:00:00.000Z",
          endedAt: "2026-11-20T13:00:00.000Z",
          discoveryMethod: "recipient_told_us",
          systems: "Outlook",
          processorName: "",
          consequences: "Obehörig kan känna till beslutet.",
        },
      },
      dso,
      now,
    );
    expect(d).toMatchObject({
      ok: true,
      case: {
        becameAwareAt: "2026-11-20T12:00:00.000Z",
        endedAt: "2026-11-20T13:00:00.000Z",
        ongoing: false,
        discoveryMethod: "recipient_told_us",
        systems: "Outlook",
        consequences: "Obehörig kan känna till beslutet.",
      },
    });
    // An empty field changes nothing; it does not blank what is there.
    expect(d.ok && "processorName" in d.case).toBe(false);
  });

  it("refuses an awareness before the discovery or in the future, an end before the start, and an empty form", () => {
    const c = caseIn("triage");
    const facts = (f: Record<string, string>) =>
      ({ kind: "recordNotificationFacts", facts: f }) as LifecycleAction;
    expect(decide(c, facts({ becameAwareAt: "2026-11-19T00:00:00.000Z" }), dso, now)).toEqual({
      ok: false,
      refusal: { code: "becameAwareOutOfRange" },
    });
    expect(decide(c, facts({ becameAwareAt: "2026-11-22T00:00:00.000Z" }), dso, now)).toEqual({
      ok: false,
      refusal: { code: "becameAwareOutOfRange" },
    });
    expect(decide(c, facts({ endedAt: "2026-11-20T08:00:00.000Z" }), dso, now)).toEqual({
      ok: false,
      refusal: { code: "endedOutOfRange" },
    });
    expect(decide(c, facts({ systems: "  " }), dso, now)).toEqual({
      ok: false,
      refusal: { code: "nothingToRecord" },
    });
  });

  it("records when and how the people were told, after the assessment", () => {
    expect(decide(caseIn("reopened"), sample.recordSubjectsInformed, dso, now)).toEqual({
      ok: false,
      refusal: { code: "needsAssessment" },
    });
    const d = decide(
      caseIn("assessed", { dsoAssessment: assessment(true) }),
      sample.recordSubjectsInformed,
      dso,
      now,
    );
    expect(d).toMatchObject({ ok: true, case: { subjectsInformed: { method: "letter", by: dso } } });
    expect(d.ok && offeredActions(d.case)).not.toContain("recordSubjectsInformed");
    const early = {
      ...sample.recordSubjectsInformed,
      informedAt: "2026-11-19T00:00:00.000Z",
    } as LifecycleAction;
    expect(decide(caseIn("assessed", { dsoAssessment: assessment(true) }), early, dso, now)).toEqual({
      ok: false,
      refusal: { code: "informedAtOutOfRange" },
    });
  });

  it("records supplements to the IMY notification, only after it was made and not before it", () => {
    const noReport = caseIn("action_plan", { dsoAssessment: assessment(true) });
    expect(decide(noReport, sample.recordImySupplement, dso, now)).toEqual({
      ok: false,
      refusal: { code: "notReportedToImy" },
    });
    expect(offeredActions(noReport)).not.toContain("recordImySupplement");
    const before = { kind: "recordImySupplement", suppliedAt: "2026-11-21T07:00:00.000Z" } as const;
    expect(decide(reported, before, dso, now)).toEqual({
      ok: false,
      refusal: { code: "supplementOutOfRange" },
    });
    const once = decide(
      reported,
      { ...sample.recordImySupplement, summary: " Antal berörda: 3. " } as LifecycleAction,
      dso,
      now,
    );
    expect(once).toMatchObject({
      ok: true,
      case: { imySupplements: [{ summary: "Antal berörda: 3.", by: dso }] },
    });
    const full = {
      ...reported,
      imySupplements: Array.from({ length: 20 }, () => ({ at: now.toISOString(), by: dso })),
    };
    expect(decide(full, sample.recordImySupplement, dso, now)).toEqual({
      ok: false,
      refusal: { code: "supplementsFull" },
    });
  });

  it("keeps an exemption from informing only with a decision not to inform", () => {
    const exempt = (informSubjects: boolean) =>
      decide(
        caseIn("triage"),
        {
          kind: "assess",
          notifyImy: true,
          informSubjects,
          informSubjectsReason: "krypterad",
          informExemption: "encrypted",
        },
        dso,
        now,
      );
    expect(exempt(false)).toMatchObject({
      ok: true,
      case: { dsoAssessment: { informExemption: "encrypted" } },
    });
    const informing = exempt(true);
    expect(informing.ok && "informExemption" in informing.case.dsoAssessment!).toBe(false);
  });
});

describe("deadline reminders", () => {
  const c = {
    status: "triage",
    discoveredAt: "2026-11-20T00:00:00Z",
    deadlineAt: "2026-11-23T00:00:00Z",
  } as const;
  const at = (h: number) => new Date(Date.parse(c.discoveredAt) + h * 3600_000);

  it("is due at the latest threshold passed, then overdue at the deadline", () => {
    expect(dueReminder(c, at(23.9))).toBeUndefined();
    expect(dueReminder(c, at(24))).toEqual({ key: "24h", hours: 24 });
    expect(dueReminder(c, at(59))).toEqual({ key: "48h", hours: 48 });
    expect(dueReminder(c, at(71))).toEqual({ key: "70h", hours: 70 });
    expect(dueReminder(c, at(72))).toEqual({ key: "overdue" });
  });

  it("is never due once the DSO has decided, or the case is closed", () => {
    expect(dueReminder({ ...c, dsoAssessment: assessment(true) }, at(30))).toBeUndefined();
    expect(dueReminder({ ...c, status: "closed" }, at(30))).toBeUndefined();
  });
});
