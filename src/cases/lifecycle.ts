import {
  type Case,
  type CaseActor,
  type CaseStatus,
  type DISCOVERY_METHODS,
  type INFORM_METHODS,
  type InformExemption,
  MAX_ADDITIONS,
  MAX_SUPPLEMENTS,
} from "./case.js";

/**
 * The case lifecycle as an explicit state machine:
 * reported → triage → assessed → (reported_to_imy) → action_plan → closed, plus reopened.
 * Pure: the current case and an action in, the next case or the reason for a refusal out.
 * Role checks (is this person a DSO?) happen before; the rules here are about the case
 * itself, including who on the case may act (the reporter answers, the manager writes the plan).
 */

export type LifecycleAction =
  | { kind: "take" }
  | { kind: "assign"; to: CaseActor }
  | {
      kind: "assess";
      notifyImy: boolean;
      notifyImyReason?: string;
      informSubjects: boolean;
      informSubjectsReason?: string;
      informExemption?: InformExemption;
    }
  | { kind: "ask"; question: string }
  | { kind: "answer"; text: string }
  | { kind: "markReported"; reportedAt: string; reference: string }
  | { kind: "requestActionPlan"; manager: CaseActor & { aadObjectId: string } }
  | { kind: "writeActionPlan"; cause: string; measures: string; owner: string; dueDate: string }
  | { kind: "close"; actionPlanNotNeeded: boolean }
  | { kind: "reopen" }
  /** What IMY's notification asks for beyond the report; only the fields given change. */
  | { kind: "recordNotificationFacts"; facts: NotificationFacts }
  | { kind: "recordSubjectsInformed"; informedAt: string; method: (typeof INFORM_METHODS)[number] }
  /** A supplement sent to IMY after the first notification (art. 33(4)). */
  | { kind: "recordImySupplement"; suppliedAt: string; summary?: string };

export interface NotificationFacts {
  becameAwareAt?: string;
  endedAt?: string;
  discoveryMethod?: (typeof DISCOVERY_METHODS)[number];
  systems?: string;
  processorName?: string;
  consequences?: string;
}

export type ActionKind = LifecycleAction["kind"];

/** Why an action was refused; each code is a string under escalation.refused. */
export type Refusal =
  | { code: "closed" }
  | { code: "notAllowedInStatus"; status: CaseStatus }
  | { code: "alreadyAssigned"; assignee: string }
  | { code: "alreadyYours" }
  | { code: "reasonRequired" }
  | { code: "alreadyReportedToImy" }
  | { code: "imyNotToBeNotified" }
  | { code: "notTheReporter" }
  | { code: "noQuestion" }
  | { code: "noContactConsent" }
  | { code: "reportedAtOutOfRange" }
  | { code: "additionsFull" }
  | { code: "notTheManager" }
  | { code: "needsAssessment" }
  | { code: "needsImyReport" }
  | { code: "needsActionPlan" }
  | { code: "nothingToRecord" }
  | { code: "becameAwareOutOfRange" }
  | { code: "endedOutOfRange" }
  | { code: "informedAtOutOfRange" }
  | { code: "notReportedToImy" }
  | { code: "supplementOutOfRange" }
  | { code: "supplementsFull" };

export type Decision = { ok: true; case: Case } | { ok: false; refusal: Refusal };

const WORKING: ReadonlySet<CaseStatus> = new Set([
  "reported",
  "triage",
  "assessed",
  "reported_to_imy",
  "action_plan",
  "reopened",
]);

/** The statuses in which each action may be taken (identity and field rules are checked in `decide`). */
export const ALLOWED_IN: Record<ActionKind, ReadonlySet<CaseStatus>> = {
  take: WORKING,
  assign: WORKING,
  assess: new Set(["triage", "assessed", "reopened"]),
  ask: WORKING,
  answer: WORKING,
  markReported: new Set(["assessed", "action_plan"]),
  requestActionPlan: new Set(["assessed", "reported_to_imy"]),
  writeActionPlan: new Set(["action_plan"]),
  close: new Set(["assessed", "reported_to_imy", "action_plan"]),
  reopen: new Set(["closed"]),
  recordNotificationFacts: WORKING,
  recordSubjectsInformed: new Set(["assessed", "reported_to_imy", "action_plan", "reopened"]),
  recordImySupplement: new Set(["reported_to_imy", "action_plan", "reopened"]),
};

/** Whether `b` is the person `a` names (by Entra object id; a name alone never matches). */
export const sameActor = (a: CaseActor | undefined, b: CaseActor) =>
  a?.aadObjectId !== undefined && a.aadObjectId === b.aadObjectId;

const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });

/** Moves a freshly taken case out of the inbox; a case already being worked keeps its status. */
function triaged(status: CaseStatus): CaseStatus {
  return status === "reported" || status === "reopened" ? "triage" : status;
}

/** Applies `action` by `actor` at `now`, or says why not. */
function statusRefusal(c: Case, kind: ActionKind): Refusal | undefined {
  if (ALLOWED_IN[kind].has(c.status)) return undefined;
  return c.status === "closed" ? { code: "closed" } : { code: "notAllowedInStatus", status: c.status };
}

/** Why this person may not write the case's action plan now, if not: only the manager it was requested from, while it is awaited. */
export function actionPlanRefusal(c: Case, actor: CaseActor): Refusal | undefined {
  return (
    statusRefusal(c, "writeActionPlan") ??
    (sameActor(c.manager, actor) ? undefined : { code: "notTheManager" })
  );
}

/** Appends to the case's dialogue, up to the limit a case holds. */
function withAddition(c: Case, addition: Case["additions"][number]): Decision {
  if (c.additions.length >= MAX_ADDITIONS) return refuse({ code: "additionsFull" });
  return { ok: true, case: { ...c, additions: [...c.additions, addition] } };
}

export function decide(c: Case, action: LifecycleAction, actor: CaseActor, now: Date): Decision {
  const notNow = statusRefusal(c, action.kind);
  if (notNow) return refuse(notNow);
  const at = now.toISOString();
  switch (action.kind) {
    case "take":
      if (sameActor(c.assignee, actor)) return refuse({ code: "alreadyYours" });
      if (c.assignee) return refuse({ code: "alreadyAssigned", assignee: c.assignee.name });
      return { ok: true, case: { ...c, assignee: actor, status: triaged(c.status) } };
    case "assign":
      if (sameActor(c.assignee, action.to))
        return refuse({ code: "alreadyAssigned", assignee: action.to.name });
      return { ok: true, case: { ...c, assignee: action.to, status: triaged(c.status) } };
    case "assess": {
      if (c.imyReport) return refuse({ code: "alreadyReportedToImy" });
      const notifyImyReason = action.notifyImyReason?.trim() || undefined;
      const informSubjectsReason = action.informSubjectsReason?.trim() || undefined;
      if ((!action.notifyImy && !notifyImyReason) || (!action.informSubjects && !informSubjectsReason))
        return refuse({ code: "reasonRequired" });
      return {
        ok: true,
        case: {
          ...c,
          status: "assessed",
          dsoAssessment: {
            notifyImy: action.notifyImy,
            notifyImyReason,
            informSubjects: action.informSubjects,
            informSubjectsReason,
            // An exemption only explains a decision not to inform.
            ...(action.informExemption && !action.informSubjects
              ? { informExemption: action.informExemption }
              : {}),
            assessedAt: at,
            assessedBy: actor,
          },
        },
      };
    }
    case "ask":
      if (!c.contactConsent) return refuse({ code: "noContactConsent" });
      return withAddition(c, { at, by: actor, kind: "dso_question", text: action.question });
    case "answer":
      if (!sameActor(c.reporter, actor)) return refuse({ code: "notTheReporter" });
      if (!c.additions.some((a) => a.kind === "dso_question")) return refuse({ code: "noQuestion" });
      return withAddition(c, { at, by: actor, kind: "answer_to_dso", text: action.text });
    case "markReported":
      if (!c.dsoAssessment?.notifyImy) return refuse({ code: "imyNotToBeNotified" });
      if (c.imyReport) return refuse({ code: "alreadyReportedToImy" });
      // The report date feeds "notified in time": it cannot lie in the future or before the breach was discovered.
      if (action.reportedAt > at || action.reportedAt < c.discoveredAt)
        return refuse({ code: "reportedAtOutOfRange" });
      return {
        ok: true,
        case: {
          ...c,
          status: c.status === "assessed" ? "reported_to_imy" : c.status,
          imyReport: { reportedAt: action.reportedAt, reference: action.reference, by: actor },
        },
      };
    case "requestActionPlan":
      return {
        ok: true,
        case: { ...c, status: "action_plan", manager: action.manager, actionPlanRequestedAt: at },
      };
    case "writeActionPlan": {
      const refusal = actionPlanRefusal(c, actor);
      if (refusal) return refuse(refusal);
      return {
        ok: true,
        case: {
          ...c,
          actionPlan: {
            cause: action.cause,
            measures: action.measures,
            owner: action.owner,
            dueDate: action.dueDate,
            writtenAt: at,
            writtenBy: actor,
          },
        },
      };
    }
    case "close":
      if (!c.dsoAssessment) return refuse({ code: "needsAssessment" });
      if (c.dsoAssessment.notifyImy && !c.imyReport) return refuse({ code: "needsImyReport" });
      if (!c.actionPlan && !action.actionPlanNotNeeded) return refuse({ code: "needsActionPlan" });
      return {
        ok: true,
        case: {
          ...c,
          status: "closed",
          closedAt: at,
          actionPlanNotNeeded: c.actionPlan ? undefined : action.actionPlanNotNeeded,
        },
      };
    case "reopen": {
      const { closedAt: _closed, ...open } = c;
      return { ok: true, case: { ...open, status: "reopened" } };
    }
    case "recordNotificationFacts":
      return recordFacts(c, action.facts, at);
    case "recordSubjectsInformed":
      if (!c.dsoAssessment) return refuse({ code: "needsAssessment" });
      if (!within(action.informedAt, c.discoveredAt, at)) return refuse({ code: "informedAtOutOfRange" });
      return {
        ok: true,
        case: { ...c, subjectsInformed: { at: action.informedAt, method: action.method, by: actor } },
      };
    case "recordImySupplement": {
      if (!c.imyReport) return refuse({ code: "notReportedToImy" });
      if (!within(action.suppliedAt, c.imyReport.reportedAt, at))
        return refuse({ code: "supplementOutOfRange" });
      const earlier = c.imySupplements ?? [];
      if (earlier.length >= MAX_SUPPLEMENTS) return refuse({ code: "supplementsFull" });
      const summary = action.summary?.trim() || undefined;
      return {
        ok: true,
        case: {
          ...c,
          imySupplements: [...earlier, { at: action.suppliedAt, by: actor, ...(summary ? { summary } : {}) }],
        },
      };
    }
  }
}

/** ISO instants compare as text; `from` ≤ `at` ≤ `to`. */
const within = (at: string, from: string, to: string) => at >= from && at <= to;

function recordFacts(c: Case, facts: NotificationFacts, now: string): Decision {
  const given = Object.fromEntries(
    Object.entries(facts).filter(([, v]) => typeof v === "string" && v.trim() !== ""),
  ) as NotificationFacts;
  if (!Object.keys(given).length) return refuse({ code: "nothingToRecord" });
  // The organisation becomes aware at or after the discovery, and never in the future.
  if (given.becameAwareAt && !within(given.becameAwareAt, c.discoveredAt, now))
    return refuse({ code: "becameAwareOutOfRange" });
  if (given.endedAt && !within(given.endedAt, c.occurredFrom, now))
    return refuse({ code: "endedOutOfRange" });
  return { ok: true, case: { ...c, ...given, ...(given.endedAt ? { ongoing: false } : {}) } };
}

/** The DSO actions worth offering on the card in the case's current state (the server checks again on press). */
export function offeredActions(c: Case): ActionKind[] {
  const kinds: ActionKind[] = [
    "take",
    "assign",
    "assess",
    "ask",
    "markReported",
    "requestActionPlan",
    "close",
    "reopen",
    "recordNotificationFacts",
    "recordSubjectsInformed",
    "recordImySupplement",
  ];
  return kinds.filter((kind) => {
    if (!ALLOWED_IN[kind].has(c.status)) return false;
    if (kind === "take") return !c.assignee;
    // Re-assessing stays possible on the server; the card offers it before the first assessment (Teams shows six actions).
    if (kind === "assess") return c.status !== "assessed";
    if (kind === "markReported") return c.dsoAssessment?.notifyImy === true && !c.imyReport;
    if (kind === "ask") return c.contactConsent;
    if (kind === "recordSubjectsInformed") return c.dsoAssessment !== undefined && !c.subjectsInformed;
    if (kind === "recordImySupplement") return c.imyReport !== undefined;
    return true;
  });
}
