import { localDateTime, localInputParts } from "../../cards/local-time.js";
import type { Locale } from "../../cards/locale.js";
import { plainText } from "../../cards/plain-text.js";
import { type CardJson, render } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import { CATEGORIES, CAUSES, DATA_CATEGORIES, PROTECTION_LEVELS, SUBJECT_GROUPS } from "../../cases/case.js";
import { MEASURES } from "../../cases/measures.js";
import type { Answers, IncidentDraft, StepId } from "../../flows/incident/draft.js";
import { type Notice, type Show, stepsOf } from "../../flows/incident/flow.js";
import type { Problem } from "../../flows/incident/steps.js";
import type { Units } from "../../org/units.js";
import { problemText } from "./form.js";
import { quickCard } from "./quick-view.js";

/**
 * Turns what the incident flow wants shown into rendered cards: labels in
 * the person's language, choices, and the values already given (so Back and
 * Change show what was answered).
 */
export interface ViewContext {
  locale: Locale;
  units: Units;
  now: Date;
  /** After a refusal: what the person typed (shown again, never stored) and each problem by its input. */
  typed?: Record<string, unknown>;
  problems?: readonly Problem[];
}

type Choice = { title: string; value: string };

const choices = (values: readonly string[], prefix: string, locale: Locale): Choice[] =>
  values.map((value) => ({ title: t(locale, `${prefix}.${value}`), value }));

const yesNoUnknown = (locale: Locale): Choice[] =>
  (["yes", "no", "unknown"] as const).map((value) => ({ title: t(locale, `incident.${value}`), value }));

const labels = (values: readonly string[], prefix: string, locale: Locale): string =>
  values.length
    ? values.map((v) => t(locale, `${prefix}.${v}`)).join(", ")
    : t(locale, "incident.summary.none");

/** Input values for a step: what was typed (after a refusal), else the answer, else a suggestion, else empty. */
function form(
  step: StepId,
  draft: IncidentDraft,
  typed: Record<string, unknown> = {},
): Record<string, string> {
  const values = stored(step, draft);
  for (const id of Object.keys(values)) if (typeof typed[id] === "string") values[id] = typed[id] as string;
  return values;
}

function stored(step: StepId, draft: IncidentDraft): Record<string, string> {
  const a = draft.answers;
  const s = draft.suggested;
  switch (step) {
    case "what":
      return {
        category: a.what?.category ?? s.category ?? "",
        // Not chosen for the person: an incident and a near miss are different reports.
        type: a.what?.type ?? s.type ?? "",
        protectionLevel: a.what?.protectionLevel ?? s.protectionLevel ?? "",
      };
    case "when": {
      const occurred = a.when
        ? localInputParts(a.when.occurredAt)
        : s.occurredAt && localInputParts(s.occurredAt);
      const discovered = a.when
        ? localInputParts(a.when.discoveredAt)
        : s.discoveredAt && localInputParts(s.discoveredAt);
      return {
        occurredDate: occurred ? occurred.date : "",
        occurredTime: occurred && (a.when || s.occurredApproximate === false) ? occurred.time : "",
        occurredApproximate: String(a.when?.occurredApproximate ?? s.occurredApproximate ?? false),
        discoveredDate: discovered ? discovered.date : "",
        discoveredTime: discovered && (a.when || s.discoveredTimeKnown) ? discovered.time : "",
        discoveredBy: a.when?.discoveredBy ?? "internal",
        ongoing: String(a.when?.ongoing ?? false),
      };
    }
    case "late":
      return { lateReason: a.late?.lateReason ?? "" };
    case "data":
      return {
        dataCategories: (a.data?.dataCategories ?? s.dataCategories ?? []).join(","),
        subjectGroups: (a.data?.subjectGroups ?? s.subjectGroups ?? []).join(","),
        approxSubjects: a.data?.approxSubjects === undefined ? "" : String(a.data.approxSubjects),
        approxSubjectsUnknown: String(a.data !== undefined && a.data.approxSubjects === undefined),
        approxRecords: a.data?.approxRecords === undefined ? "" : String(a.data.approxRecords),
        approxRecordsUnknown: String(a.data !== undefined && a.data.approxRecords === undefined),
        breachTypes: (a.data?.breachTypes ?? []).join(","),
        encrypted: a.data?.encrypted ?? "",
        seenByUnauthorised: a.data?.seenByUnauthorised ?? "",
      };
    case "who":
      return {
        unitId: a.who?.unitId ?? s.unitId ?? "",
        managerName: a.who?.managerName ?? "",
        cause: a.who?.cause ?? "",
        processorInvolved: a.who?.processorInvolved ?? "",
      };
    case "done":
      return {
        measuresTaken: (a.done?.measuresTaken ?? []).join(","),
        otherReports: (a.done?.otherReports ?? []).join(","),
        description: a.done?.description ?? s.description ?? "",
        contactConsent: String(a.done?.contactConsent ?? true),
      };
  }
}

/** Each input's problem (empty when none), and the problems that belong to no input of this card. */
function errorsOf(values: Record<string, string>, problems: readonly Problem[], locale: Locale) {
  const errors: Record<string, string> = Object.fromEntries(Object.keys(values).map((id) => [id, ""]));
  const general: string[] = [];
  for (const p of problems) {
    if (p.field && p.field in errors) errors[p.field] ||= problemText(p, locale);
    else general.push(problemText(p, locale));
  }
  return { errors, notice: general.join(" ") };
}

function stepCard(step: StepId, draft: IncidentDraft, view: ViewContext): CardJson {
  const { locale, units, now } = view;
  const steps = stepsOf(draft, now);
  const category = draft.answers.what?.category ?? "other";
  const values = form(step, draft, view.typed);
  return render(
    `incident/${step}`,
    {
      draftId: draft.id,
      progress: t(locale, "incident.progress", { n: steps.indexOf(step) + 1, total: steps.length }),
      form: values,
      ...errorsOf(values, view.problems ?? [], locale),
      today: localInputParts(now).date,
      categories: choices(CATEGORIES, "case.category", locale),
      types: [
        { title: t(locale, "incident.what.typeIncident"), value: "incident" },
        { title: t(locale, "incident.what.typeNearMiss"), value: "near_miss" },
      ],
      protectionLevels: choices(PROTECTION_LEVELS, "case.protection", locale),
      discoveredByChoices: choices(["internal", "external"], "incident.when", locale),
      dataCategoryChoices: choices(DATA_CATEGORIES, "incident.dataCategory", locale),
      subjectGroupChoices: choices(SUBJECT_GROUPS, "incident.subjectGroup", locale),
      breachChoices: choices(["confidentiality", "integrity", "availability"], "incident.breach", locale),
      yesNoUnknown: yesNoUnknown(locale),
      unitChoices: units.all.map((u) => ({ title: u[locale], value: u.id })),
      causeChoices: choices(CAUSES, "incident.cause", locale),
      measureChoices: choices(MEASURES[category], "incident.measures", locale),
      otherReportChoices: choices(
        ["police", "lex_sarah_ivo", "sakerhetspolisen"],
        "incident.otherReport",
        locale,
      ),
    },
    locale,
  );
}

function summaryFacts(draft: IncidentDraft, { locale, units }: ViewContext): Choice[] {
  const { what, when, late, data, who, done } = draft.answers as Answers;
  const f = (key: string, value: string) => ({ title: t(locale, `incident.summary.${key}`), value });
  const occurred = localDateTime(when.occurredAt, locale);
  return [
    f("type", t(locale, `case.type.${what.type}`)),
    f("category", t(locale, `case.category.${what.category}`)),
    f("protection", t(locale, `case.protection.${what.protectionLevel}`)),
    f(
      "occurred",
      when.occurredApproximate ? `${occurred} (${t(locale, "incident.summary.approximately")})` : occurred,
    ),
    f("discovered", localDateTime(when.discoveredAt, locale)),
    ...(late ? [f("lateReason", plainText(late.lateReason))] : []),
    f("dataCategories", labels(data.dataCategories, "incident.dataCategory", locale)),
    f("subjectGroups", labels(data.subjectGroups, "incident.subjectGroup", locale)),
    f(
      "counts",
      t(locale, "incident.summary.countsValue", {
        subjects: data.approxSubjects ?? t(locale, "incident.summary.notKnown"),
        records: data.approxRecords ?? t(locale, "incident.summary.notKnown"),
      }),
    ),
    f("breach", labels(data.breachTypes, "incident.breach", locale)),
    f("unit", units.name(who.unitId, locale)),
    f("manager", plainText(who.managerName)),
    f("measures", labels(done.measuresTaken, "incident.measures", locale)),
    f("description", plainText(done.description)),
    f("consent", t(locale, done.contactConsent ? "incident.yes" : "incident.no")),
  ];
}

const STYLE = { very_high: "attention", high: "attention", medium: "warning", low: "good" } as const;

export function showCard(show: Show, view: ViewContext): CardJson {
  const { locale } = view;
  switch (show.card) {
    case "quick":
      return quickCard(show.draft, view);
    case "step":
      return stepCard(show.step, show.draft, view);
    case "summary": {
      const { assessment } = show;
      const nearMiss = show.draft.answers.what?.type === "near_miss";
      const s = (key: string) => t(locale, `incident.summary.${key}`);
      return render(
        "incident/summary",
        {
          draftId: show.draft.id,
          assessmentStyle: STYLE[assessment.severity],
          assessmentFacts: [
            { title: s("severity"), value: t(locale, `case.severity.${assessment.severity}`) },
            { title: s("notifyImy"), value: s(assessment.notifyImyLikely ? "notifyImyYes" : "notifyImyNo") },
            {
              title: s("informSubjects"),
              value: s(assessment.informSubjectsLikely ? "informSubjectsYes" : "informSubjectsNo"),
            },
            ...(nearMiss ? [] : [{ title: s("deadline"), value: localDateTime(show.deadlineAt, locale) }]),
          ],
          reasons: assessment.reasons.map((code) => ({ text: t(locale, `assessment.${code}`) })),
          nearMiss,
          facts: summaryFacts(show.draft, view),
        },
        locale,
      );
    }
    case "receipt": {
      const nearMiss = (show.draft.answers.what?.type ?? show.draft.suggested.type) === "near_miss";
      const quick = show.draft.answers.what === undefined;
      return render(
        "incident/receipt",
        {
          facts: [
            { title: t(locale, "incident.receipt.number"), value: show.draft.caseNumber ?? "" },
            ...(nearMiss
              ? []
              : [
                  {
                    title: t(locale, "incident.receipt.deadline"),
                    value: localDateTime(show.deadlineAt, locale),
                  },
                ]),
          ],
          quick,
          nextSteps: t(locale, quick ? "incident.receipt.nextStepsQuick" : "incident.receipt.nextSteps"),
        },
        locale,
      );
    }
    case "cancelled":
      return render("incident/cancelled", { draftId: show.draft.id }, locale);
    case "menu":
      return render("welcome", {}, locale);
  }
}

export function noticeCard(notice: Notice, locale: Locale): CardJson {
  return render(
    "incident/advice",
    {
      protectedData: notice.protectedData,
      advice: t(locale, `incident.advice.${notice.category}`),
      nearMiss: notice.nearMiss,
    },
    locale,
  );
}

export function continueCard(draft: IncidentDraft, locale: Locale): CardJson {
  return render(
    "incident/continue",
    {
      draftId: draft.id,
      text: t(locale, "incident.continue.text", { date: localDateTime(draft.createdAt, locale) }),
    },
    locale,
  );
}
