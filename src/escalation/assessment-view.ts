import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { PreliminaryAssessment } from "../cases/case.js";

/** A number as the locale writes it: 2,25 in Swedish, 2.25 in English. */
export function decimal(n: number, locale: Locale): string {
  return n.toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 2 });
}

/** A reason code in words; a code this version does not know is shown as it is (old cases keep their codes). */
export function reasonText(code: string, locale: Locale): string {
  try {
    return t(locale, `assessment.${code}`);
  } catch {
    return code;
  }
}

/** "Mycket hög (ENISA 4,25)": the level with the method's score, when the case has one. */
export function severityText(p: PreliminaryAssessment, locale: Locale): string {
  const level = t(locale, `case.severity.${p.severity}`);
  return p.score
    ? t(locale, "escalation.assessment.levelWithScore", { level, se: decimal(p.score.se, locale) })
    : level;
}

/** "DPC 4 × EI 1 × L 0,75 + CB 0,25 = 3,25": how the score came about, for the DSO. */
export function scoreFormula(p: PreliminaryAssessment, locale: Locale): string | undefined {
  const s = p.score;
  if (!s) return undefined;
  const n = (v: number) => decimal(v, locale);
  return t(locale, "escalation.assessment.formula", {
    dpc: n(s.dpc),
    ei: n(s.ei),
    likelihood: n(s.likelihood),
    cb: n(s.cb),
    se: n(s.se),
  });
}

export interface ReasonGroup {
  title: string;
  lines: string[];
}

/**
 * The three decisions with their reasons, "act now" first. A case assessed before the method has only its
 * flat reason list, shown as one group.
 */
export function reasonGroups(p: PreliminaryAssessment, locale: Locale): ReasonGroup[] {
  const words = (codes: readonly string[] | undefined) => (codes ?? []).map((c) => reasonText(c, locale));
  const title = (key: string) => t(locale, `escalation.assessment.${key}`);
  if (!p.method) return [{ title: title("reasons"), lines: words(p.reasons) }];
  return [
    { title: title("actNow"), lines: words(p.actNow) },
    { title: title("severity"), lines: words(p.severityReasons) },
    {
      title: title(p.notifyImyLikely ? "notifyLikely" : "notifyUnlikely"),
      lines: words(p.notifyReasons),
    },
    {
      title: title(p.informSubjectsLikely ? "informLikely" : "informUnlikely"),
      lines: words(p.informReasons),
    },
  ].filter((g) => g.lines.length > 0);
}
