import { CASE_TYPES, CATEGORIES, type CaseType, type Category } from "../cases/case.js";
import type { CounterDoc } from "./counters.js";

/** The anonymous "may I send?" counters, from their own container (one document per organisation × ISO week). */
export interface SendCheckSummary {
  /** The most asked combinations, most first. */
  top: { information: string; channel: string; recipient: string; asked: number; answeredNo: number }[];
  asked: number;
  answeredNo: number;
}

/** Plugged in by the "may I send?" feature; months are YYYY-MM, inclusive. */
export interface SendCheckStatsSource {
  summary(orgId: string, fromMonth: string, toMonth: string): Promise<SendCheckSummary>;
}

export interface PerType {
  incident: number;
  near_miss: number;
}

export interface Statistics {
  from: string;
  to: string;
  unitId?: string;
  totals: PerType;
  perMonth: ({ month: string } & PerType)[];
  perUnit: ({ unitId: string } & PerType)[];
  /** Incidents only from here: near misses are never notified. */
  protectedData: number;
  decidedToNotify: number;
  decidedNotToNotify: number;
  notified: number;
  notifiedInTime: number;
  discoveredBy: { internal: number; external: number };
  medianHoursToReport: number | null;
  medianHoursToAssessment: number | null;
  topCategories: { category: Category; count: number }[];
  openActionPlans: number;
  /** Null until the "may I send?" counters are plugged in. */
  sendChecks: SendCheckSummary | null;
}

function sumKey(docs: readonly CounterDoc[], key: string): number {
  let n = 0;
  for (const d of docs) n += d.counts[key] ?? 0;
  return n;
}

function perType(docs: readonly CounterDoc[], key: (t: CaseType) => string): PerType {
  return { incident: sumKey(docs, key("incident")), near_miss: sumKey(docs, key("near_miss")) };
}

/** The median of a histogram `value → count` (the mean of the two middle values when the count is even). */
export function medianOf(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (seen > rank) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

function histogram(docs: readonly CounterDoc[], prefix: string): Map<number, number> {
  const h = new Map<number, number>();
  for (const d of docs) {
    for (const [key, n] of Object.entries(d.counts)) {
      if (!key.startsWith(prefix)) continue;
      const value = Number(key.slice(prefix.length));
      h.set(value, (h.get(value) ?? 0) + n);
    }
  }
  return h;
}

function groupBy<K extends string>(
  docs: readonly CounterDoc[],
  keyOf: (d: CounterDoc) => K,
): Map<K, CounterDoc[]> {
  const groups = new Map<K, CounterDoc[]>();
  for (const d of docs) {
    const group = groups.get(keyOf(d));
    if (group) group.push(d);
    else groups.set(keyOf(d), [d]);
  }
  return groups;
}

/** Every month YYYY-MM from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) break;
    months.push(month);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return months;
}

/** Statistics for a period from the counter documents alone (plain data in, plain data out). */
export function statisticsFrom(
  docs: readonly CounterDoc[],
  period: { from: string; to: string; unitId?: string },
  unitIds: readonly string[],
  sendChecks: SendCheckSummary | null,
): Statistics {
  const byMonth = groupBy(docs, (d) => d.month);
  const byUnit = groupBy(docs, (d) => d.unitId);
  const cases = (t: CaseType) => `cases:${t}`;
  const units = [...new Set([...unitIds, ...byUnit.keys()])].filter(
    (u) => !period.unitId || u === period.unitId,
  );
  return {
    ...period,
    totals: perType(docs, cases),
    perMonth: monthsBetween(period.from, period.to).map((month) => ({
      month,
      ...perType(byMonth.get(month) ?? [], cases),
    })),
    perUnit: units.map((unitId) => ({ unitId, ...perType(byUnit.get(unitId) ?? [], cases) })),
    protectedData: sumKey(docs, "protected:incident"),
    decidedToNotify: sumKey(docs, "decided:incident:notify"),
    decidedNotToNotify: sumKey(docs, "decided:incident:no_notify"),
    notified: sumKey(docs, "notified:incident"),
    notifiedInTime: sumKey(docs, "notifiedInTime:incident"),
    discoveredBy: {
      internal: sumKey(docs, "discoveredBy:incident:internal"),
      external: sumKey(docs, "discoveredBy:incident:external"),
    },
    medianHoursToReport: medianOf(histogram(docs, "hoursToReport:incident:")),
    medianHoursToAssessment: medianOf(histogram(docs, "hoursToAssessment:incident:")),
    topCategories: CATEGORIES.map((category) => ({
      category,
      count: CASE_TYPES.reduce((n, t) => n + sumKey(docs, `category:${t}:${category}`), 0),
    }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .slice(0, 5),
    openActionPlans: CASE_TYPES.reduce((n, t) => n + sumKey(docs, `openActionPlan:${t}`), 0),
    sendChecks,
  };
}

export interface AnnualReportRow {
  unitId: string;
  /** Incidents documented (every incident is documented, notified or not: art. 33(5)). */
  documented: number;
  notified: number;
  notifiedInTime: number;
  detectedInternally: number;
  detectedExternally: number;
  nearMisses: number;
}

/** The incident figures of the GDPR annual report, per unit and in total (the last row, unitId "total"). */
export function annualReportFrom(docs: readonly CounterDoc[], unitIds: readonly string[]): AnnualReportRow[] {
  const byUnit = groupBy(docs, (d) => d.unitId);
  const row = (unitId: string, ds: readonly CounterDoc[]): AnnualReportRow => ({
    unitId,
    documented: sumKey(ds, "cases:incident"),
    notified: sumKey(ds, "notified:incident"),
    notifiedInTime: sumKey(ds, "notifiedInTime:incident"),
    detectedInternally: sumKey(ds, "discoveredBy:incident:internal"),
    detectedExternally: sumKey(ds, "discoveredBy:incident:external"),
    nearMisses: sumKey(ds, "cases:near_miss"),
  });
  const units = [...new Set([...unitIds, ...byUnit.keys()])];
  return [...units.map((u) => row(u, byUnit.get(u) ?? [])), row("total", docs)];
}
