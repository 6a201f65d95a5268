import { z } from "zod";
import { MEASURE_IDS } from "./measures.js";

/**
 * The case: one personal data incident or near miss, holding what IMY's
 * notification form asks for (domain.md §2.1) and never the identity or
 * whereabouts of an affected person. Shared by the incident flow, the DSO
 * escalation, the manager digest and the dashboard.
 */

export const CASE_TYPES = ["incident", "near_miss"] as const;

/** domain.md §2.2; `protected_identity_revealed` is always treated as high severity. */
export const CATEGORIES = [
  "wrong_recipient_email",
  "wrong_address_letter",
  "wrong_recipient_message",
  "lost_or_stolen_device",
  "unauthorised_access",
  "protected_identity_revealed",
  "public_records_disclosure",
  "published_by_mistake",
  "data_lost",
  "data_altered",
  "malware_or_hacking",
  "other",
] as const;

/** `unknown` ("don't know") counts as protected for severity until the DSO decides otherwise. */
export const PROTECTION_LEVELS = [
  "none",
  "sekretessmarkering",
  "skyddad_folkbokforing",
  "fingerade_personuppgifter",
  "osl_21_3",
  "unknown",
] as const;

export const BREACH_TYPES = ["confidentiality", "integrity", "availability"] as const;

export const DATA_CATEGORIES = [
  "identity",
  "personal_identity_number",
  "contact_details",
  "financial",
  "evaluative",
  "crime_related",
  "sensitive_art9",
  "health",
  "social_services",
  "pupil_welfare",
  "secrecy_osl",
  "other",
] as const;

export const SUBJECT_GROUPS = [
  "residents_clients",
  "pupils",
  "children",
  "employees",
  "patients",
  "other",
] as const;

export const CAUSES = ["working_method", "technical_fault", "human_error", "attack", "unknown"] as const;

export const SEVERITIES = ["low", "medium", "high"] as const;

/** reported → triage → assessed → (reported_to_imy) → action_plan → closed, plus reopened. */
export const CASE_STATUSES = [
  "reported",
  "triage",
  "assessed",
  "reported_to_imy",
  "action_plan",
  "closed",
  "reopened",
] as const;

export const YES_NO_UNKNOWN = ["yes", "no", "unknown"] as const;

export type CaseType = (typeof CASE_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number];
export type BreachType = (typeof BREACH_TYPES)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type SubjectGroup = (typeof SUBJECT_GROUPS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

const isoDate = z.iso.datetime({ offset: true });
const aadId = z.string().min(1).max(64);
const person = z.object({ aadObjectId: aadId.optional(), name: z.string().max(200) });
/** Free text in a case has passed the privacy guard before it gets here. */
const guardedText = (max: number) => z.string().max(max);

/**
 * How many additions (reporter's additions, DSO questions, answers) a case holds at most: enough for any real
 * case, and it keeps the case document and its card well inside Cosmos' and Teams' size limits.
 */
export const MAX_ADDITIONS = 100;

export const PreliminaryAssessmentSchema = z.object({
  severity: z.enum(SEVERITIES),
  /** Reason codes (strings under cards/strings/<locale>/assessment.json), one line each on the cards. */
  reasons: z.array(z.string().max(64)).max(20),
  notifyImyLikely: z.boolean(),
  informSubjectsLikely: z.boolean(),
});

export const DsoAssessmentSchema = z.object({
  notifyImy: z.boolean(),
  notifyImyReason: guardedText(2000).optional(),
  informSubjects: z.boolean(),
  informSubjectsReason: guardedText(2000).optional(),
  assessedAt: isoDate,
  assessedBy: person,
});

export const ActionPlanSchema = z.object({
  cause: guardedText(2000),
  measures: guardedText(4000),
  owner: z.string().max(200),
  dueDate: z.iso.date(),
  writtenAt: isoDate,
  writtenBy: person,
});

/** Information added after submission (by the reporter or as an answer to the DSO); appended, never overwritten. */
export const AdditionSchema = z.object({
  at: isoDate,
  by: person,
  kind: z.enum(["reporter_addition", "answer_to_dso", "dso_question"]),
  text: guardedText(2000),
});

export const CaseSchema = z.object({
  /** The cases container also holds the number sequences; `kind` tells them apart in queries. */
  kind: z.literal("case"),
  id: z.string().min(1).max(128),
  orgId: z.string().min(1).max(64),
  /** PUI-<year>-<sequence>, sequential per organisation and year. */
  number: z.string().regex(/^PUI-\d{4}-\d{4,}$/),
  type: z.enum(CASE_TYPES),
  category: z.enum(CATEGORIES),
  unitId: z.string().min(1).max(64),
  protectionLevel: z.enum(PROTECTION_LEVELS),

  occurredFrom: isoDate,
  occurredTo: isoDate.optional(),
  occurredApproximate: z.boolean(),
  discoveredAt: isoDate,
  /** The organisation became aware: the 72-hour clock starts here (IMY: at discovery). */
  deadlineAt: isoDate,
  lateReason: guardedText(1000).optional(),
  ongoing: z.boolean(),
  discoveredBy: z.enum(["internal", "external"]),

  breachTypes: z.array(z.enum(BREACH_TYPES)).max(3),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  subjectGroups: z.array(z.enum(SUBJECT_GROUPS)).max(SUBJECT_GROUPS.length),
  /** Absent while not known: the reporter did not know, or has not completed the report yet (`toComplete`). */
  approxSubjects: z.number().int().min(0).max(10_000_000).optional(),
  approxRecords: z.number().int().min(0).max(100_000_000).optional(),
  encrypted: z.enum(YES_NO_UNKNOWN),
  seenByUnauthorised: z.enum(YES_NO_UNKNOWN),
  processorInvolved: z.enum(YES_NO_UNKNOWN),
  cause: z.enum(CAUSES),
  description: guardedText(2000),
  /** Checklist ids of what the reporter has already done (per category, src/cases/measures.ts). */
  measuresTaken: z.array(z.enum(MEASURE_IDS)).max(30),
  otherReports: z.array(z.enum(["police", "lex_sarah_ivo", "sakerhetspolisen"])).max(3),

  preliminary: PreliminaryAssessmentSchema,
  status: z.enum(CASE_STATUSES),
  reporter: person.extend({ aadObjectId: aadId }),
  manager: person,
  contactConsent: z.boolean(),
  assignee: person.optional(),
  dsoAssessment: DsoAssessmentSchema.optional(),
  imyReport: z.object({ reportedAt: isoDate, reference: z.string().max(100), by: person }).optional(),
  actionPlanRequestedAt: isoDate.optional(),
  actionPlan: ActionPlanSchema.optional(),
  actionPlanNotNeeded: z.boolean().optional(),
  additions: z.array(AdditionSchema).max(MAX_ADDITIONS),
  /**
   * Facts the reporter has still to give (ids of src/flows/incident/completion.ts): a report filed with the
   * minimum is "to be completed" until this is empty. Absent on cases reported in full.
   */
  toComplete: z.array(z.string().max(64)).max(40).optional(),
  /** Where the case card sits in the DSO channel, so it can be updated in place. */
  channelPost: z.object({ conversationId: z.string(), activityId: z.string() }).optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  closedAt: isoDate.optional(),
});

export type Case = z.infer<typeof CaseSchema>;
export type PreliminaryAssessment = z.infer<typeof PreliminaryAssessmentSchema>;
export type CaseActor = z.infer<typeof person>;

export const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(CASE_STATUSES.filter((s) => s !== "closed"));

/** A case whose IMY decision is still to be made (what the deadline reminders care about); never a near miss. */
export function awaitsImyDecision(
  c: Pick<Case, "status" | "dsoAssessment"> & Partial<Pick<Case, "type">>,
): boolean {
  return c.type !== "near_miss" && c.status !== "closed" && c.dsoAssessment === undefined;
}

/** The reporter has not yet given everything the report asks for. */
export function isToBeCompleted(c: Pick<Case, "toComplete">): boolean {
  return (c.toComplete?.length ?? 0) > 0;
}
