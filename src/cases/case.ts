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

/** ENISA's four levels (SE < 2 low, < 3 medium, < 4 high, otherwise very high); `very_high` is always a risk to safety. */
export const SEVERITIES = ["low", "medium", "high", "very_high"] as const;

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

/*
 * Facts the assessment weighs besides the report's first answers (EDPB 9/2022, ENISA 2013). All are optional
 * on a case: a case reported before they were asked, or a person who does not know, reads as "unknown", and
 * the assessment takes the stricter reading and says so.
 */

/** Who got, or could see, the data. `colleague` and `bound_by_secrecy` are bound by secrecy or professional confidentiality. */
export const RECIPIENTS = [
  "none",
  "colleague",
  "bound_by_secrecy",
  "known_private",
  "many_or_public",
  "attacker",
  "unknown",
] as const;
/** Whether the breach was done on purpose (an attack, a theft, someone looking without need). */
export const INTENTS = ["accidental", "deliberate", "unknown"] as const;
/** How much the data reveals about each person: a hint, single details, or a whole file, journal, CV or profile. */
export const REVEALING = ["little", "some", "much", "unknown"] as const;
/** How easily the people can be identified from the data (ENISA's ease of identification). */
export const IDENTIFIABILITY = ["directly", "indirectly", "hardly", "unknown"] as const;
/** Availability: whether what was lost or locked came back. */
export const RESTORATION = ["restored_no_loss", "restored_with_loss", "not_restored", "unknown"] as const;
/** Availability: how long the data could not be used. */
export const OUTAGES = ["hours", "days", "weeks", "unknown"] as const;
/** Availability and integrity: whether care, support, payments or decisions for the people were affected. */
export const SERVICE_IMPACTS = ["none", "delays", "serious", "unknown"] as const;
/** How many unauthorised people got the data or could see it: one, a few (2–10), many (more than 10). */
export const RECIPIENT_COUNTS = ["one", "few", "many", "unknown"] as const;
/**
 * How the unauthorised people could take the data in: `brief` — seen or heard for moments (a shared screen, a
 * remark), nothing recorded or copied; `hours` — visible for up to a day and then removed, nobody got a copy;
 * `copy` — they received or could save their own copy (e-mail, letter, file, download, photo, recording), or it
 * was exposed for longer.
 */
export const EXPOSURES = ["brief", "hours", "copy", "unknown"] as const;
/**
 * Availability and integrity: what people depend on the data for. `vital` — their care, health, safety or
 * livelihood (medication, safety alarms, home care, support, payments); `ordinary` — administration that can wait.
 */
export const DEPENDENCES = ["vital", "ordinary", "unknown"] as const;

/** How the organisation found out (IMY asks how the breach was discovered). */
export const DISCOVERY_METHODS = [
  "staff_noticed",
  "recipient_told_us",
  "data_subject_told_us",
  "processor_told_us",
  "it_monitoring",
  "log_review",
  "other",
] as const;
/** How the people affected were told (art. 34); never e-mail or SMS to a protected person. */
export const INFORM_METHODS = [
  "letter",
  "secure_message",
  "digital_mailbox",
  "phone",
  "in_person",
  "public_notice",
] as const;
/** Why the people need not be told although the risk is high (art. 34(3) a–c). */
export const INFORM_EXEMPTIONS = ["encrypted", "subsequent_measures", "disproportionate_effort"] as const;

export type CaseType = (typeof CASE_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number];
export type BreachType = (typeof BREACH_TYPES)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type SubjectGroup = (typeof SUBJECT_GROUPS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export type Cause = (typeof CAUSES)[number];
export type Recipient = (typeof RECIPIENTS)[number];
export type Intent = (typeof INTENTS)[number];
export type Revealing = (typeof REVEALING)[number];
export type Identifiability = (typeof IDENTIFIABILITY)[number];
export type Restoration = (typeof RESTORATION)[number];
export type Outage = (typeof OUTAGES)[number];
export type ServiceImpact = (typeof SERVICE_IMPACTS)[number];
export type RecipientCount = (typeof RECIPIENT_COUNTS)[number];
export type Exposure = (typeof EXPOSURES)[number];
export type Dependence = (typeof DEPENDENCES)[number];
export type InformExemption = (typeof INFORM_EXEMPTIONS)[number];
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
/** Supplements to one IMY notification: IMY accepts them within four weeks, so a handful is the most a case needs. */
export const MAX_SUPPLEMENTS = 20;

const reasonCodes = z.array(z.string().max(64)).max(40);

/** The method's numbers: SE = DPC × EI × L + CB (src/cases/assessment-score.ts), shown to the DSO. */
export const AssessmentScoreSchema = z.object({
  dpc: z.number().min(0).max(4),
  ei: z.number().min(0).max(1),
  /** Likelihood that the data can be used against the people (1 unless unreadable or contained). */
  likelihood: z.number().min(0).max(1),
  cb: z.number().min(0).max(10),
  se: z.number().min(0).max(20),
});

export const PreliminaryAssessmentSchema = z.object({
  severity: z.enum(SEVERITIES),
  /**
   * Reason codes (strings under cards/strings/<locale>/assessment.json), one line each on the cards: "act now"
   * advice first, then the reasons for the severity, for notifying IMY and for informing the people.
   */
  reasons: reasonCodes,
  notifyImyLikely: z.boolean(),
  informSubjectsLikely: z.boolean(),
  /** Absent on cases assessed before the method (they show `reasons` only). */
  method: z.literal("enisa-2013+edpb").optional(),
  /** Absent for a near miss: nothing was breached, so nothing is scored. */
  score: AssessmentScoreSchema.optional(),
  actNow: reasonCodes.optional(),
  severityReasons: reasonCodes.optional(),
  notifyReasons: reasonCodes.optional(),
  informReasons: reasonCodes.optional(),
  /** Art. 34(3): why the people need not be told although the risk would otherwise be high. */
  informExemption: z.enum(INFORM_EXEMPTIONS).optional(),
  /** The likely consequences for the people (art. 33(3)(c)), codes under assessment.consequence. */
  consequences: reasonCodes.optional(),
});

export const DsoAssessmentSchema = z.object({
  notifyImy: z.boolean(),
  notifyImyReason: guardedText(2000).optional(),
  informSubjects: z.boolean(),
  informSubjectsReason: guardedText(2000).optional(),
  /** When the people are not told although the risk is high: which exemption of art. 34(3) applies. */
  informExemption: z.enum(INFORM_EXEMPTIONS).optional(),
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

  // What happened to the data: the assessment's further facts (see RECIPIENTS…DEPENDENCES above).
  recipient: z.enum(RECIPIENTS).optional(),
  /** "Yes" only when every recipient has confirmed that they deleted or returned the data. */
  deletionConfirmed: z.enum(YES_NO_UNKNOWN).optional(),
  /** Could the data reach someone who may harm a person (a violent ex-partner, a client who has threatened staff)? */
  safetyRisk: z.enum(YES_NO_UNKNOWN).optional(),
  /** Asked when the data was encrypted: is the key or password safe (not lost with the device, not sent along)? */
  encryptionKeySafe: z.enum(YES_NO_UNKNOWN).optional(),
  intent: z.enum(INTENTS).optional(),
  alreadyPublic: z.enum(YES_NO_UNKNOWN).optional(),
  revealing: z.enum(REVEALING).optional(),
  identifiable: z.enum(IDENTIFIABILITY).optional(),
  restoration: z.enum(RESTORATION).optional(),
  outage: z.enum(OUTAGES).optional(),
  serviceImpact: z.enum(SERVICE_IMPACTS).optional(),
  recipientCount: z.enum(RECIPIENT_COUNTS).optional(),
  /** Does the recipient know the people the data is about, or have a reason to use it against them? */
  recipientLink: z.enum(YES_NO_UNKNOWN).optional(),
  exposure: z.enum(EXPOSURES).optional(),
  dependence: z.enum(DEPENDENCES).optional(),

  // What IMY's notification asks for beyond the report (recorded by the DSO, src/cases/lifecycle.ts).
  /** When the organisation became aware that this is a personal data breach. */
  becameAwareAt: isoDate.optional(),
  /** When the breach ended (the report's "ongoing" answer says whether it has). */
  endedAt: isoDate.optional(),
  discoveryMethod: z.enum(DISCOVERY_METHODS).optional(),
  /** Systems involved (e.g. the case management system, e-mail); names of systems, not of people. */
  systems: guardedText(300).optional(),
  /** The processor (personuppgiftsbiträde) involved, by company name. */
  processorName: guardedText(200).optional(),
  /** The DSO's own words on the likely consequences, beside the assessment's. */
  consequences: guardedText(2000).optional(),
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
  /** Information given to IMY after the first notification (art. 33(4)), oldest first. */
  imySupplements: z
    .array(z.object({ at: isoDate, by: person, summary: guardedText(1000).optional() }))
    .max(MAX_SUPPLEMENTS)
    .optional(),
  /** When and how the people affected were told (art. 34). */
  subjectsInformed: z.object({ at: isoDate, method: z.enum(INFORM_METHODS), by: person }).optional(),
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
