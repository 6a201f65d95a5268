import { assess } from "../../cases/assessment.js";
import {
  type BreachType,
  CASE_TYPES,
  CATEGORIES,
  type CaseActor,
  type Category,
  PROTECTION_LEVELS,
} from "../../cases/case.js";
import { imyDeadline } from "../../cases/deadline.js";
import { findIdentifyingData } from "../../privacy/guard.js";
import type { NewCase } from "../../store/case-repository.js";
import { openFactsAtFiling } from "./completion.js";
import type { IncidentDraft, Suggestions } from "./draft.js";
import type { ReportReading } from "./recognise.js";
import { type Problem, type QuickAnswers, TEXT_LIMITS } from "./steps.js";

/**
 * A report filed now, with the minimum (domain.md §2.1: what happened, when
 * it was discovered, where), and completed later. What the first message
 * said becomes suggestions for the one card; the person's own words become
 * the description only when the privacy guard lets them through.
 */

/** What a category means for the data until the reporter says more (EDPB 01/2021's three breach types). */
const BREACH_BY_CATEGORY: Record<Category, BreachType[]> = {
  wrong_recipient_email: ["confidentiality"],
  wrong_address_letter: ["confidentiality"],
  wrong_recipient_message: ["confidentiality"],
  lost_or_stolen_device: ["confidentiality", "availability"],
  unauthorised_access: ["confidentiality"],
  protected_identity_revealed: ["confidentiality"],
  public_records_disclosure: ["confidentiality"],
  published_by_mistake: ["confidentiality"],
  data_lost: ["availability"],
  data_altered: ["integrity"],
  malware_or_hacking: ["confidentiality"],
  // Not knowing what happened to the data, someone may have seen it: the stricter reading.
  other: ["confidentiality"],
};

export function breachTypesOf(category: Category, type: NewCase["type"]): BreachType[] {
  return type === "near_miss" ? [] : BREACH_BY_CATEGORY[category];
}

export interface FirstWords {
  suggested: Suggestions;
  /** The text could not become the description: shown back to the person in the card only, never stored. */
  descriptionProblem?: Problem;
}

/** Suggestions from the first message; the text itself only if it is a description and passes the guard. */
export function suggestionsFromReading(reading: ReportReading, text: string): FirstWords {
  const suggested: Suggestions = {
    ...(reading.category ? { category: reading.category } : {}),
    ...(reading.candidates.length ? { candidates: reading.candidates } : {}),
    ...(reading.type ? { type: reading.type } : {}),
    ...(reading.protectionLevel ? { protectionLevel: reading.protectionLevel } : {}),
    ...(reading.dataCategories.length ? { dataCategories: reading.dataCategories } : {}),
    ...(reading.subjectGroups.length ? { subjectGroups: reading.subjectGroups } : {}),
    ...(reading.occurred
      ? {
          occurredAt: reading.occurred.at.toISOString(),
          occurredApproximate: !reading.occurred.exact,
          // Found out no earlier than it happened: the earliest discovery, so the strictest deadline.
          discoveredAt: reading.occurred.at.toISOString(),
          discoveredTimeKnown: reading.occurred.exact,
        }
      : {}),
    urgent:
      reading.safetyThreat ||
      reading.category === "protected_identity_revealed" ||
      (reading.protectionLevel !== undefined && reading.protectionLevel !== "none"),
  };
  if (!reading.describes) return { suggested };
  const trimmed = text.trim();
  if (trimmed.length > TEXT_LIMITS.description)
    return {
      suggested,
      descriptionProblem: {
        key: "incident.refused.tooLong",
        params: {
          field: { key: "incident.fields.description" },
          max: TEXT_LIMITS.description,
          length: trimmed.length,
        },
        field: "description",
      },
    };
  const found = findIdentifyingData(trimmed);
  if (found.length > 0)
    return {
      suggested,
      descriptionProblem: {
        key: "incident.refused.privacy",
        params: { explanation: { findings: found } },
        field: "description",
      },
    };
  return { suggested: { ...suggested, description: trimmed } };
}

/** The case a quick report becomes: what was given, the rest to be completed (never a number that was not said). */
export function quickCase(
  draft: IncidentDraft,
  q: QuickAnswers,
  reporter: CaseActor & { aadObjectId: string },
): NewCase {
  const s = draft.suggested;
  const exactOccurrence = s.occurredAt === q.occurredAt && s.occurredApproximate === false;
  const base: NewCase = {
    id: draft.id,
    orgId: draft.orgId,
    type: q.type,
    category: q.category,
    unitId: q.unitId,
    protectionLevel: q.protectionLevel,
    occurredFrom: q.occurredAt,
    occurredApproximate: !exactOccurrence,
    discoveredAt: q.discoveredAt,
    deadlineAt: imyDeadline(new Date(q.discoveredAt)).toISOString(),
    ...(q.lateReason.trim() ? { lateReason: q.lateReason.trim() } : {}),
    ongoing: false,
    discoveredBy: "internal",
    breachTypes: breachTypesOf(q.category, q.type),
    dataCategories: s.dataCategories ?? [],
    subjectGroups: s.subjectGroups ?? [],
    encrypted: "unknown",
    seenByUnauthorised: q.type === "near_miss" ? "no" : "unknown",
    processorInvolved: "unknown",
    cause: "unknown",
    description: q.description,
    measuresTaken: [],
    otherReports: [],
    preliminary: { severity: "low", reasons: [], notifyImyLikely: false, informSubjectsLikely: false },
    status: "reported",
    reporter,
    manager: { name: "" },
    contactConsent: true,
    additions: [],
  };
  const withOpen = { ...base, toComplete: openFactsAtFiling(base, []) };
  return { ...withOpen, preliminary: assess(withOpen) };
}

/**
 * What the quick card held when the person chose to fill in everything:
 * kept as suggestions for the steps. Nothing here is checked yet (the steps
 * check it), except that typed text that fails the privacy guard is dropped.
 */
export function carried(suggested: Suggestions, values: Record<string, unknown>): Suggestions {
  const pick = <K extends keyof Suggestions>(key: K, value: unknown, valid: (v: string) => boolean) =>
    typeof value === "string" && value !== "" && valid(value) ? { [key]: value } : {};
  const description = typeof values.description === "string" ? values.description.trim() : "";
  return {
    ...suggested,
    ...pick("category", values.category, (v) => (CATEGORIES as readonly string[]).includes(v)),
    ...pick("type", values.type, (v) => (CASE_TYPES as readonly string[]).includes(v)),
    ...pick("protectionLevel", values.protectionLevel, (v) =>
      (PROTECTION_LEVELS as readonly string[]).includes(v),
    ),
    ...pick("unitId", values.unitId, (v) => v.length <= 64),
    ...(description &&
    description.length <= TEXT_LIMITS.description &&
    findIdentifyingData(description).length === 0
      ? { description }
      : {}),
  } as Suggestions;
}
