import type {
  BreachType,
  Case,
  Category,
  Exposure,
  Identifiability,
  Intent,
  ProtectionLevel,
  Recipient,
  RecipientCount,
  Restoration,
  Revealing,
  ServiceImpact,
  YesNoUnknown,
} from "./case.js";

/**
 * What the preliminary assessment looks at: the facts of a case as reported. The first group is asked by every
 * report; the rest are optional, and a fact that is missing reads as "unknown".
 */
export type AssessmentFacts = Pick<
  Case,
  | "type"
  | "category"
  | "protectionLevel"
  | "dataCategories"
  | "subjectGroups"
  | "approxSubjects"
  | "breachTypes"
  | "encrypted"
  | "seenByUnauthorised"
  | "ongoing"
> &
  Partial<
    Pick<
      Case,
      | "cause"
      | "recipient"
      | "deletionConfirmed"
      | "safetyRisk"
      | "encryptionKeySafe"
      | "intent"
      | "alreadyPublic"
      | "revealing"
      | "identifiable"
      | "restoration"
      | "outage"
      | "serviceImpact"
      | "recipientCount"
      | "recipientLink"
      | "exposure"
      | "dependence"
    >
  >;

const PROTECTED: ReadonlySet<ProtectionLevel> = new Set([
  "sekretessmarkering",
  "skyddad_folkbokforing",
  "fingerade_personuppgifter",
  "osl_21_3",
]);

/** Categories that are mistakes by their nature: nobody sends an e-mail to the wrong person on purpose. */
const ACCIDENTAL_BY_NATURE: ReadonlySet<Category> = new Set([
  "wrong_recipient_email",
  "wrong_address_letter",
  "wrong_recipient_message",
  "published_by_mistake",
  "public_records_disclosure",
]);

/** Categories where whoever got the data holds their own copy: a mail, a letter, a message, a device, a release. */
const COPY_BY_NATURE: ReadonlySet<Category> = new Set([
  "wrong_recipient_email",
  "wrong_address_letter",
  "wrong_recipient_message",
  "lost_or_stolen_device",
  "public_records_disclosure",
]);

/**
 * Personal identity numbers of this many people are "in bulk" (a list, not one person's case). A count not yet
 * given is not read as bulk: like the volume, it is assessed again when the reporter adds it.
 */
const BULK = 10;

/**
 * The facts as the method reads them: each unknown resolved to its stricter reading, with a note (a reason
 * code under assessment.unknown) wherever that reading made a difference, so the person can correct it.
 */
export interface Reading {
  nearMiss: boolean;
  /** A protected level was given, or the category is itself a revealed protected identity. */
  protectedData: boolean;
  /** "Don't know" whether protected data is involved: read as protected. */
  protectionUnknown: boolean;
  protectionLevel: ProtectionLevel;
  breach: ReadonlySet<BreachType>;
  deliberate: boolean;
  recipient: Recipient;
  deletionConfirmed: boolean;
  safetyRisk: YesNoUnknown;
  /** Encrypted (or otherwise unreadable) with the key safe. */
  unreadable: boolean;
  /** Nobody unauthorised saw or copied the data. */
  notSeen: boolean;
  seen: YesNoUnknown;
  recipientCount: RecipientCount;
  recipientLink: YesNoUnknown;
  /** How they could take it in; unknown reads as their own copy. */
  exposure: Exclude<Exposure, "unknown">;
  /** Personal identity numbers of many people (dataskyddslagen 3 kap. 10 §). */
  identityNumbersInBulk: boolean;
  /** Care, health, safety or livelihood depend on the data; unknown reads as yes. */
  vital: boolean;
  alreadyPublic: boolean;
  revealing: Exclude<Revealing, "unknown">;
  identifiable: Identifiability;
  restoration: Restoration;
  outageWeeks: boolean;
  serviceImpact: ServiceImpact;
  /** Reason codes for every unknown read the stricter way. */
  unknowns: string[];
}

function intentOf(f: AssessmentFacts): Intent {
  if (f.intent && f.intent !== "unknown") return f.intent;
  if (f.cause === "attack" || f.category === "malware_or_hacking") return "deliberate";
  if (f.cause === "human_error" || f.cause === "technical_fault" || f.cause === "working_method")
    return "accidental";
  return ACCIDENTAL_BY_NATURE.has(f.category) ? "accidental" : "unknown";
}

/** Resolves the facts; `unknowns` says which answers were missing and read the stricter way. */
export function readFacts(f: AssessmentFacts): Reading {
  const unknowns: string[] = [];
  const note = (code: string) => unknowns.push(`unknown.${code}`);
  const protectedData = PROTECTED.has(f.protectionLevel) || f.category === "protected_identity_revealed";
  const breach = new Set<BreachType>(f.breachTypes);
  const intent = intentOf(f);
  if (intent === "unknown") note("intent");
  // An attacker had access: unless the logs show nothing left, the data is read as copied (EDPB 01/2021, case 1).
  const attack = intent === "deliberate" && (f.cause === "attack" || f.category === "malware_or_hacking");
  if (attack && !breach.has("confidentiality") && f.seenByUnauthorised !== "no") {
    breach.add("confidentiality");
    note("attackAccess");
  }
  if (breach.size === 0 && f.type === "incident") {
    breach.add("confidentiality");
    note("breachType");
  }
  const confidentiality = breach.has("confidentiality");
  const unreadable = f.encrypted === "yes" && f.encryptionKeySafe === "yes";
  if (confidentiality && f.encrypted === "yes" && (f.encryptionKeySafe ?? "unknown") === "unknown")
    note("key");
  // For an attack, "nobody saw it" is what the logs show: nothing left the systems.
  const notSeen = f.seenByUnauthorised === "no";
  const recipient = f.recipient ?? (attack ? "attacker" : "unknown");
  if (confidentiality && !unreadable && !notSeen && recipient === "unknown") note("recipient");
  const revealing = f.revealing && f.revealing !== "unknown" ? f.revealing : "much";
  if (revealing === "much" && f.revealing !== "much") note("revealing");
  const availability = breach.has("availability");
  const restoration = f.restoration ?? "unknown";
  if (availability && restoration === "unknown") note("restoration");
  const serviceImpact = f.serviceImpact ?? "unknown";
  if ((availability || breach.has("integrity")) && serviceImpact === "unknown") note("serviceImpact");
  const safetyRisk = f.safetyRisk ?? "unknown";
  const exposure = f.exposure && f.exposure !== "unknown" ? f.exposure : "copy";
  const couldBeTaken = confidentiality && intent === "accidental" && !unreadable && !notSeen;
  if (couldBeTaken && (f.exposure ?? "unknown") === "unknown" && !COPY_BY_NATURE.has(f.category))
    note("exposure");
  const dependence = f.dependence ?? "unknown";
  // What people depend on the data for matters where the loss or the error had no serious effect yet.
  const effectOpen =
    (availability && serviceImpact !== "none" && serviceImpact !== "serious") ||
    (breach.has("integrity") && serviceImpact !== "serious");
  if (effectOpen && dependence === "unknown") note("dependence");
  return {
    nearMiss: f.type === "near_miss",
    protectedData,
    protectionUnknown: f.protectionLevel === "unknown" && !protectedData,
    protectionLevel: f.protectionLevel,
    breach,
    deliberate: intent !== "accidental",
    recipient,
    deletionConfirmed: f.deletionConfirmed === "yes",
    safetyRisk,
    unreadable,
    notSeen,
    seen: f.seenByUnauthorised,
    recipientCount: f.recipientCount ?? "unknown",
    recipientLink: f.recipientLink ?? "unknown",
    exposure,
    identityNumbersInBulk:
      f.dataCategories.includes("personal_identity_number") && (f.approxSubjects ?? 0) >= BULK,
    vital: dependence !== "ordinary",
    alreadyPublic: f.alreadyPublic === "yes" && !protectedData,
    revealing,
    identifiable: f.identifiable ?? "unknown",
    restoration,
    outageWeeks: f.outage === "weeks",
    serviceImpact,
    unknowns,
  };
}
