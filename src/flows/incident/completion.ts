import { z } from "zod";
import { assess } from "../../cases/assessment.js";
import {
  BREACH_TYPES,
  CAUSES,
  type Case,
  DATA_CATEGORIES,
  DEPENDENCES,
  EXPOSURES,
  IDENTIFIABILITY,
  INTENTS,
  OUTAGES,
  RECIPIENT_COUNTS,
  RECIPIENTS,
  RESTORATION,
  REVEALING,
  SERVICE_IMPACTS,
  SUBJECT_GROUPS,
  YES_NO_UNKNOWN,
} from "../../cases/case.js";
import { MEASURES } from "../../cases/measures.js";
import { COUNT_LIMITS, type Problem, problemsFrom, text } from "./steps.js";

/**
 * What a report filed with the minimum may still be completed with, as a
 * list: each fact is one input on the *Komplettera* card (its id is the card
 * input and, unless `apply` says otherwise, the case field), with the choices
 * it offers, the cases it applies to, and how a card value becomes the case's
 * value. A value left empty is not an answer: the fact stays to be completed.
 * A new optional fact of the case is added here by listing it.
 */
export type FactInput = "multi" | "single" | "count" | "text";

export interface CompletionFact {
  id: string;
  input: FactInput;
  /** Choice values, and the string prefix their labels live under (`<prefix>.<value>`). */
  choices?: (c: CompletionCase) => readonly string[];
  labels?: string;
  appliesTo?: (c: CompletionCase) => boolean;
  /** Card value (already known not to be empty) → what the case holds. */
  parse: z.ZodType;
  /** The case as it is → the value the card shows. */
  shown: (c: CompletionCase) => string;
  apply?: (value: never) => Partial<Case>;
}

/** What completion reads and writes of a case. */
export type CompletionCase = Omit<Case, "kind" | "number" | "createdAt" | "updatedAt">;

const incidentOnly = (c: CompletionCase) => c.type === "incident";
/** Confidentiality is at stake, or what happened is not said yet (then it may be). */
const disclosure = (c: CompletionCase) =>
  incidentOnly(c) && (c.breachTypes.length === 0 || c.breachTypes.includes("confidentiality"));
/** Data lost or locked (availability), as the category or the breach types say. */
const unavailable = (c: CompletionCase) =>
  incidentOnly(c) &&
  (c.breachTypes.includes("availability") ||
    c.category === "data_lost" ||
    c.category === "malware_or_hacking");
const changedOrUnavailable = (c: CompletionCase) => unavailable(c) || c.breachTypes.includes("integrity");
/** A single choice among a case enum, each value labelled under `incident.fact.<id>.<value>`. */
const choiceOf = <T extends readonly [string, ...string[]]>(
  id: keyof CompletionCase & string,
  values: T,
  appliesTo: (c: CompletionCase) => boolean,
): CompletionFact => ({
  id,
  input: "single",
  choices: () => values,
  labels: `incident.fact.${id}`,
  appliesTo,
  parse: z.enum(values),
  shown: (c) => String(c[id] ?? ""),
});
const yesNoOf = (
  id: keyof CompletionCase & string,
  appliesTo: (c: CompletionCase) => boolean,
): CompletionFact => ({
  ...choiceOf(id, YES_NO_UNKNOWN, appliesTo),
  labels: "incident",
});

/**
 * The facts the preliminary assessment weighs beyond the report's first questions (src/cases/assessment-facts.ts):
 * asked on the Komplettera card whichever way the report was filed; until answered they read as "unknown", the
 * stricter reading.
 */
/** Choices labelled with the assessment's own wording for them (cards/strings/<locale>/assessment.json). */
const askedBy = (fact: CompletionFact): CompletionFact => ({
  ...fact,
  labels: `assessment.question.${fact.id}`,
});

export const ASSESSMENT_FACTS: readonly CompletionFact[] = [
  choiceOf("recipient", RECIPIENTS, disclosure),
  askedBy(choiceOf("recipientCount", RECIPIENT_COUNTS, disclosure)),
  askedBy(choiceOf("recipientLink", YES_NO_UNKNOWN, disclosure)),
  askedBy(choiceOf("exposure", EXPOSURES, disclosure)),
  askedBy(yesNoOf("deletionConfirmed", disclosure)),
  yesNoOf("safetyRisk", disclosure),
  yesNoOf("encryptionKeySafe", (c) => incidentOnly(c) && c.encrypted !== "no"),
  choiceOf("revealing", REVEALING, disclosure),
  choiceOf("identifiable", IDENTIFIABILITY, incidentOnly),
  yesNoOf("alreadyPublic", disclosure),
  choiceOf("restoration", RESTORATION, unavailable),
  choiceOf("outage", OUTAGES, unavailable),
  choiceOf("serviceImpact", SERVICE_IMPACTS, changedOrUnavailable),
  askedBy(choiceOf("dependence", DEPENDENCES, changedOrUnavailable)),
  choiceOf("intent", INTENTS, incidentOnly),
];
const list = (values: readonly string[] | undefined) => (values ?? []).join(",");
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(2000)
    .transform((v) => [...new Set(v.split(",").filter(Boolean))])
    .pipe(z.array(z.enum(values)).min(1));
const count = (field: keyof typeof COUNT_LIMITS) =>
  z
    .string()
    .transform((v) => v.trim().replace(/\s/g, ""))
    .superRefine((v, ctx) => {
      const refuse = (message: string, params: Record<string, string | number> = {}) =>
        ctx.addIssue({ code: "custom", message, params: { field: `incident.fields.${field}`, ...params } });
      if (!/^-?\d+$/.test(v)) refuse("notACount");
      else if (Number(v) < 0) refuse("negativeCount");
      else if (Number(v) > COUNT_LIMITS[field]) refuse("absurdCount", { max: COUNT_LIMITS[field] });
    })
    .transform(Number);

export const COMPLETION_FACTS: readonly CompletionFact[] = [
  {
    id: "dataCategories",
    input: "multi",
    choices: () => DATA_CATEGORIES,
    labels: "incident.dataCategory",
    parse: multi(DATA_CATEGORIES),
    shown: (c) => list(c.dataCategories),
  },
  {
    id: "subjectGroups",
    input: "multi",
    choices: () => SUBJECT_GROUPS,
    labels: "incident.subjectGroup",
    parse: multi(SUBJECT_GROUPS),
    shown: (c) => list(c.subjectGroups),
  },
  {
    id: "approxSubjects",
    input: "count",
    parse: count("approxSubjects"),
    shown: (c) => (c.approxSubjects === undefined ? "" : String(c.approxSubjects)),
  },
  {
    id: "approxRecords",
    input: "count",
    parse: count("approxRecords"),
    shown: (c) => (c.approxRecords === undefined ? "" : String(c.approxRecords)),
  },
  {
    id: "breachTypes",
    input: "multi",
    choices: () => BREACH_TYPES,
    labels: "incident.breach",
    appliesTo: incidentOnly,
    parse: multi(BREACH_TYPES),
    shown: (c) => list(c.breachTypes),
  },
  {
    id: "encrypted",
    input: "single",
    choices: () => YES_NO_UNKNOWN,
    labels: "incident",
    appliesTo: incidentOnly,
    parse: z.enum(YES_NO_UNKNOWN),
    shown: (c) => c.encrypted,
  },
  {
    id: "seenByUnauthorised",
    input: "single",
    choices: () => YES_NO_UNKNOWN,
    labels: "incident",
    appliesTo: incidentOnly,
    parse: z.enum(YES_NO_UNKNOWN),
    shown: (c) => c.seenByUnauthorised,
  },
  {
    id: "ongoing",
    input: "single",
    choices: () => YES_NO_UNKNOWN,
    labels: "incident",
    appliesTo: incidentOnly,
    parse: z.enum(YES_NO_UNKNOWN),
    shown: () => "",
    // Not knowing whether it goes on is read as going on: the stricter reading.
    apply: (v: (typeof YES_NO_UNKNOWN)[number]) => ({ ongoing: v !== "no" }),
  },
  {
    id: "discoveredBy",
    input: "single",
    choices: () => ["internal", "external"],
    labels: "incident.when",
    parse: z.enum(["internal", "external"]),
    shown: () => "",
  },
  {
    id: "measuresTaken",
    input: "multi",
    choices: (c) => MEASURES[c.category],
    labels: "incident.measures",
    parse: z
      .string()
      .max(2000)
      .transform((v) => [...new Set(v.split(",").filter(Boolean))]),
    shown: (c) => list(c.measuresTaken),
  },
  {
    id: "cause",
    input: "single",
    choices: () => CAUSES,
    labels: "incident.cause",
    parse: z.enum(CAUSES),
    shown: () => "",
  },
  {
    id: "processorInvolved",
    input: "single",
    choices: () => YES_NO_UNKNOWN,
    labels: "incident",
    parse: z.enum(YES_NO_UNKNOWN),
    shown: () => "",
  },
  {
    id: "managerName",
    input: "text",
    parse: text("managerName"),
    shown: (c) => c.manager.name,
    apply: (v: string) => ({ manager: { name: v } }),
  },
  ...ASSESSMENT_FACTS,
];

const byId = new Map(COMPLETION_FACTS.map((f) => [f.id, f]));

/** The facts a case of this kind can be completed with, in the card's order. */
export function factsFor(c: CompletionCase): CompletionFact[] {
  return COMPLETION_FACTS.filter((f) => !f.appliesTo || f.appliesTo(c));
}

/** The facts still to give, for the card: those listed on the case that apply to it. */
export function pendingFacts(c: CompletionCase): CompletionFact[] {
  const pending = new Set(c.toComplete ?? []);
  return factsFor(c).filter((f) => pending.has(f.id));
}

export type CompletionResult = { case: CompletionCase; answered: string[] } | { problems: Problem[] };

/**
 * Completes a case with what the card sent. Only facts still to be completed
 * are read (a forged field for anything else is ignored); an empty value
 * leaves its fact open; a measure that does not belong to the category is a
 * forged value. The preliminary assessment is made again on the new facts.
 */
export function complete(c: CompletionCase, values: Record<string, unknown>): CompletionResult {
  const problems: Problem[] = [];
  let updated: CompletionCase = { ...c };
  const answered: string[] = [];
  for (const fact of pendingFacts(c)) {
    const raw = values[fact.id];
    if (raw === undefined || raw === "") {
      // "Vet inte" beside a count answers it without a number: 0 is never assumed.
      if (fact.input === "count" && values[`${fact.id}Unknown`] === "true") answered.push(fact.id);
      continue;
    }
    const parsed = fact.parse.safeParse(raw);
    if (!parsed.success) {
      problems.push(...problemsFrom(parsed.error, fact.id));
      continue;
    }
    if (
      fact.id === "measuresTaken" &&
      (parsed.data as string[]).some((m) => !MEASURES[c.category].includes(m))
    )
      return { problems: [{ key: "errors.invalidInput" }] };
    const change = fact.apply ? fact.apply(parsed.data as never) : { [fact.id]: parsed.data };
    updated = { ...updated, ...change };
    answered.push(fact.id);
  }
  if (problems.length) return { problems };
  const left = (c.toComplete ?? []).filter((id) => !answered.includes(id) && byId.has(id));
  updated = { ...updated, toComplete: left };
  return { case: { ...updated, preliminary: assess(updated) }, answered };
}

/** The assessment's further facts that apply to a case filed after every step (the Komplettera card asks them). */
export function openAssessmentFacts(c: CompletionCase): string[] {
  return ASSESSMENT_FACTS.filter((f) => !f.appliesTo || f.appliesTo(c)).map((f) => f.id);
}

/** The facts a case filed now leaves open (the reporter completes them later). */
export function openFactsAtFiling(c: CompletionCase, known: readonly string[]): string[] {
  return factsFor(c)
    .map((f) => f.id)
    .filter((id) => !known.includes(id));
}
