import type { z } from "zod";
import { assess } from "../../cases/assessment.js";
import type { CaseActor, PreliminaryAssessment } from "../../cases/case.js";
import { imyDeadline, isLate } from "../../cases/deadline.js";
import { MEASURES } from "../../cases/measures.js";
import type { FindingKind } from "../../privacy/guard.js";
import type { NewCase } from "../../store/case-repository.js";
import type { Answers, IncidentDraft, Position, StepId, Suggestions } from "./draft.js";
import { STEPS } from "./draft.js";
import { stepSchemas } from "./steps.js";

/**
 * The incident report as a pure function: draft + event + now → new draft,
 * the card to show and the effects for the caller. No I/O and no clock.
 */
export type IncidentEvent =
  | { kind: "answer"; step: StepId; values: Record<string, unknown> }
  | { kind: "back"; from: Position }
  | { kind: "edit"; step: StepId }
  | { kind: "cancel" }
  | { kind: "submit"; reporter: CaseActor & { aadObjectId: string } }
  | { kind: "submitted"; caseNumber: string };

export type Show =
  | { card: "step"; step: StepId; draft: IncidentDraft }
  | { card: "summary"; draft: IncidentDraft; assessment: PreliminaryAssessment; deadlineAt: string }
  | { card: "receipt"; draft: IncidentDraft; deadlineAt: string }
  | { card: "cancelled" }
  | { card: "menu" };

/** Shown as a message of its own, so it stays in the chat while the report goes on. */
export type Notice = {
  kind: "advice";
  category: Answers["what"]["category"];
  protectedData: boolean;
  nearMiss: boolean;
};

export type Effect = { kind: "submitCase"; case: NewCase };

/** A refusal the person can act on: a key under cards/strings (with params); nothing changed. */
export interface Refusal {
  refused: {
    key: string;
    params?: Record<string, string | number | { key: string } | { findings: readonly FindingKind[] }>;
  };
}

export interface Outcome {
  draft: IncidentDraft;
  show: Show;
  notices: Notice[];
  effects: Effect[];
}

export interface FlowContext {
  units: readonly string[];
}

const refusal = (key: string, params?: Refusal["refused"]["params"]): Refusal => ({
  refused: { key, params },
});

/** A new draft at the first step; suggestions pre-select answers but are not answers yet. */
export function startDraft(
  init: { id: string; orgId: string; ownerAad: string; suggested?: Suggestions },
  now: Date,
): Outcome {
  const stamp = now.toISOString();
  const draft: IncidentDraft = {
    kind: "incident-draft",
    id: init.id,
    orgId: init.orgId,
    ownerAad: init.ownerAad,
    status: "open",
    position: "what",
    reviewing: false,
    answers: {},
    suggested: init.suggested ?? {},
    createdAt: stamp,
    updatedAt: stamp,
  };
  return { draft, show: { card: "step", step: "what", draft }, notices: [], effects: [] };
}

/** The card for where the draft stands (continuing a draft, or a fresh look after a refusal). */
export function current(draft: IncidentDraft): Show {
  if (draft.status === "cancelled") return { card: "cancelled" };
  if (draft.status === "submitted") return receipt(draft);
  if (draft.position === "summary") return summary(draft);
  return { card: "step", step: draft.position, draft };
}

/** Protected data is involved, or may be ("don't know"), or the event is itself a revealed protected identity. */
export function isProtected(what: Answers["what"]): boolean {
  return what.protectionLevel !== "none" || what.category === "protected_identity_revealed";
}

function needsLateReason(draft: IncidentDraft, now: Date): boolean {
  const discovered = draft.answers.when?.discoveredAt;
  return discovered !== undefined && isLate(new Date(discovered), now);
}

/** The steps this draft asks, in order. */
export function stepsOf(draft: IncidentDraft, now: Date): StepId[] {
  return STEPS.filter((s) => s !== "late" || needsLateReason(draft, now));
}

function firstMissing(draft: IncidentDraft, now: Date): StepId | undefined {
  return stepsOf(draft, now).find((s) => draft.answers[s] === undefined);
}

function deadlineOf(draft: IncidentDraft): string {
  return imyDeadline(new Date(draft.answers.when!.discoveredAt)).toISOString();
}

function summary(draft: IncidentDraft): Show {
  return { card: "summary", draft, assessment: assess(factsOf(draft)), deadlineAt: deadlineOf(draft) };
}

function receipt(draft: IncidentDraft): Show {
  return { card: "receipt", draft, deadlineAt: deadlineOf(draft) };
}

function factsOf(draft: IncidentDraft) {
  const { what, when, data, who } = draft.answers as Answers;
  return { ...what, ...data, ongoing: when.ongoing, cause: who.cause };
}

function moved(
  draft: IncidentDraft,
  position: Position,
  now: Date,
  changes: Partial<IncidentDraft> = {},
): IncidentDraft {
  return { ...draft, ...changes, position, updatedAt: now.toISOString() };
}

function show(draft: IncidentDraft, notices: Notice[] = [], effects: Effect[] = []): Outcome {
  return { draft, show: current(draft), notices, effects };
}

/** Checks that depend on more than one step: a breach needs a type; measures must belong to the category. */
function crossCheck(step: StepId, answers: Partial<Answers>): Refusal | undefined {
  if (step === "data" && answers.what?.type === "incident" && answers.data!.breachTypes.length === 0)
    return refusal("incident.refused.breachRequired");
  if (step === "done") {
    const allowed = MEASURES[answers.what?.category ?? "other"];
    if (answers.done!.measuresTaken.some((m) => !allowed.includes(m))) return refusal("errors.invalidInput");
  }
  return undefined;
}

/**
 * A failed parse as the person sees it: the first refusal they can act on,
 * or, if any value is one no card could send (forged or broken), one plain
 * message that says nothing about the fields.
 */
export function refusalFrom(error: z.ZodError): Refusal {
  const refusable = (i: z.core.$ZodIssue) => i.code === "custom" && /^[a-z][A-Za-z]+$/.test(i.message);
  if (!error.issues.every(refusable)) return refusal("errors.invalidInput");
  const issue = error.issues[0] as { message: string; params?: Refusal["refused"]["params"] };
  const params = Object.fromEntries(
    Object.entries(issue.params ?? {}).map(([k, v]) =>
      typeof v === "string" && v.startsWith("incident.") ? [k, { key: v }] : [k, v],
    ),
  );
  return refusal(`incident.refused.${issue.message}`, params);
}

function answer(
  draft: IncidentDraft,
  event: Extract<IncidentEvent, { kind: "answer" }>,
  now: Date,
  context: FlowContext,
): Outcome | Refusal {
  const parsed = stepSchemas(now, context.units)[event.step].safeParse(event.values);
  if (!parsed.success) return refusalFrom(parsed.error);
  const answers: Partial<Answers> = { ...draft.answers, [event.step]: parsed.data };
  const problem = crossCheck(event.step, answers);
  if (problem) return problem;
  // A new category has its own checklist: what was ticked for the old one no longer applies.
  if (
    event.step === "what" &&
    draft.answers.what &&
    draft.answers.what.category !== answers.what!.category &&
    answers.done
  )
    answers.done = { ...answers.done, measuresTaken: [] };
  let updated: IncidentDraft = { ...draft, answers };
  if (!needsLateReason(updated, now)) delete updated.answers.late;
  const missing = firstMissing(updated, now);
  const steps = stepsOf(updated, now);
  const following = steps[steps.indexOf(event.step) + 1];
  const position: Position = updated.reviewing ? (missing ?? "summary") : (following ?? missing ?? "summary");
  updated = moved(updated, position, now);
  const notices: Notice[] =
    event.step === "what"
      ? [
          {
            kind: "advice",
            category: answers.what!.category,
            protectedData: isProtected(answers.what!),
            nearMiss: answers.what!.type === "near_miss",
          },
        ]
      : [];
  return show(updated, notices);
}

function back(draft: IncidentDraft, now: Date): Outcome {
  const steps = stepsOf(draft, now);
  if (draft.position === "summary") return show(moved(draft, steps[steps.length - 1]!, now));
  const index = steps.indexOf(draft.position);
  if (index <= 0) return { draft, show: { card: "menu" }, notices: [], effects: [] };
  return show(moved(draft, steps[index - 1]!, now));
}

function newCase(draft: IncidentDraft, reporter: CaseActor & { aadObjectId: string }): NewCase {
  const { what, when, late, data, who, done } = draft.answers as Answers;
  return {
    id: draft.id,
    orgId: draft.orgId,
    type: what.type,
    category: what.category,
    unitId: who.unitId,
    protectionLevel: what.protectionLevel,
    occurredFrom: when.occurredAt,
    occurredApproximate: when.occurredApproximate,
    discoveredAt: when.discoveredAt,
    deadlineAt: deadlineOf(draft),
    ...(late ? { lateReason: late.lateReason } : {}),
    ongoing: when.ongoing,
    discoveredBy: when.discoveredBy,
    breachTypes: data.breachTypes,
    dataCategories: data.dataCategories,
    subjectGroups: data.subjectGroups,
    approxSubjects: data.approxSubjects,
    approxRecords: data.approxRecords,
    encrypted: data.encrypted,
    seenByUnauthorised: data.seenByUnauthorised,
    processorInvolved: who.processorInvolved,
    cause: who.cause,
    description: done.description,
    measuresTaken: done.measuresTaken,
    otherReports: done.otherReports,
    preliminary: assess(factsOf(draft)),
    status: "reported",
    reporter,
    manager: { name: who.managerName },
    contactConsent: done.contactConsent,
    additions: [],
  };
}

/**
 * One step of the conversation. A submitted or cancelled draft refuses every
 * change; a second submit shows the same receipt. Steps must be answered
 * where the draft stands, so a stale card changes nothing.
 */
export function next(
  draft: IncidentDraft,
  event: IncidentEvent,
  now: Date,
  context: FlowContext,
): Outcome | Refusal {
  if (draft.status === "submitted") {
    if (event.kind === "submit" || event.kind === "submitted") return show(draft);
    return refusal("incident.refused.alreadySent", { number: draft.caseNumber ?? "" });
  }
  if (draft.status === "cancelled") return refusal("incident.refused.cancelled");
  switch (event.kind) {
    case "answer":
      if (event.step !== draft.position) return refusal("incident.refused.stale");
      return answer(draft, event, now, context);
    case "back":
      if (event.from !== draft.position) return refusal("incident.refused.stale");
      return back(draft, now);
    case "edit":
      if (draft.position !== "summary" || !stepsOf(draft, now).includes(event.step))
        return refusal("incident.refused.stale");
      return show(moved(draft, event.step, now, { reviewing: true }));
    case "cancel":
      return show(moved(draft, draft.position, now, { status: "cancelled" }));
    case "submit": {
      if (draft.position !== "summary") return refusal("incident.refused.stale");
      // The summary was shown before 72 hours had passed; now IMY will ask why the report is late.
      const missing = firstMissing(draft, now);
      if (missing) return show(moved(draft, missing, now, { reviewing: true }));
      return {
        draft,
        show: current(draft),
        notices: [],
        effects: [{ kind: "submitCase", case: newCase(draft, event.reporter) }],
      };
    }
    case "submitted":
      return show(moved(draft, "summary", now, { status: "submitted", caseNumber: event.caseNumber }));
  }
}

export function isRefusal(result: Outcome | Refusal): result is Refusal {
  return "refused" in result;
}
