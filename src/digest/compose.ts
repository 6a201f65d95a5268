import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import { awaitsImyDecision, type Case, OPEN_STATUSES } from "../cases/case.js";
import { isoWeekOf } from "../time/iso-week.js";
import type { CalendarEntry } from "./calendar.js";
import type { TopQuestion } from "./ports.js";
import { monthOf, weekWindow } from "./week.js";

/** An action plan requested this many days ago and still not written is overdue. */
export const ACTION_PLAN_DAYS = 14;
/** How many cases the card lists; the rest are counted ("and 3 more"). */
export const MAX_ITEMS = 10;
export const TREND_WEEKS = 8;
const DAY_MS = 24 * 3600_000;

export interface DigestInput {
  manager: { name: string; unitIds: readonly string[] };
  locale: Locale;
  /** Every case of the manager's units, open or closed (closed ones still count in the weekly numbers). */
  cases: readonly Case[];
  calendar: readonly CalendarEntry[];
  topQuestions: readonly TopQuestion[];
  /** Cases this manager snoozed until after `now`. */
  snoozedCaseIds: ReadonlySet<string>;
  now: Date;
  timeZone: string;
  unitName: (unitId: string) => string;
}

export type Overdue = "imy_deadline" | "action_plan_late" | "action_plan_due";
export type Waits = "action_plan" | "question";

export interface DigestItem {
  caseId: string;
  title: string;
  detail: string;
  /** What makes this case urgent or waiting, in words; empty for a case that only needs watching. */
  flag: string;
  overdue: boolean;
  waitsForManager: boolean;
  canWriteActionPlan: boolean;
}

export interface CalendarLine {
  title: string;
  url?: string;
}

/** Everything the digest card and the dry-run text show, already in the manager's language. */
export interface Digest {
  locale: Locale;
  managerName: string;
  week: string;
  weekLabel: string;
  unitNames: string;
  openCount: number;
  overdueCount: number;
  waitingCount: number;
  snoozedCount: number;
  items: DigestItem[];
  moreCount: number;
  lastWeek: { incidents: number; nearMisses: number };
  trend: { counts: number[]; sparkline: string };
  calendar: {
    thisMonth: { name: string; activities: CalendarLine[] };
    nextMonth: { name: string; activities: CalendarLine[] };
  };
  questions: { text: string; count: number }[];
}

function overdueReason(c: Case, now: Date, today: string): Overdue | undefined {
  if (awaitsImyDecision(c) && Date.parse(c.deadlineAt) < now.getTime()) return "imy_deadline";
  if (waitsForActionPlan(c) && c.actionPlanRequestedAt) {
    if (now.getTime() - Date.parse(c.actionPlanRequestedAt) > ACTION_PLAN_DAYS * DAY_MS)
      return "action_plan_late";
  }
  if (c.actionPlan && c.actionPlan.dueDate < today) return "action_plan_due";
  return undefined;
}

function waitsForActionPlan(c: Case): boolean {
  return c.actionPlanRequestedAt !== undefined && !c.actionPlan && !c.actionPlanNotNeeded;
}

/** The DSO's latest question has no answer after it. */
function unansweredQuestion(c: Case): boolean {
  const lastAt = (kind: string) =>
    c.additions.filter((a) => a.kind === kind).reduce((latest, a) => (a.at > latest ? a.at : latest), "");
  const asked = lastAt("dso_question");
  return asked !== "" && asked > lastAt("answer_to_dso");
}

function waits(c: Case): Waits | undefined {
  if (waitsForActionPlan(c)) return "action_plan";
  if (unansweredQuestion(c)) return "question";
  return undefined;
}

/** Building an Intl formatter costs far more than using one, and a digest run formats thousands of dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return formatter("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function monthName(year: number, month: number, locale: Locale): string {
  return formatter(locale === "sv" ? "sv-SE" : "en-GB", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

/** The send check's words for its answer ids (cards/strings/<locale>/sendcheck.json) when present, else the id. */
function sendCheckLabel(locale: Locale, group: string, id: string): string {
  try {
    return t(locale, `sendcheck.${group}.${id}`);
  } catch {
    return id;
  }
}

const SPARKS = "▁▂▃▄▅▆▇█";

function sparkline(counts: readonly number[]): string {
  const max = Math.max(...counts);
  return counts
    .map((n) => (max === 0 ? SPARKS[0] : SPARKS[Math.round((n / max) * (SPARKS.length - 1))]))
    .join("");
}

function calendarLines(
  calendar: readonly CalendarEntry[],
  month: number,
  unitIds: readonly string[],
  locale: Locale,
): CalendarLine[] {
  return calendar
    .filter((e) => e.month === month && (!e.unitIds || e.unitIds.some((u) => unitIds.includes(u))))
    .map((e) => ({ title: e[locale], ...(e.url ? { url: e.url } : {}) }));
}

export interface CaseView {
  caseId: string;
  number: string;
  category: string;
  type: string;
  unit: string;
  status: string;
  reported: string;
  deadline: string;
  waits: string;
  flag: string;
  canWriteActionPlan: boolean;
}

function dateTime(at: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(at));
}

/** One case as a manager sees it when they open it from the digest (no free text: that stays with the DSO). */
export function caseView(
  c: Case,
  context: { now: Date; timeZone: string; locale: Locale; unitName: (unitId: string) => string },
): CaseView {
  const { now, timeZone, locale } = context;
  const overdue = OPEN_STATUSES.has(c.status) ? overdueReason(c, now, localDate(now, timeZone)) : undefined;
  const waiting = OPEN_STATUSES.has(c.status) ? waits(c) : undefined;
  return {
    caseId: c.id,
    number: c.number,
    category: t(locale, `case.category.${c.category}`),
    type: t(locale, `case.type.${c.type}`),
    unit: context.unitName(c.unitId),
    status: t(locale, `case.status.${c.status}`),
    reported: dateTime(c.createdAt, timeZone, locale),
    deadline: dateTime(c.deadlineAt, timeZone, locale),
    waits: waiting ? t(locale, `digest.waits.${waiting}`) : t(locale, "digest.case.nothingWaits"),
    flag: overdue ? t(locale, `digest.overdue.${overdue}`) : "",
    canWriteActionPlan: waiting === "action_plan",
  };
}

/**
 * Composes one manager's weekly digest: open cases with overdue ones first,
 * then those waiting for the manager; last week's reports and the 8-week
 * trend; the training calendar for this month and next; and the week's most
 * common "may I send?" questions. Pure: data in, data out.
 */
export function composeDigest(input: DigestInput): Digest {
  const { locale, now, timeZone } = input;
  const today = localDate(now, timeZone);
  const open = input.cases.filter((c) => OPEN_STATUSES.has(c.status));
  const ranked = open
    .map((c) => ({ c, overdue: overdueReason(c, now, today), waits: waits(c) }))
    .sort(
      (a, b) =>
        Number(b.overdue !== undefined) - Number(a.overdue !== undefined) ||
        Number(b.waits !== undefined) - Number(a.waits !== undefined) ||
        a.c.createdAt.localeCompare(b.c.createdAt),
    );
  const shown = ranked.filter((r) => !input.snoozedCaseIds.has(r.c.id));

  const items = shown.slice(0, MAX_ITEMS).map(({ c, overdue, waits: waiting }): DigestItem => {
    const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(c.createdAt)) / DAY_MS));
    const flags = [
      overdue ? t(locale, `digest.overdue.${overdue}`) : undefined,
      waiting ? t(locale, `digest.waits.${waiting}`) : undefined,
    ].filter((f): f is string => f !== undefined);
    return {
      caseId: c.id,
      title: `${c.number} · ${t(locale, `case.type.${c.type}`)} · ${t(locale, `case.category.${c.category}`)}`,
      detail: [
        input.unitName(c.unitId),
        t(locale, ageDays === 1 ? "digest.ageOne" : "digest.age", { days: ageDays }),
        t(locale, `case.status.${c.status}`),
      ].join(" · "),
      flag: flags.join(" · "),
      overdue: overdue !== undefined,
      waitsForManager: waiting !== undefined,
      canWriteActionPlan: waiting === "action_plan",
    };
  });

  const countIn = (weeksBack: number, type?: Case["type"]) => {
    const { start, end } = weekWindow(now, timeZone, weeksBack);
    return input.cases.filter((c) => {
      const at = Date.parse(c.createdAt);
      return at >= start.getTime() && at < end.getTime() && (type === undefined || c.type === type);
    }).length;
  };
  const trend = Array.from({ length: TREND_WEEKS }, (_, i) => countIn(TREND_WEEKS - i));

  const { year, month } = monthOf(now, timeZone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const week = isoWeekOf(now, timeZone);

  return {
    locale,
    managerName: input.manager.name,
    week,
    weekLabel: t(locale, "digest.weekLabel", { week: Number(week.slice(-2)) }),
    unitNames: input.manager.unitIds.map(input.unitName).join(", "),
    openCount: open.length,
    overdueCount: ranked.filter((r) => r.overdue).length,
    waitingCount: ranked.filter((r) => r.waits).length,
    snoozedCount: ranked.length - shown.length,
    items,
    moreCount: Math.max(0, shown.length - items.length),
    lastWeek: { incidents: countIn(1, "incident"), nearMisses: countIn(1, "near_miss") },
    trend: { counts: trend, sparkline: sparkline(trend) },
    calendar: {
      thisMonth: {
        name: monthName(year, month, locale),
        activities: calendarLines(input.calendar, month, input.manager.unitIds, locale),
      },
      nextMonth: {
        name: monthName(next.year, next.month, locale),
        activities: calendarLines(input.calendar, next.month, input.manager.unitIds, locale),
      },
    },
    questions: input.topQuestions.map((q) => ({
      text: t(locale, "digest.question", {
        information: sendCheckLabel(locale, "information", q.information),
        recipient: sendCheckLabel(locale, "recipient", q.recipient),
        channel: sendCheckLabel(locale, "channel", q.channel),
        verdict: t(locale, `digest.verdict.${q.verdict}`),
      }),
      count: q.count,
    })),
  };
}

/** The digest as plain text (for `npm run digest -- --dry-run`). */
export function digestText(d: Digest): string {
  const { locale } = d;
  const lines = [
    `${t(locale, "digest.title", { week: d.weekLabel })} — ${d.managerName} (${d.unitNames})`,
    t(locale, "digest.summary", { open: d.openCount, overdue: d.overdueCount, waiting: d.waitingCount }),
  ];
  for (const item of d.items) {
    lines.push(`  ${item.overdue ? "!" : item.waitsForManager ? "*" : "-"} ${item.title}`);
    lines.push(`    ${item.detail}${item.flag ? ` — ${item.flag}` : ""}`);
  }
  if (d.moreCount) lines.push(`  ${t(locale, "digest.more", { count: d.moreCount })}`);
  if (d.snoozedCount) lines.push(`  ${t(locale, "digest.snoozedCount", { count: d.snoozedCount })}`);
  lines.push(
    t(locale, "digest.lastWeek", { incidents: d.lastWeek.incidents, nearMisses: d.lastWeek.nearMisses }),
    `${t(locale, "digest.trend")}: ${d.trend.sparkline} (${d.trend.counts.join(" ")})`,
  );
  for (const month of [d.calendar.thisMonth, d.calendar.nextMonth]) {
    if (!month.activities.length) continue;
    lines.push(`${t(locale, "digest.calendarIn", { month: month.name })}:`);
    for (const a of month.activities) lines.push(`  - ${a.title}${a.url ? ` <${a.url}>` : ""}`);
  }
  if (d.questions.length) {
    lines.push(`${t(locale, "digest.questionsTitle")}:`);
    for (const q of d.questions) lines.push(`  - ${q.text} (${q.count})`);
  }
  return lines.join("\n");
}
