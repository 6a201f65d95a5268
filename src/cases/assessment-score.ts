import type { AssessmentFacts, Reading } from "./assessment-facts.js";
import { CONTAINING, confidentiality, type Lowering } from "./assessment-likelihood.js";
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
 * - L, the likelihood that disclosed data is used against the people (src/cases/assessment-likelihood.ts), so
 *   SE = DPC × EI × L + CB.
 * - Where data was only lost or altered, nobody unauthorised saw it: the context is what the loss or the
 *   error did to the people and what they depend on the data for (cases 1–3), not how sensitive it is.
 */

export interface Score {
  dpc: number;
  ei: number;
  likelihood: number;
  cb: number;
  se: number;
  /** Reason codes (assessment.severity.* and the old top-level ones), in the order they count. */
  reasons: string[];
  /** What lowered the likelihood, in the order it counted. */
  lowerings: Lowering[];
  /** The lowering rests on a recipient's word or an awaited confirmation: it never removes the notification. */
  restsOnWord: boolean;
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
 * welfare), so even a hint such as a name on such a list is 2, one more than ordinary data. A personal identity
 * number makes identity fraud possible.
 */
const DPC: Record<Family, Record<Exclude<Revealing, "unknown">, number>> = {
  simple: { little: 1, some: 1, much: 2 },
  identityNumber: { little: 1, some: 2, much: 2 },
  evaluative: { little: 1, some: 2, much: 3 },
  financial: { little: 1, some: 2, much: 3 },
  sensitive: { little: 1, some: 3, much: 4 },
  secret: { little: 2, some: 3, much: 4 },
};

/**
 * Children (EDPB 9/2022) weigh more where the data is about their health, welfare or family situation, or shows
 * who and where they are; grades, absence, fees and identity numbers harm a child no more than an adult.
 */
const CHILD_WEIGHTED: ReadonlySet<Family> = new Set(["simple", "sensitive", "secret"]);

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
  const child = f.subjectGroups.some((g) => g === "children" || g === "pupils") && r.revealing !== "little";
  const families = f.dataCategories.map((c) => FAMILY[c]);
  const ranked = (families.length ? families : (["simple"] as Family[])).map((family) => {
    const raised = child && CHILD_WEIGHTED.has(family);
    return { family, raised, dpc: Math.min(4, DPC[family][r.revealing] + (raised ? 1 : 0)) };
  });
  // The highest context counts; on a tie, the data's own weight explains it better than the children do.
  const top = ranked.reduce((a, b) => (b.dpc > a.dpc || (b.dpc === a.dpc && a.raised && !b.raised) ? b : a));
  reasons.push(FAMILY_REASON[top.family]);
  if (r.revealing === "little") reasons.push("severity.revealsLittle");
  if (r.revealing === "much" && !r.unknowns.includes("unknown.revealing"))
    reasons.push("severity.revealsMuch");
  if (top.raised) reasons.push("children");
  return top.dpc;
}

/**
 * Availability alone: how critical the loss was for the people, not how sensitive the unseen data is. Hours
 * without the data that medication, alarms, home care or payments depend on, with delays, are a risk to
 * health or livelihood; the same hours for administration that can wait are an inconvenience.
 */
function availabilityContext(r: Reading, reasons: string[]): number {
  switch (r.serviceImpact) {
    case "none":
      reasons.push("severity.availabilityNoImpact");
      return 1;
    case "serious":
      reasons.push("severity.availabilitySerious");
      return 4;
    default:
      if (r.serviceImpact === "delays")
        reasons.push(r.vital ? "severity.availabilityVitalDelays" : "severity.availabilityDelays");
      return r.vital ? 2 : 1.5;
  }
}

/**
 * Integrity alone: what the wrong data did or could do. An outage is seen and worked around; an error is not:
 * wrong data that care or safety depends on was a risk while in use, even if nothing is known to have gone wrong.
 */
function integrityContext(r: Reading, reasons: string[]): number {
  switch (r.serviceImpact) {
    case "none":
      reasons.push(r.vital ? "severity.integrityVitalUnnoticed" : "severity.integrityNoImpact");
      return r.vital ? 2 : 1;
    case "serious":
      reasons.push("severity.integrityHarm");
      return 4;
    default:
      if (r.serviceImpact === "delays")
        reasons.push(r.vital ? "severity.integrityVitalDelays" : "severity.integrityDelays");
      return r.vital ? 2 : 1.5;
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
  const disclosure = r.breach.has("confidentiality");
  // What the data is only counts where it was disclosed: nobody is harmed by unseen data being locked or wrong.
  const dataReasons: string[] = [];
  const dpc = dataContext(f, r, dataReasons);
  const ei = easeOfIdentification(f, r, dataReasons);
  if (disclosure) reasons.push(...dataReasons);
  const conf = confidentiality(f, r, reasons, mitigate);
  const dataCore = disclosure ? dpc * ei * conf.likelihood : 0;
  const effect = Math.max(
    r.breach.has("availability") ? availabilityContext(r, reasons) : 0,
    r.breach.has("integrity") ? integrityContext(r, reasons) : 0,
  );
  const cb = conf.cb + circumstances(r, reasons);
  const disclosed = disclosure && !conf.lowerings.some((l) => CONTAINING.has(l));
  // ENISA scores the harm to one person; many people add to it only where each can be identified and reached
  // (their readable data was disclosed) or each was affected by wrong data.
  const reached = (disclosure && conf.likelihood === 1) || r.breach.has("integrity");
  const people = reached && ei === 1 && !r.alreadyPublic ? volume(f, reasons) : 0;
  const byEffect = effect > dataCore;
  return {
    dpc: byEffect ? effect : dpc,
    ei: byEffect ? 1 : ei,
    likelihood: byEffect ? 1 : conf.likelihood,
    cb: cb + people,
    se: Math.max(dataCore, effect) + cb + people,
    reasons,
    lowerings: conf.lowerings,
    restsOnWord: conf.restsOnWord,
    disclosed,
  };
}
