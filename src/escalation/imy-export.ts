import { formatInTimeZone } from "date-fns-tz";
import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { Case } from "../cases/case.js";
import { isLate } from "../cases/deadline.js";
import { localTime } from "./case-card.js";

export interface ExportLine {
  heading: boolean;
  line: string;
}

/**
 * The text of an IMY notification pre-filled from the case, in the order of
 * IMY's form (domain.md §2.1, points 1–16), ready to paste into the e-service.
 * Holds what the case holds and no affected person's identity; `now` stands
 * in for the notification time when the case is not yet reported.
 */
export function imyExport(c: Case, unitName: string, locale: Locale, now: Date): ExportLine[] {
  const s = (key: string, params?: Record<string, string | number>) =>
    t(locale, `escalation.imy.${key}`, params);
  const label = (group: string, values: readonly string[]) =>
    values.map((v) => t(locale, `escalation.labels.${group}.${v}`)).join(", ") || s("unknown");
  const yesNo = (v: "yes" | "no" | "unknown") => s(v);
  const lines: ExportLine[] = [];
  const section = (heading: string, ...body: string[]) => {
    lines.push({ heading: true, line: s(heading) });
    for (const line of body) lines.push({ heading: false, line });
  };
  const a = c.dsoAssessment;
  const plan = c.actionPlan;

  section("h1", s("controller", { unit: unitName, number: c.number }));
  section("h2", s("contact", { name: c.assignee?.name ? ` (${c.assignee.name})` : "" }));
  section(
    "h3",
    s("occurred", {
      from: localTime(c.occurredFrom),
      to: c.occurredTo ? ` – ${localTime(c.occurredTo)}` : "",
      approx: c.occurredApproximate ? s("occurredApprox") : "",
    }),
    s("discovered", { time: localTime(c.discoveredAt) }),
    s(c.ongoing ? "ongoing" : "ended"),
  );
  section("h4", s(c.discoveredBy === "internal" ? "discoveredInternal" : "discoveredExternal"));
  section(
    "h5",
    s("type", {
      type: t(locale, `case.type.${c.type}`),
      category: t(locale, `case.category.${c.category}`),
      breach: label("breach", c.breachTypes),
    }),
    s("description", { text: c.description }),
    ...c.additions
      .filter((a) => a.kind === "reporter_addition")
      .map((a) =>
        s("addition", {
          at: formatInTimeZone(new Date(a.at), "Europe/Stockholm", "yyyy-MM-dd HH:mm"),
          text: a.text,
        }),
      ),
  );
  section("h6", label("cause", [c.cause]));
  section("h7", s("where", { unit: unitName, processor: yesNo(c.processorInvolved) }));
  section(
    "h8",
    s("subjects", {
      groups: label("subjectGroup", c.subjectGroups),
      count: c.approxSubjects ?? s("unknown"),
    }),
  );
  section(
    "h9",
    s("data", {
      categories: label("dataCategory", c.dataCategories),
      count: c.approxRecords ?? s("unknown"),
      protection: t(locale, `case.protection.${c.protectionLevel}`),
    }),
  );
  section("h10", s("encryptedLine", { encrypted: yesNo(c.encrypted), seen: yesNo(c.seenByUnauthorised) }));
  section("h11", s("severityLine", { severity: t(locale, `case.severity.${c.preliminary.severity}`) }));
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
  section(
    "h13",
    !a
      ? s("informUndecided")
      : a.informSubjects
        ? s("informYes")
        : s("informNo", { reason: a.informSubjectsReason ?? "" }),
  );
  const reportTime = c.imyReport ? new Date(c.imyReport.reportedAt) : now;
  section(
    "h14",
    !isLate(new Date(c.discoveredAt), reportTime)
      ? s("notLate")
      : c.lateReason
        ? s("late", { reason: c.lateReason })
        : s("lateNoReason"),
  );
  section(
    "h15",
    !a
      ? s("decisionNone")
      : a.notifyImy
        ? s("decisionYes")
        : s("decisionNo", { reason: a.notifyImyReason ?? "" }),
    ...(c.imyReport
      ? [s("reportedToImy", { time: localTime(c.imyReport.reportedAt), reference: c.imyReport.reference })]
      : []),
  );
  section("h16", c.otherReports.length ? label("otherReport", c.otherReports) : s("noOtherReports"));
  return lines;
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
