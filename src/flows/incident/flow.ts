import { assess } from "../../cases/assessment.js";
import type { CaseActor, PreliminaryAssessment } from "../../cases/case.js";
import { imyDeadline, isLate } from "../../cases/deadline.js";
import { MEASURES } from "../../cases/measures.js";
import type { NewCase } from "../../store/case-repository.js";
import { openAssessmentFacts } from "./completion.js";
import type { Answers, IncidentDraft, Position, StepId, Suggestions } from "./draft.js";
import { STEPS } from "./draft.js";
import { carried, quickCase } from "./quick.js";
import { type Problem, problemsFrom, quickSchema, stepSchemas } from "./steps.js";

/**
 * The incident report as a pure function: draft + event + now → new draft,
 * the card to show and the effects for the caller. No I/O and no clock.
 */
type Reporter = CaseActor & { aadObjectId: string };

export type IncidentEvent =
  | { kind: "answer"; step: StepId; values: Record<string, unknown> }
  /** The quick card's *Skicka rapporten nu*: file with the minimum, complete later. */
  | { kind: "file"; values: Record<string, unknown>; reporter: Reporter }
  /** The quick card's *Fyll i allt nu*: every step, with what was typed so far carried along. */
  | { kind: "full"; values: Record<string, unknown> }
  | { kind: "back"; from: Position }
  | { kind: "edit"; step: StepId }
  | { kind: "cancel" }
  | { kind: "undo" }
  | { kind: "submit"; reporter: Reporter }
  | { kind: "submitted"; caseNumber: string };

export type Show =
  | { card: "quick"; draft: IncidentDraft }
  | { card: "step"; step: StepId; draft: IncidentDraft }
  | { card: "summary"; draft: IncidentDraft; assessment: PreliminaryAssessment; deadlineAt: string }
  | { card: "receipt"; draft: IncidentDraft; deadlineAt: string }
  | { card: "cancelled"; draft: IncidentDraft }
  | { card: "menu" };

/** Shown as a message of its own, so it stays in the chat while the report goes on. */
export type Notice = {
  kind: "advice";
  category: Answers["what"]["category"];
  protectedData: boolean;
  nearMiss: boolean;
};

export type Effect = { kind: "submitCase"; case: NewCase };

/**
 * A refusal the person can act on: the first problem (a key under
 * cards/strings, with params), and every problem by the input it belongs to,
 * so the card can come back with what was typed and each problem beside its
 * field. Nothing changed.
 */
export interface Refusal {
  refused: Problem;
  problems: Problem[];
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

const refusal = (key: string, params?: Problem["params"], field?: string): Refusal => {
  const problem = { key, params, field };
  return { refused: problem, problems: [problem] };
};

const refusalOf = (problems: Problem[]): Refusal => ({ refused: problems[0]!, problems });

/** A new draft at the quick card; suggestions pre-fill answers but are not answers yet. */
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
    position: "quick",
    reviewing: false,
    answers: {},
    suggested: init.suggested ?? {},
    createdAt: stamp,
    updatedAt: stamp,
  };
  const s = init.suggested ?? {};
  if (s.category) draft.adviceGiven = s.category;
  // Known at once (read from the first words): the do-this-now advice comes first, before any question.
  const notices: Notice[] =
    s.category || s.urgent ? [adviceFor(s.category ?? "other", s.protectionLevel, s.type, s.urgent)] : [];
  return { draft, show: { card: "quick", draft }, notices, effects: [] };
}

function adviceFor(
  category: Answers["what"]["category"],
  protectionLevel: Answers["what"]["protectionLevel"] | undefined,
  type: Answers["what"]["type"] | undefined,
  urgent = false,
): Notice {
  return {
    kind: "advice",
    category,
    protectedData:
      urgent ||
      isProtected({ category, protectionLevel: protectionLevel ?? "none", type: type ?? "incident" }),
    nearMiss: type === "near_miss",
  };
}

/** The card for where the draft stands (continuing a draft, or a fresh look after a refusal). */
export function current(draft: IncidentDraft): Show {
  if (draft.status === "cancelled") return { card: "cancelled", draft };
  if (draft.status === "submitted") return receipt(draft);
  if (draft.position === "summary") return summary(draft);
  if (draft.position === "quick") return { card: "quick", draft };
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
  const discovered = draft.answers.when?.discoveredAt ?? draft.suggested.discoveredAt ?? draft.createdAt;
  return imyDeadline(new Date(discovered)).toISOString();
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
    return refusal("incident.refused.breachRequired", undefined, "breachTypes");
  if (step === "done") {
    const allowed = MEASURES[answers.what?.category ?? "other"];
    if (answers.done!.measuresTaken.some((m) => !allowed.includes(m))) return refusal("errors.invalidInput");
  }
  return undefined;
}

function answer(
  draft: IncidentDraft,
  event: Extract<IncidentEvent, { kind: "answer" }>,
  now: Date,
  context: FlowContext,
): Outcome | Refusal {
  const parsed = stepSchemas(now, context.units)[event.step].safeParse(event.values);
  if (!parsed.success) return refusalOf(problemsFrom(parsed.error));
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
  const what = answers.what!;
  // The advice for the category, unless the first words already brought it.
  const notices: Notice[] =
    event.step === "what" && draft.adviceGiven !== what.category
      ? [adviceFor(what.category, what.protectionLevel, what.type, draft.suggested.urgent)]
      : [];
  if (notices.length) updated = { ...updated, adviceGiven: what.category };
  return show(updated, notices);
}

function back(draft: IncidentDraft, now: Date): Outcome {
  const steps = stepsOf(draft, now);
  if (draft.position === "summary") return show(moved(draft, steps[steps.length - 1]!, now));
  if (draft.position === "quick") return { draft, show: { card: "menu" }, notices: [], effects: [] };
  const index = steps.indexOf(draft.position as StepId);
  if (index === 0) return show(moved(draft, "quick", now));
  return show(moved(draft, steps[index - 1]!, now));
}

function newCase(draft: IncidentDraft, reporter: CaseActor & { aadObjectId: string }): NewCase {
  const { what, when, late, data, who, done } = draft.answers as Answers;
  const filed: NewCase = {
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
    toComplete: [],
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
  // The steps ask every fact of the report but those the assessment weighs beyond them: the Komplettera card asks these.
  return { ...filed, toComplete: openAssessmentFacts(filed) };
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
  if (draft.status === "cancelled") {
    if (event.kind !== "undo") return refusal("incident.refused.cancelled");
    const { cancelledFrom, ...rest } = draft;
    return show(moved(rest, cancelledFrom ?? "quick", now, { status: "open" }));
  }
  if (event.kind === "undo") return show(draft);
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
      return show(moved(draft, draft.position, now, { status: "cancelled", cancelledFrom: draft.position }));
    case "file":
      if (draft.position !== "quick") return refusal("incident.refused.stale");
      return file(draft, event, now, context);
    case "full":
      if (draft.position !== "quick") return refusal("incident.refused.stale");
      return show(moved(draft, "what", now, { suggested: carried(draft.suggested, event.values) }));
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

/**
 * Files the quick card: the case with the minimum, the rest to be completed.
 * A report found out more than 72 hours ago also needs the reason for the
 * delay, asked on the same card.
 */
function file(
  draft: IncidentDraft,
  event: Extract<IncidentEvent, { kind: "file" }>,
  now: Date,
  context: FlowContext,
): Outcome | Refusal {
  const occurredAt = draft.suggested.occurredAt;
  const parsed = quickSchema(now, context.units).safeParse({
    ...event.values,
    ...(occurredAt ? { occurredAt } : {}),
  });
  if (!parsed.success) return refusalOf(problemsFrom(parsed.error));
  const q = parsed.data;
  if (isLate(new Date(q.discoveredAt), now)) {
    const reason = stepSchemas(now, context.units).late.safeParse({ lateReason: q.lateReason });
    if (!reason.success) {
      const problems = problemsFrom(reason.error).map((p) =>
        p.key === "incident.refused.empty" ? { ...p, key: "incident.refused.lateReasonNeeded" } : p,
      );
      return refusalOf(problems);
    }
  }
  const notices: Notice[] =
    draft.adviceGiven === q.category
      ? []
      : [adviceFor(q.category, q.protectionLevel, q.type, draft.suggested.urgent)];
  const filed = {
    ...draft,
    adviceGiven: q.category,
    suggested: { ...draft.suggested, discoveredAt: q.discoveredAt },
  };
  return {
    draft: filed,
    show: current(filed),
    notices,
    effects: [{ kind: "submitCase", case: quickCase(draft, q, event.reporter) }],
  };
}

export function isRefusal(result: Outcome | Refusal): result is Refusal {
  return "refused" in result;
}
