import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { Case } from "../cases/case.js";
import { isLate } from "../cases/deadline.js";
import type { ControllerInfo, DsoContact } from "../org/organisation.js";
import { reasonText, scoreFormula, severityText } from "./assessment-view.js";
import { localTime } from "./case-card.js";

export interface ExportLine {
  heading: boolean;
  line: string;
}

/** Who the notification names, from the organisation configuration; undefined reads "not yet known". */
export interface ExportContext {
  unitName: string;
  controller?: ControllerInfo;
  dso?: DsoContact;
  locale: Locale;
  /** Stands in for the notification time when the case is not yet reported. */
  now: Date;
}

/**
 * The text of an IMY notification pre-filled from the case, in the order of IMY's form (domain.md §2.1,
 * points 1–16, after whether this is a first notification or a supplement), ready to paste into the e-service.
 * Every item art. 33(3) asks for is there: what the case does not hold yet says "not yet known" rather than
 * being left out. It holds no affected person's identity.
 */
export function imyExport(c: Case, ctx: ExportContext): ExportLine[] {
  const { locale } = ctx;
  const s = (key: string, params?: Record<string, string | number>) =>
    t(locale, `escalation.imy.${key}`, params);
  const unknown = s("notYetKnown");
  const label = (group: string, values: readonly string[]) =>
    values.map((v) => t(locale, `escalation.labels.${group}.${v}`)).join(", ") || unknown;
  const yesNo = (v: "yes" | "no" | "unknown") => (v === "unknown" ? unknown : s(v));
  const time = (iso: string | undefined) => (iso ? localTime(iso) : unknown);
  const lines: ExportLine[] = [];
  const section = (heading: string, ...body: string[]) => {
    lines.push({ heading: true, line: s(heading) });
    for (const line of body) lines.push({ heading: false, line });
  };
  const a = c.dsoAssessment;
  const p = c.preliminary;
  const plan = c.actionPlan;

  section("h0", ...notificationKind(c, s));
  section(
    "h1",
    ctx.controller
      ? s("controller", {
          board: ctx.controller.board,
          municipality: ctx.controller.municipality,
          orgNumber: ctx.controller.organisationNumber,
        })
      : s("controllerUnknown", { unknown }),
    s("reference", { number: c.number }),
  );
  section(
    "h2",
    ctx.dso
      ? s("contact", {
          name: ctx.dso.name,
          email: ctx.dso.email,
          phone: ctx.dso.phone ? `, ${ctx.dso.phone}` : "",
        })
      : s("contactUnknown", { unknown }),
    ...(c.assignee?.name ? [s("handler", { name: c.assignee.name })] : []),
  );
  section(
    "h3",
    s("occurred", {
      from: localTime(c.occurredFrom),
      to: c.occurredTo ? ` – ${localTime(c.occurredTo)}` : "",
      approx: c.occurredApproximate ? s("occurredApprox") : "",
    }),
    s("discovered", { time: localTime(c.discoveredAt) }),
    s("becameAware", { time: time(c.becameAwareAt) }),
    c.ongoing ? s("ongoing") : s("ended", { time: time(c.endedAt ?? c.occurredTo) }),
  );
  section(
    "h4",
    s(c.discoveredBy === "internal" ? "discoveredInternal" : "discoveredExternal"),
    s("discoveryMethod", {
      method: c.discoveryMethod
        ? t(locale, `escalation.labels.discoveryMethod.${c.discoveryMethod}`)
        : unknown,
    }),
  );
  section(
    "h5",
    s("type", {
      type: t(locale, `case.type.${c.type}`),
      category: t(locale, `case.category.${c.category}`),
      breach: label("breach", c.breachTypes),
    }),
    s("description", { text: c.description }),
    ...c.additions
      .filter((x) => x.kind === "reporter_addition")
      .map((x) => s("addition", { at: localTime(x.at), text: x.text })),
  );
  section("h6", label("cause", [c.cause]));
  section(
    "h7",
    s("where", { unit: ctx.unitName, systems: c.systems ?? unknown }),
    s("processor", {
      processor:
        c.processorInvolved === "yes"
          ? s("processorYes", { name: c.processorName ?? unknown })
          : yesNo(c.processorInvolved),
    }),
  );
  section(
    "h8",
    s("subjects", { groups: label("subjectGroup", c.subjectGroups), count: c.approxSubjects ?? unknown }),
  );
  section(
    "h9",
    s("data", {
      categories: label("dataCategory", c.dataCategories),
      count: c.approxRecords ?? s("unknown"),
      protection: t(locale, `case.protection.${c.protectionLevel}`),
    }),
  );
  section(
    "h10",
    s("encryptedLine", { encrypted: yesNo(c.encrypted), seen: yesNo(c.seenByUnauthorised) }),
    s("recipient", {
      recipient: c.recipient ? t(locale, `escalation.labels.recipient.${c.recipient}`) : unknown,
      deleted: yesNo(c.deletionConfirmed ?? "unknown"),
    }),
  );
  const consequences = (p.consequences ?? []).map((code) => reasonText(code, locale));
  section(
    "h11",
    consequences.length || c.consequences
      ? s("consequences", { list: consequences.join(" ") || unknown })
      : s("consequencesUnknown", { unknown }),
    ...(c.consequences ? [s("consequencesDso", { text: c.consequences })] : []),
    s("severityLine", { severity: severityText(p, locale) }),
  );
  section(
    "h12",
    c.measuresTaken.length
      ? s("measuresTaken", {
          measures: c.measuresTaken.map((m) => t(locale, `incident.measures.${m}`)).join(", "),
        })
      : s("noMeasures"),
    plan
      ? s("planLine", { due: plan.dueDate, cause: plan.cause, measures: plan.measures, owner: plan.owner })
      : s("noPlan"),
  );
  section("h13", ...informedLines(c, s, locale));
  const reportTime = c.imyReport ? new Date(c.imyReport.reportedAt) : ctx.now;
  section(
    "h14",
    !isLate(new Date(c.discoveredAt), reportTime)
      ? s("notLate")
      : c.lateReason
        ? s("late", { reason: c.lateReason })
        : s("lateNoReason"),
  );
  const formula = scoreFormula(p, locale);
  section(
    "h15",
    s("preliminary", { severity: severityText(p, locale), formula: formula ? ` (${formula})` : "" }),
    ...(p.notifyReasons ?? []).map((code) => reasonText(code, locale)),
    !a
      ? s("decisionNone")
      : a.notifyImy
        ? s("decisionYes")
        : s("decisionNo", { reason: a.notifyImyReason ?? "" }),
    ...(a?.notifyImy && a.notifyImyReason ? [s("decisionReason", { reason: a.notifyImyReason })] : []),
    ...(c.imyReport
      ? [s("reportedToImy", { time: localTime(c.imyReport.reportedAt), reference: c.imyReport.reference })]
      : []),
  );
  section("h16", c.otherReports.length ? label("otherReport", c.otherReports) : s("noOtherReports"));
  return lines;
}

type S = (key: string, params?: Record<string, string | number>) => string;

/** Art. 33(4): a first notification, or a supplement to the one IMY already has, with its reference. */
function notificationKind(c: Case, s: S): string[] {
  if (!c.imyReport) return [s("first")];
  return [
    s("supplement", { reference: c.imyReport.reference, time: localTime(c.imyReport.reportedAt) }),
    ...(c.imySupplements ?? []).map((x) =>
      s("earlierSupplement", { time: localTime(x.at), summary: x.summary ? `: ${x.summary}` : "" }),
    ),
  ];
}

/** Art. 34: when and how the people were told, or why not and under which exemption. */
function informedLines(c: Case, s: S, locale: Locale): string[] {
  const a = c.dsoAssessment;
  const told = c.subjectsInformed
    ? [
        s("informedAt", {
          time: localTime(c.subjectsInformed.at),
          method: t(locale, `escalation.labels.informMethod.${c.subjectsInformed.method}`),
        }),
      ]
    : [];
  if (!a) return [s("informUndecided"), ...told];
  if (a.informSubjects) return [s("informYes"), ...(told.length ? told : [s("informNotYet")])];
  return [
    s("informNo", { reason: a.informSubjectsReason ?? "" }),
    ...(a.informExemption ? [t(locale, `escalation.labels.informExemption.${a.informExemption}`)] : []),
    ...told,
  ];
}

/** The same lines as a plain text file (headings on their own line, a blank line between sections). */
export function imyExportText(title: string, lines: readonly ExportLine[]): string {
  const out = [title, ""];
  for (const { heading, line } of lines) {
    if (heading && out.length > 2) out.push("");
    out.push(line);
  }
  return `${out.join("\n")}\n`;
}
