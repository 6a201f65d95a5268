import { createHash } from "node:crypto";
import type { SqlParameter } from "@azure/cosmos";
import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import {
  awaitsImyDecision,
  CASE_STATUSES,
  CASE_TYPES,
  CATEGORIES,
  type Case,
  PROTECTION_LEVELS,
  SEVERITIES,
} from "../cases/case.js";
import type { Units } from "../org/units.js";
import { STATS_TIME_ZONE } from "./counters.js";

/** What the tab API accepts in its query strings; anything else is a 400 naming the parameter. */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");

function unitFilter(units: Units) {
  return z
    .string()
    .refine((id) => units.has(id), "unknown unit")
    .optional();
}

const period = { from: month, to: month };
const periodInOrder = (p: { from: string; to: string }) => p.from <= p.to;
const PERIOD_ORDER = { message: "from must not be after to", path: ["to"] };

export const SORT_FIELDS = ["discoveredAt", "deadlineAt", "number", "unitId", "category", "status"] as const;

export function caseListSchema(units: Units) {
  return z
    .strictObject({
      ...period,
      unitId: unitFilter(units),
      type: z.enum(CASE_TYPES).optional(),
      category: z.enum(CATEGORIES).optional(),
      protectionLevel: z.enum(PROTECTION_LEVELS).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      imyNotified: z.enum(["yes", "no"]).optional(),
      sort: z.enum(SORT_FIELDS).default("discoveredAt"),
      order: z.enum(["asc", "desc"]).default("desc"),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      continuation: z.string().max(4000).optional(),
    })
    .refine(periodInOrder, PERIOD_ORDER);
}

export type CaseListQuery = z.infer<ReturnType<typeof caseListSchema>>;

export function statisticsSchema(units: Units) {
  return z.strictObject({ ...period, unitId: unitFilter(units) }).refine(periodInOrder, PERIOD_ORDER);
}

export const ReportSchema = z.strictObject({
  year: z.coerce.number().int().min(2018).max(2100),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  locale: z.enum(["sv", "en"]).default("sv"),
});

export const CaseIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** The first instant of a month in Swedish time, as the ISO string cases store. */
export function monthStart(yyyyMm: string): string {
  return fromZonedTime(`${yyyyMm}-01T00:00:00`, STATS_TIME_ZONE).toISOString();
}

export function nextMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

const FILTER_COLUMNS = {
  unitId: "c.unitId",
  type: "c.type",
  category: "c.category",
  protectionLevel: "c.protectionLevel",
  status: "c.status",
  severity: "c.preliminary.severity",
} as const;

/** The cases query for a list request: always inside the organisation's partition. */
export function caseListSql(orgId: string, q: CaseListQuery): { query: string; parameters: SqlParameter[] } {
  const clauses = [
    "c.orgId = @orgId",
    'c.kind = "case"',
    "c.discoveredAt >= @from",
    "c.discoveredAt < @until",
  ];
  const parameters: SqlParameter[] = [
    { name: "@orgId", value: orgId },
    { name: "@from", value: monthStart(q.from) },
    { name: "@until", value: monthStart(nextMonth(q.to)) },
  ];
  for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
    const value = q[key as keyof typeof FILTER_COLUMNS];
    if (value === undefined) continue;
    clauses.push(`${column} = @${key}`);
    parameters.push({ name: `@${key}`, value });
  }
  if (q.imyNotified) clauses.push(`${q.imyNotified === "yes" ? "" : "NOT "}IS_DEFINED(c.imyReport)`);
  return {
    query: `SELECT * FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.${q.sort} ${q.order.toUpperCase()}`,
    parameters,
  };
}

/**
 * The continuation token handed to the page wraps Cosmos's token with a hash
 * of the filters, so a token is only ever continued with the query it came from.
 */
export function filtersHash(q: CaseListQuery): string {
  const { continuation: _, pageSize: __, ...filters } = q;
  return createHash("sha256").update(JSON.stringify(filters)).digest("base64url").slice(0, 16);
}

const ContinuationSchema = z.object({ f: z.string(), c: z.string() });

export function wrapContinuation(q: CaseListQuery, cosmos: string | undefined): string | undefined {
  return cosmos && Buffer.from(JSON.stringify({ f: filtersHash(q), c: cosmos })).toString("base64url");
}

export function unwrapContinuation(q: CaseListQuery): string | undefined | Error {
  if (!q.continuation) return undefined;
  try {
    const parsed = ContinuationSchema.parse(
      JSON.parse(Buffer.from(q.continuation, "base64url").toString("utf8")),
    );
    return parsed.f === filtersHash(q) ? parsed.c : new Error("continuation belongs to other filters");
  } catch {
    return new Error("continuation is not valid");
  }
}

/** A case as the list shows it: codes and times only, no free text. */
export function listItem(c: Case, now: Date) {
  const awaitsDecision = awaitsImyDecision(c);
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    category: c.category,
    unitId: c.unitId,
    protectionLevel: c.protectionLevel,
    status: c.status,
    severity: c.preliminary.severity,
    discoveredAt: c.discoveredAt,
    deadlineAt: c.deadlineAt,
    awaitsDecision,
    overdue: awaitsDecision && Date.parse(c.deadlineAt) < now.getTime(),
    imyNotified: c.imyReport !== undefined,
  };
}
