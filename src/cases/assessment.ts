import { type AssessmentFacts, type Reading, readFacts } from "./assessment-facts.js";
import type { Lowering } from "./assessment-likelihood.js";
import { type Score, score } from "./assessment-score.js";
import type { InformExemption, PreliminaryAssessment, Severity } from "./case.js";

export type { AssessmentFacts } from "./assessment-facts.js";

/** ENISA's bands: SE < 2 low, 2–3 medium, 3–4 high, 4 or more very high. */
export function severityOf(se: number): Severity {
  if (se < 2) return "low";
  if (se < 3) return "medium";
  if (se < 4) return "high";
  return "very_high";
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, very_high: 3 };
const atLeast = (s: Severity, floor: Severity): Severity => (RANK[s] >= RANK[floor] ? s : floor);

/** A person's safety is at stake: a protected person's data, or data that can reach someone who may harm. */
function safetyAtStake(r: Reading, s: Score): boolean {
  if (!s.disclosed) return false;
  return r.safetyRisk === "yes" || (r.protectedData && r.safetyRisk === "unknown");
}

function actNow(f: AssessmentFacts, r: Reading, s: Score | undefined, safety: boolean): string[] {
  const act: string[] = [];
  if (safety) {
    act.push("act.contactSafely", "act.securityFunction", "act.police");
    if (r.protectionLevel === "skyddad_folkbokforing" || r.protectionLevel === "sekretessmarkering")
      act.push("act.skatteverket");
    if (r.protectionLevel === "fingerade_personuppgifter") act.push("act.policeIdentity");
    if (f.subjectGroups.includes("employees")) act.push("act.staff");
  }
  if (!s) return act;
  if (r.protectionUnknown && s.disclosed) act.push("act.checkProtection");
  if (f.ongoing) act.push("act.stopOngoing");
  if (r.deliberate && (f.cause === "attack" || f.category === "malware_or_hacking"))
    act.push("act.itAndPolice");
  const known = ["known_private", "bound_by_secrecy", "colleague"].includes(r.recipient);
  if (s.disclosed && known && !r.deletionConfirmed && !r.deliberate) act.push("act.askDeletion");
  return act;
}

/** The likely consequences for the people (art. 33(3)(c)), for the DSO and the IMY notification. */
function consequences(
  f: AssessmentFacts,
  r: Reading,
  s: Score,
  safety: boolean,
  severity: Severity,
): string[] {
  const found: string[] = [];
  const has = (...c: AssessmentFacts["dataCategories"]) => f.dataCategories.some((d) => c.includes(d));
  if (safety) found.push("consequence.physicalHarm");
  if (s.disclosed) {
    if (
      r.protectedData ||
      has("health", "sensitive_art9", "crime_related", "social_services", "pupil_welfare", "secrecy_osl")
    )
      found.push("consequence.exposure");
    if (has("personal_identity_number") || (r.deliberate && has("identity")))
      found.push("consequence.identityFraud");
    if (has("financial")) found.push("consequence.financialLoss");
    if (!found.length) found.push("consequence.lossOfControl");
  }
  if (r.breach.has("integrity")) found.push("consequence.wrongDecisions");
  if (r.breach.has("availability") && r.serviceImpact !== "none") found.push("consequence.delayedCare");
  return severity === "low" || !found.length ? ["consequence.limited"] : found;
}

const UNLIKELY_BECAUSE: Partial<Record<Lowering, string>> = {
  unreadable: "notify.unlikelyUnreadable",
  contained: "notify.unlikelyContained",
  brief: "notify.unlikelyBrief",
};

function notifyReasons(severity: Severity, s: Score, safety: boolean): string[] {
  if (safety) return ["notify.safety"];
  if (severity !== "low") return ["notify.risk"];
  const why = s.lowerings.map((l) => UNLIKELY_BECAUSE[l]).find((code) => code !== undefined);
  return [why ?? "notify.unlikelyLow", "notify.document"];
}

function informDecision(
  f: AssessmentFacts,
  severity: Severity,
  unmitigated: Severity,
  s: Score,
  safety: boolean,
): { inform: boolean; reasons: string[]; exemption?: InformExemption } {
  if (RANK[severity] >= RANK.high) {
    const reasons = [safety ? "inform.safeChannel" : "inform.highRisk"];
    if ((f.approxSubjects ?? 0) >= 10_000) reasons.push("inform.publicNoticePossible");
    return { inform: true, reasons };
  }
  if (RANK[unmitigated] >= RANK.high && s.lowerings.includes("unreadable"))
    return { inform: false, reasons: ["inform.exemptEncrypted"], exemption: "encrypted" };
  // Art. 34(3)(b): the data was deleted by those bound to keep it, or got back from the wrong recipient.
  if (
    RANK[unmitigated] >= RANK.high &&
    (s.lowerings.includes("contained") || s.lowerings.includes("returned"))
  )
    return { inform: false, reasons: ["inform.exemptMeasures"], exemption: "subsequent_measures" };
  return { inform: false, reasons: ["inform.notHighRisk"] };
}

/** A near miss: nothing was breached, so there is no score, no 72-hour clock and no notification. */
function nearMiss(r: Reading): PreliminaryAssessment {
  const protectedData = r.protectedData || r.protectionUnknown;
  const severityReasons = [
    "near_miss",
    ...(protectedData ? [r.protectedData ? "protected_data" : "protection_unknown"] : []),
  ];
  const notify = ["notify.nearMiss"];
  const inform = ["inform.nearMiss"];
  return {
    severity: protectedData ? "high" : "low",
    reasons: [...severityReasons, ...notify, ...inform],
    notifyImyLikely: false,
    informSubjectsLikely: false,
    method: "enisa-2013+edpb",
    actNow: [],
    severityReasons,
    notifyReasons: notify,
    informReasons: inform,
    consequences: [],
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The system's first view, for the reporter and the DSO; the DSO decides. Three separate decisions, each with
 * its reasons: the severity (ENISA's score and level), whether IMY is likely to be notified (art. 33: unless
 * the breach is unlikely to result in a risk) and whether the people are likely to be told (art. 34: a high
 * risk, unless an exemption of art. 34(3) applies). Unknown facts take the stricter reading and say so.
 */
export function assess(facts: AssessmentFacts): PreliminaryAssessment {
  const r = readFacts(facts);
  if (r.nearMiss) return nearMiss(r);
  const s = score(facts, r);
  const safety = safetyAtStake(r, s);
  let severity = severityOf(s.se);
  const unmitigated = severityOf(score(facts, r, false).se);
  const floors: string[] = [];
  // A recipient's word (that they deleted it, that they do not know the people) or an awaited confirmation
  // may spare the people a message, never the notification of a disclosure that is otherwise a risk.
  if (s.restsOnWord && RANK[unmitigated] >= RANK.medium && severity === "low") {
    severity = "medium";
    floors.push("severity.wordKeepsNotification");
  }
  if (safety) {
    severity = "very_high";
    floors.push("severity.safety", ...(r.safetyRisk === "unknown" ? ["unknown.safety"] : []));
  } else if (r.protectionUnknown && s.disclosed) {
    severity = atLeast(severity, "high");
  } else if (r.protectedData && r.breach.has("confidentiality")) {
    // Even unopened or unseen, a protected person's data went astray: IMY is told.
    severity = atLeast(severity, "medium");
  }
  const severityReasons = [...floors, ...s.reasons, ...r.unknowns];
  const notify = notifyReasons(severity, s, safety);
  const inform = informDecision(facts, severity, unmitigated, s, safety);
  const act = actNow(facts, r, s, safety);
  return {
    severity,
    reasons: [...act, ...severityReasons, ...notify, ...inform.reasons],
    notifyImyLikely: severity !== "low",
    informSubjectsLikely: inform.inform,
    method: "enisa-2013+edpb",
    score: { dpc: round(s.dpc), ei: s.ei, likelihood: s.likelihood, cb: round(s.cb), se: round(s.se) },
    actNow: act,
    severityReasons,
    notifyReasons: notify,
    informReasons: inform.reasons,
    ...(inform.exemption ? { informExemption: inform.exemption } : {}),
    consequences: consequences(facts, r, s, safety, severity),
  };
}
