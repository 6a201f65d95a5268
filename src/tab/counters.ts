import { formatInTimeZone } from "date-fns-tz";
import type { Case } from "../cases/case.js";
import { imyDeadline } from "../cases/deadline.js";

/**
 * Statistics counters: one small document per organisation × unit × month
 * (the month the incident was discovered, Swedish time), kept current from the
 * case change listener. A case contributes a fixed set of counts to its
 * document; a change subtracts the old contribution and adds the new one, so
 * the counters never need a scan or a GROUP BY.
 */

export const STATS_TIME_ZONE = "Europe/Stockholm";

export interface CounterDoc {
  kind: "stats";
  id: string;
  orgId: string;
  unitId: string;
  /** YYYY-MM */
  month: string;
  /** Flat counts by key (see `contribution`); zero entries are dropped. */
  counts: Record<string, number>;
}

export interface Contribution {
  unitId: string;
  month: string;
  counts: Record<string, number>;
}

export function monthOf(iso: string): string {
  return formatInTimeZone(new Date(iso), STATS_TIME_ZONE, "yyyy-MM");
}

export function counterId(unitId: string, month: string): string {
  return `stats-${unitId}-${month}`;
}

const HOUR = 3600_000;

/** Whole hours between two instants (rounded down, never negative): the resolution of the medians. */
export function wholeHours(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / HOUR));
}

/** Notified in time: IMY got the report within 72 hours of discovery (GDPR art. 33(1)). */
export function notifiedInTime(c: Pick<Case, "discoveredAt" | "imyReport">): boolean {
  return (
    c.imyReport !== undefined &&
    Date.parse(c.imyReport.reportedAt) <= imyDeadline(new Date(c.discoveredAt)).getTime()
  );
}

/** Protected personal data is involved when a level is known and is not "none". */
export function involvesProtectedData(c: Pick<Case, "protectionLevel">): boolean {
  return c.protectionLevel !== "none" && c.protectionLevel !== "unknown";
}

/** An action plan is open while the case is open and a plan was asked for or written. */
export function hasOpenActionPlan(c: Pick<Case, "status" | "actionPlan" | "actionPlanRequestedAt">): boolean {
  return c.status !== "closed" && (c.actionPlan !== undefined || c.actionPlanRequestedAt !== undefined);
}

/** What one case adds to its month's document. Keys are `<dimension>:<type>:<value>` or `<measure>:<type>`. */
export function contribution(c: Case): Contribution {
  const t = c.type;
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  add(`cases:${t}`);
  add(`category:${t}:${c.category}`);
  add(`protection:${t}:${c.protectionLevel}`);
  if (involvesProtectedData(c)) add(`protected:${t}`);
  add(`status:${t}:${c.status}`);
  add(`severity:${t}:${c.preliminary.severity}`);
  add(`discoveredBy:${t}:${c.discoveredBy}`);
  if (c.dsoAssessment) add(`decided:${t}:${c.dsoAssessment.notifyImy ? "notify" : "no_notify"}`);
  if (c.imyReport) add(`notified:${t}`);
  if (notifiedInTime(c)) add(`notifiedInTime:${t}`);
  if (hasOpenActionPlan(c)) add(`openActionPlan:${t}`);
  // Histograms in whole hours, for the medians: discovery → report, report → DSO assessment.
  add(`hoursToReport:${t}:${wholeHours(c.discoveredAt, c.createdAt)}`);
  if (c.dsoAssessment) add(`hoursToAssessment:${t}:${wholeHours(c.createdAt, c.dsoAssessment.assessedAt)}`);
  return { unitId: c.unitId, month: monthOf(c.discoveredAt), counts };
}

/** The counter changes one case change makes, per document (one when unit and month stay, else two). */
export function delta(before: Case | undefined, after: Case): Contribution[] {
  const changes = new Map<string, Contribution>();
  const apply = (part: Contribution, sign: 1 | -1) => {
    const id = counterId(part.unitId, part.month);
    const entry = changes.get(id) ?? { unitId: part.unitId, month: part.month, counts: {} };
    for (const [key, n] of Object.entries(part.counts))
      entry.counts[key] = (entry.counts[key] ?? 0) + sign * n;
    changes.set(id, entry);
  };
  if (before) apply(contribution(before), -1);
  apply(contribution(after), 1);
  return [...changes.values()]
    .map((c) => ({ ...c, counts: withoutZeros(c.counts) }))
    .filter((c) => Object.keys(c.counts).length > 0);
}

export function addCounts(
  into: Record<string, number>,
  more: Record<string, number>,
): Record<string, number> {
  const sum = { ...into };
  for (const [key, n] of Object.entries(more)) sum[key] = (sum[key] ?? 0) + n;
  return withoutZeros(sum);
}

function withoutZeros(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

/** Counts every case from scratch: what the counters must equal (used by the rebuild and the benchmark). */
export function recount(orgId: string, cases: Iterable<Case>): Map<string, CounterDoc> {
  const docs = new Map<string, CounterDoc>();
  for (const c of cases) {
    const part = contribution(c);
    const id = counterId(part.unitId, part.month);
    const doc = docs.get(id) ?? {
      kind: "stats",
      id,
      orgId,
      unitId: part.unitId,
      month: part.month,
      counts: {},
    };
    for (const [key, n] of Object.entries(part.counts)) doc.counts[key] = (doc.counts[key] ?? 0) + n;
    docs.set(id, doc);
  }
  return docs;
}
