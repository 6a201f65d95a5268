import type { AssessmentFacts, Reading } from "./assessment-facts.js";
import type { DataCategory, Revealing } from "./case.js";

/**
 * The severity score of ENISA's *Recommendations for a methodology of the assessment of severity of personal
 * data breaches* (2013): SE = DPC × EI + CB, read together with EDPB Guidelines 9/2022 and 01/2021.
 *
 * - DPC, the data processing context (1–4): what the data is and what it reveals in this context.
 * - EI, the ease of identification (0.25–1).
 * - CB, the circumstances of the breach: loss of confidentiality, integrity and availability, malicious intent.
 *
 * Two readings of our own, each from the EDPB's cases, are written out where they apply:
 * - L, the likelihood that the data can be used against the people: 1, unless the data is unreadable
 *   (encrypted with the key safe, art. 34(3)(a)), nobody unauthorised saw it, or it stayed with a recipient
 *   bound by secrecy (EDPB 01/2021 cases 1, 9 and 10: 0.25 when contained, 0.75 when the recipient still
 *   holds it). So SE = DPC × EI × L + CB.
 * - An incident where only availability was lost is scored on what the loss did (how long, and whether care,
 *   support, payments or decisions suffered; cases 1–3), not on how sensitive data nobody saw is.
 */

export interface Score {
  dpc: number;
  ei: number;
  likelihood: number;
  cb: number;
  se: number;
  /** Reason codes (assessment.severity.* and the old top-level ones), in the order they count. */
  reasons: string[];
  /** What lowered the likelihood, when something did. */
  mitigation?: "unreadable" | "notSeen" | "contained" | "bound";
  /** Confidentiality was lost in a way that can reach someone (not unreadable, not unseen, not contained). */
  disclosed: boolean;
}

type Family = "simple" | "identityNumber" | "evaluative" | "financial" | "sensitive" | "secret";

const FAMILY: Record<DataCategory, Family> = {
  identity: "simple",
  contact_details: "simple",
  other: "simple",
  personal_identity_number: "identityNumber",
  evaluative: "evaluative",
  financial: "financial",
  health: "sensitive",
  sensitive_art9: "sensitive",
  crime_related: "sensitive",
  social_services: "secret",
  pupil_welfare: "secret",
  secrecy_osl: "secret",
};

/**
 * DPC by kind of data and how much it reveals, after ENISA's own examples: a supermarket customer list 1; one
 * day of transactions 2, a month of balances 3; "had a general blood test" 1, a test for a specific disease 3,
 * the results 4. Under OSL the relationship itself is secret (being a social services client or in pupil
 * welfare), so even a name on such a list is 3. A personal identity number makes identity fraud possible.
 */
const DPC: Record<Family, Record<Exclude<Revealing, "unknown">, number>> = {
  simple: { little: 1, some: 1, much: 2 },
  identityNumber: { little: 1, some: 2, much: 2 },
  evaluative: { little: 1, some: 2, much: 3 },
  financial: { little: 1, some: 2, much: 3 },
  sensitive: { little: 1, some: 3, much: 4 },
  secret: { little: 3, some: 3, much: 4 },
};

const FAMILY_REASON: Record<Family, string> = {
  simple: "severity.dataSimple",
  identityNumber: "severity.dataIdentityNumber",
  evaluative: "severity.dataEvaluative",
  financial: "severity.dataFinancial",
  sensitive: "severity.dataSensitive",
  secret: "severity.dataSecret",
};

const IDENTIFYING: ReadonlySet<DataCategory> = new Set([
  "identity",
  "personal_identity_number",
  "contact_details",
]);

function dataContext(f: AssessmentFacts, r: Reading, reasons: string[]): number {
  if (r.protectedData) {
    reasons.push("protected_data");
    return 4;
  }
  if (r.protectionUnknown) {
    reasons.push("protection_unknown");
    return 4;
  }
  if (r.alreadyPublic) {
    reasons.push("severity.alreadyPublic");
    return 1;
  }
  const families = f.dataCategories.map((c) => FAMILY[c]);
  const ranked = (families.length ? families : (["simple"] as Family[])).map((family) => ({
    family,
    dpc: DPC[family][r.revealing],
  }));
  const top = ranked.reduce((a, b) => (b.dpc > a.dpc ? b : a));
  reasons.push(FAMILY_REASON[top.family]);
  if (r.revealing === "little") reasons.push("severity.revealsLittle");
  if (r.revealing === "much" && !r.unknowns.includes("unknown.revealing"))
    reasons.push("severity.revealsMuch");
  let dpc = top.dpc;
  // Vulnerable people (EDPB 9/2022): children suffer more from the same disclosure, unless it reveals next to nothing.
  if (f.subjectGroups.some((g) => g === "children" || g === "pupils") && r.revealing !== "little") {
    reasons.push("children");
    dpc += 1;
  }
  return Math.min(4, dpc);
}

/** Availability alone: how critical the loss was for the people, not how sensitive the unseen data is. */
function availabilityContext(r: Reading, reasons: string[]): number {
  switch (r.serviceImpact) {
    case "none":
      reasons.push("severity.availabilityNoImpact");
      return 1;
    case "delays":
      reasons.push("severity.availabilityDelays");
      return 1.5;
    case "serious":
      reasons.push("severity.availabilitySerious");
      return 4;
    case "unknown":
      return 2;
  }
}

function easeOfIdentification(f: AssessmentFacts, r: Reading, reasons: string[]): number {
  if (r.identifiable === "indirectly") {
    reasons.push("severity.identifiedIndirectly");
    return 0.75;
  }
  if (r.identifiable === "hardly") {
    reasons.push("severity.identifiedHardly");
    return 0.5;
  }
  if (r.identifiable === "unknown" && !f.dataCategories.some((c) => IDENTIFYING.has(c)))
    reasons.push("unknown.identifiable");
  return 1;
}

interface Confidentiality {
  likelihood: number;
  cb: number;
  mitigation?: Score["mitigation"];
}

function confidentiality(
  f: AssessmentFacts,
  r: Reading,
  reasons: string[],
  mitigate: boolean,
): Confidentiality {
  if (!r.breach.has("confidentiality")) return { likelihood: 1, cb: 0 };
  if (mitigate && r.unreadable) {
    reasons.push("severity.unreadable");
    return { likelihood: 0.25, cb: 0, mitigation: "unreadable" };
  }
  if (mitigate && r.notSeen) {
    reasons.push("severity.notSeen");
    return { likelihood: 0.25, cb: 0, mitigation: "notSeen" };
  }
  // Already public: the disclosure adds nothing (ENISA lowers the context instead).
  if (r.alreadyPublic) return { likelihood: 1, cb: 0 };
  const bound = (r.recipient === "colleague" || r.recipient === "bound_by_secrecy") && !r.deliberate;
  if (mitigate && bound && r.deletionConfirmed && r.safetyRisk !== "yes") {
    reasons.push("severity.contained");
    return { likelihood: 0.25, cb: 0, mitigation: "contained" };
  }
  reasons.push("confidentiality_breach");
  if (mitigate && bound) {
    // Bound not to spread or use it, but still holding it: less likely to harm, far from contained.
    reasons.push("severity.boundRecipient");
    return { likelihood: 0.75, cb: 0.25, mitigation: "bound" };
  }
  // ENISA: 0.25 when disclosed to known recipients; 0.5 to an unknown number, or where it is (to be) misused.
  const wide =
    r.deliberate ||
    f.ongoing ||
    r.recipient === "many_or_public" ||
    r.recipient === "attacker" ||
    r.recipient === "unknown";
  if (wide) reasons.push(f.ongoing ? "ongoing" : "severity.disclosedWide");
  return { likelihood: 1, cb: wide ? 0.5 : 0.25 };
}

function circumstances(r: Reading, reasons: string[]): number {
  let cb = 0;
  if (r.breach.has("integrity")) {
    const serious = r.serviceImpact !== "none";
    reasons.push(serious ? "severity.integritySerious" : "integrity");
    cb += serious ? 0.5 : 0.25;
  }
  if (r.breach.has("availability")) {
    const lasting = r.restoration !== "restored_no_loss" || r.outageWeeks;
    reasons.push(lasting ? "severity.availabilityLasting" : "severity.availabilityTemporary");
    cb += lasting ? 0.5 : 0.25;
  }
  if (r.deliberate) {
    reasons.push("severity.malicious");
    cb += 0.5;
  }
  return cb;
}

/** EDPB 9/2022: the number of people affected, where their readable data reached someone. */
function volume(f: AssessmentFacts, reasons: string[]): number {
  // A report filed before its counts are known: the count is asked on the Komplettera card, and the
  // assessment is made again then (a guess here would raise every quick report).
  if (f.approxSubjects === undefined) {
    reasons.push("unknown.count");
    return 0;
  }
  if (f.approxSubjects >= 10_000) {
    reasons.push("severity.veryManyPeople");
    return 1;
  }
  if (f.approxSubjects >= 1_000) {
    reasons.push("severity.manyPeople");
    return 0.5;
  }
  return 0;
}

/**
 * Scores an incident (not a near miss). With `mitigate: false` it scores as if nothing had lowered the
 * likelihood: the assessment uses that to say which exemption of art. 34(3) spares the people a message.
 */
export function score(f: AssessmentFacts, r: Reading, mitigate = true): Score {
  const reasons: string[] = [];
  const ci = r.breach.has("confidentiality") || r.breach.has("integrity");
  // What the data is only counts where it was disclosed or altered: nobody is harmed by unseen data being locked.
  const dataReasons: string[] = [];
  const dpc = dataContext(f, r, dataReasons);
  const ei = easeOfIdentification(f, r, dataReasons);
  if (ci) reasons.push(...dataReasons);
  const conf = confidentiality(f, r, reasons, mitigate);
  // Integrity is not made safer by who received a copy: wrong data stays wrong.
  const likelihood = r.breach.has("integrity") ? 1 : conf.likelihood;
  const dataCore = ci ? dpc * ei * likelihood : 0;
  const availability = r.breach.has("availability") ? availabilityContext(r, reasons) : 0;
  const cb = conf.cb + circumstances(r, reasons);
  const disclosed = r.breach.has("confidentiality") && (!conf.mitigation || conf.mitigation === "bound");
  // ENISA scores the harm to one person; many people add to it only where each can be identified and reached.
  const people = ci && likelihood === 1 && ei === 1 && !r.alreadyPublic ? volume(f, reasons) : 0;
  const byAvailability = availability > dataCore;
  return {
    dpc: byAvailability ? availability : dpc,
    ei: byAvailability ? 1 : ei,
    likelihood: byAvailability ? 1 : likelihood,
    cb: cb + people,
    se: Math.max(dataCore, availability) + cb + people,
    reasons,
    mitigation: conf.mitigation,
    disclosed,
  };
}
