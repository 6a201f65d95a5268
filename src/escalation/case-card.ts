import { formatInTimeZone } from "date-fns-tz";
import type { Locale } from "../cards/locale.js";
import { plainText } from "../cards/plain-text.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import { awaitsImyDecision, type Case, INFORM_EXEMPTIONS, isToBeCompleted } from "../cases/case.js";
import { hoursLeft } from "../cases/deadline.js";
import { offeredActions } from "../cases/lifecycle.js";
import type { Units } from "../org/units.js";
import type { Stored } from "../store/repository.js";
import { reasonGroups, scoreFormula, severityText } from "./assessment-view.js";

/** Municipal times are read in Swedish time, whatever the server's zone. */
export const TIME_ZONE = "Europe/Stockholm";

/** Teams shows a refreshed card to at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export function localTime(iso: string | Date): string {
  return formatInTimeZone(typeof iso === "string" ? new Date(iso) : iso, TIME_ZONE, "yyyy-MM-dd HH:mm");
}

export interface CaseCardOptions {
  locale: Locale;
  now: Date;
  units: Units;
  /** Who gets the actionable version through `refresh` (DSO members, at most 60). */
  refreshUserIds: readonly string[];
  /** Present for a DSO: the version the actions carry and who the case can be assigned to. */
  dso?: { assignable: readonly { aadObjectId: string; name: string }[] };
  /** A line shown on top (why an action was refused, or what just happened). */
  notice?: string;
}

function deadlineText(c: Case, locale: Locale, now: Date): string {
  if (c.type === "near_miss") return t(locale, "escalation.card.nearMissNoDeadline");
  const time = localTime(c.deadlineAt);
  if (!awaitsImyDecision(c)) return t(locale, "escalation.card.decided", { time });
  const left = hoursLeft(new Date(c.deadlineAt), now);
  return left >= 0
    ? t(locale, "escalation.card.timeLeft", { time, hours: Math.floor(left) })
    : t(locale, "escalation.card.overdue", { time, hours: Math.ceil(-left) });
}

function facts(c: Case, o: CaseCardOptions): { label: string; value: string }[] {
  const { locale } = o;
  const s = (key: string, params?: Record<string, string | number>) =>
    t(locale, `escalation.card.${key}`, params);
  const p = c.preliminary;
  const rows = [
    { label: s("unit"), value: o.units.name(c.unitId, locale) },
    { label: s("category"), value: t(locale, `case.category.${c.category}`) },
    { label: s("severity"), value: severityText(p, locale) },
    ...(p.score
      ? [{ label: t(locale, "escalation.assessment.score"), value: scoreFormula(p, locale)! }]
      : []),
    {
      label: s("counts"),
      value: s("countsValue", {
        subjects: c.approxSubjects ?? s("notKnown"),
        records: c.approxRecords ?? s("notKnown"),
      }),
    },
    {
      label: s("preliminary"),
      value: `${s(p.notifyImyLikely ? "notifyLikely" : "notifyUnlikely")}; ${s(p.informSubjectsLikely ? "informLikely" : "informUnlikely")}`,
    },
    { label: s("deadline"), value: deadlineText(c, locale, o.now) },
    { label: s("status"), value: t(locale, `case.status.${c.status}`) },
    { label: s("assignee"), value: c.assignee?.name ? plainText(c.assignee.name) : s("nobody") },
  ];
  const a = c.dsoAssessment;
  if (a) {
    rows.push({
      label: s("assessment"),
      value: `${a.notifyImy ? s("notifyYes") : s("notifyNo", { reason: plainText(a.notifyImyReason ?? "") })}; ${
        a.informSubjects ? s("informYes") : s("informNo", { reason: plainText(a.informSubjectsReason ?? "") })
      }`,
    });
  }
  if (c.imyReport) {
    rows.push({
      label: s("imyReport"),
      value: s("imyReportValue", {
        time: localTime(c.imyReport.reportedAt),
        reference: plainText(c.imyReport.reference),
      }),
    });
  }
  if (c.subjectsInformed)
    rows.push({
      label: s("informedRow"),
      value: s("informedLine", {
        time: localTime(c.subjectsInformed.at),
        method: t(locale, `escalation.labels.informMethod.${c.subjectsInformed.method}`),
      }),
    });
  const supplements = c.imySupplements ?? [];
  if (supplements.length)
    rows.push({
      label: s("supplementRow"),
      value: s("supplementsLine", { count: supplements.length, time: localTime(supplements.at(-1)!.at) }),
    });
  const plan = c.actionPlan
    ? s("planWritten", { manager: plainText(c.actionPlan.writtenBy.name), due: c.actionPlan.dueDate })
    : c.actionPlanNotNeeded
      ? s("planNotNeeded")
      : c.actionPlanRequestedAt
        ? s("planRequested", { manager: plainText(c.manager.name), time: localTime(c.actionPlanRequestedAt) })
        : undefined;
  if (plan) rows.push({ label: s("actionPlan"), value: plan });
  return rows;
}

/**
 * The case as the DSO channel shows it. Without `dso` it is the read-only card
 * everyone sees; with it, the actions the current state allows. Only what the
 * case holds is shown, and no one's name except the handling DSO and manager.
 */
export function caseCard(c: Stored<Case>, o: CaseCardOptions): CardJson {
  const { locale } = o;
  const offered = new Set(o.dso ? offeredActions(c) : []);
  const can = Object.fromEntries(
    ["take", "assign", "assess", "ask", "markReported", "requestActionPlan", "close", "reopen"].map((k) => [
      k,
      offered.has(k as never),
    ]),
  );
  if (o.dso && !o.dso.assignable.length) can.assign = false;
  return render(
    "escalation/case",
    {
      caseId: c.id,
      version: c._etag,
      refreshUserIds: o.refreshUserIds.slice(0, MAX_REFRESH_USERS),
      notice: o.notice ?? "",
      heading: t(locale, "escalation.card.title", {
        number: c.number,
        type: t(locale, `case.type.${c.type}`),
      }),
      protection: t(locale, "escalation.card.protection", {
        level: t(locale, `case.protection.${c.protectionLevel}`),
      }),
      protectionStyle: c.protectionLevel === "none" ? "emphasis" : "attention",
      toComplete: isToBeCompleted(c)
        ? t(locale, "escalation.card.toComplete", {
            facts: (c.toComplete ?? []).map((id) => t(locale, `incident.complete.${id}`)).join(", "),
          })
        : "",
      facts: facts(c, o),
      reasonGroups: reasonGroups(c.preliminary, locale).map((g, i) => ({
        ...g,
        // "Act now" stands out; the decisions' reasons read as ordinary text.
        style: i === 0 && c.preliminary.actNow?.length ? "attention" : "default",
      })),
      choices: { informExemption: choicesOf(INFORM_EXEMPTIONS, "escalation.card.exemption", locale) },
      description: plainText(c.description),
      dialogue: dialogue(c, locale),
      dso: o.dso !== undefined,
      can,
      assignable: (o.dso?.assignable ?? [])
        .filter((m) => m.aadObjectId !== c.assignee?.aadObjectId)
        .map((m) => ({ aadObjectId: m.aadObjectId, name: plainText(m.name) })),
      ...cardNow(o.now),
    },
    locale,
  );
}

/** Choices for an Input.ChoiceSet, each value labelled by the string under `prefix`. */
export function choicesOf(
  values: readonly string[],
  prefix: string,
  locale: Locale,
): { title: string; value: string }[] {
  return values.map((value) => ({ title: t(locale, `${prefix}.${value}`), value }));
}

/** Today's date and the time now in Swedish time, as the cards' date and time inputs want them. */
export function cardNow(now: Date): { today: string; nowTime: string } {
  const inZone = formatInTimeZone(now, TIME_ZONE, "yyyy-MM-dd'T'HH:mm");
  return { today: inZone.slice(0, 10), nowTime: inZone.slice(11) };
}

const DIALOGUE_SHOWN = 6;
const DIALOGUE_LINE_CHARS = 300;
const DIALOGUE_KEYS = {
  dso_question: "escalation.card.question",
  answer_to_dso: "escalation.card.answer",
  reporter_addition: "escalation.card.addition",
} as const;

/**
 * The latest questions, answers and reporter's additions, each shortened: a
 * card must stay under Teams' size limit however long a case runs. The full
 * text is in the dashboard and the IMY export.
 */
function dialogue(c: Case, locale: Locale): { line: string }[] {
  const shown = c.additions.slice(-DIALOGUE_SHOWN).map((a) => ({
    line: t(locale, DIALOGUE_KEYS[a.kind], {
      text: plainText(
        a.text.length > DIALOGUE_LINE_CHARS ? `${a.text.slice(0, DIALOGUE_LINE_CHARS)}…` : a.text,
      ),
    }),
  }));
  const earlier = c.additions.length - shown.length;
  return earlier > 0 ? [{ line: t(locale, "escalation.card.earlier", { count: earlier }) }, ...shown] : shown;
}
