import { ASSESSMENT_RULES, type AssessmentRule, ORDINARY_REASON } from "./assessment-rules.js";
import { type Case, type PreliminaryAssessment, SEVERITIES, type Severity } from "./case.js";

/** What the preliminary assessment looks at: the facts of a case as reported. */
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
>;

function applies(when: AssessmentRule["when"], f: AssessmentFacts): boolean {
  if (when.type !== undefined && f.type !== when.type) return false;
  if (when.categoryAny && !when.categoryAny.includes(f.category)) return false;
  if (when.protectionAny && !when.protectionAny.includes(f.protectionLevel)) return false;
  if (when.dataAny && !when.dataAny.some((d) => f.dataCategories.includes(d))) return false;
  if (when.subjectsAny && !when.subjectsAny.some((s) => f.subjectGroups.includes(s))) return false;
  // A count not known yet does not raise the severity; the case is flagged to be completed meanwhile.
  if (when.minSubjects !== undefined && (f.approxSubjects ?? 0) < when.minSubjects) return false;
  if (when.breachAny && !when.breachAny.some((b) => f.breachTypes.includes(b))) return false;
  if (
    when.breachOnly &&
    (f.breachTypes.length === 0 || f.breachTypes.some((b) => !when.breachOnly!.includes(b)))
  )
    return false;
  if (when.encrypted !== undefined && f.encrypted !== when.encrypted) return false;
  if (when.seenByUnauthorised !== undefined && f.seenByUnauthorised !== when.seenByUnauthorised) return false;
  if (when.ongoing !== undefined && f.ongoing !== when.ongoing) return false;
  return true;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * The system's first view, for the reporter and the DSO; the DSO decides.
 * IMY is likely to be notified for an incident unless the risk is low
 * (art. 33(1)); the people affected are likely to be told when it is high and
 * the data was not unreadable (art. 34).
 */
export function assess(
  facts: AssessmentFacts,
  rules: readonly AssessmentRule[] = ASSESSMENT_RULES,
): PreliminaryAssessment {
  const applying = rules.filter((r) => applies(r.when, facts));
  const severity = applying.reduce<Severity>(
    (max, r) => (rank(r.atLeast) > rank(max) ? r.atLeast : max),
    "low",
  );
  const reasons = applying.length ? [...new Set(applying.map((r) => r.reason))] : [ORDINARY_REASON];
  const incident = facts.type === "incident";
  return {
    severity,
    reasons,
    notifyImyLikely: incident && severity !== "low",
    informSubjectsLikely: incident && severity === "high" && facts.encrypted !== "yes",
  };
}
