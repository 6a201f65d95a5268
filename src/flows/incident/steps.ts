import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { LOCAL_TIME_ZONE } from "../../cards/local-time.js";
import {
  BREACH_TYPES,
  CASE_TYPES,
  CATEGORIES,
  CAUSES,
  DATA_CATEGORIES,
  PROTECTION_LEVELS,
  SUBJECT_GROUPS,
  YES_NO_UNKNOWN,
} from "../../cases/case.js";
import { type FindingKind, findIdentifyingData } from "../../privacy/guard.js";
import type { Answers, StepId } from "./draft.js";

/**
 * Card values → answers, one schema per step. Cards send strings: choice sets
 * as "a,b", toggles as "true"/"false", numbers and dates as text. A refusal a
 * person can act on is a custom issue whose message is its key under
 * `incident.refused` (with `params`); any other issue means a forged or broken
 * submission.
 */

/** Limits on free text: longer text is refused, never cut. */
export const TEXT_LIMITS = { description: 2000, lateReason: 1000, managerName: 200, addition: 2000 } as const;
/** More than the population of Sweden, or records beyond any register a municipality keeps, is a typing error. */
export const COUNT_LIMITS = { approxSubjects: 10_000_000, approxRecords: 100_000_000 } as const;

const refuse = (
  ctx: z.RefinementCtx,
  key: string,
  params: Record<string, string | number | { findings: FindingKind[] }> = {},
  path?: string[],
) => ctx.addIssue({ code: "custom", message: key, params, ...(path ? { path } : {}) });

/** A refusal a person can act on: a key (under `incident.refused` unless dotted) and the input it belongs to. */
export interface Problem {
  key: string;
  params?: Record<string, string | number | { key: string } | { findings: readonly FindingKind[] }>;
  /** The card input the problem is shown next to; none for a problem with the whole card. */
  field?: string;
}

const refusable = (i: z.core.$ZodIssue) => i.code === "custom" && /^[a-z][A-Za-z]+$/.test(i.message);

/**
 * A failed parse as the person sees it: each refusal they can act on, next to
 * its input; or, if any value is one no card could send (forged or broken),
 * one plain message that says nothing about the fields.
 */
export function problemsFrom(error: z.ZodError, field?: string): Problem[] {
  if (!error.issues.every(refusable)) return [{ key: "errors.invalidInput" }];
  return error.issues.map((issue) => {
    const { params = {} } = issue as {
      params?: Record<string, string | number | { findings: FindingKind[] }>;
    };
    return {
      key: `incident.refused.${issue.message}`,
      params: Object.fromEntries(
        Object.entries(params).map(([k, v]) =>
          typeof v === "string" && v.startsWith("incident.") ? [k, { key: v }] : [k, v],
        ),
      ),
      field: typeof issue.path[0] === "string" ? issue.path[0] : field,
    };
  });
}

const toggle = z.enum(["true", "false"]).transform((v) => v === "true");

const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(2000)
    .transform((v) => [...new Set(v.split(",").filter(Boolean))])
    .pipe(z.array(z.enum(values)));

/** Free text: trimmed, required, and refused (with its length) when over the limit. */
export const text = (field: keyof typeof TEXT_LIMITS) =>
  z
    .string()
    .transform((v) => v.trim())
    .superRefine((v, ctx) => {
      if (v.length === 0) return refuse(ctx, "empty", { field: `incident.fields.${field}` });
      if (v.length > TEXT_LIMITS[field])
        return refuse(ctx, "tooLong", {
          field: `incident.fields.${field}`,
          max: TEXT_LIMITS[field],
          length: v.length,
        });
      // Text that identifies or locates someone is refused here, so it is never kept (not even in the draft).
      // The manager's name is the one name the report asks for.
      const found = findIdentifyingData(v, { allow: field === "managerName" ? ["name"] : [] });
      if (found.length > 0) refuse(ctx, "privacy", { explanation: { findings: found } });
    });

/** A count, or nothing when the person chose "vet inte" (and left the number empty). */
const count = (field: keyof typeof COUNT_LIMITS) =>
  z.union([z.string(), z.number()]).transform((v, ctx): number | undefined => {
    const raw = String(v).trim().replace(/\s/g, "");
    if (raw === "") return undefined;
    if (!/^-?\d+$/.test(raw)) {
      refuse(ctx, "notACount", { field: `incident.fields.${field}` });
      return z.NEVER;
    }
    const n = Number(raw);
    if (n < 0) refuse(ctx, "negativeCount", { field: `incident.fields.${field}` });
    else if (n > COUNT_LIMITS[field])
      refuse(ctx, "absurdCount", { field: `incident.fields.${field}`, max: COUNT_LIMITS[field] });
    return n;
  });

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);

function localInstant(day: string, clock: string | undefined): Date {
  return fromZonedTime(`${day}T${(clock ?? "00:00").slice(0, 5)}:00`, LOCAL_TIME_ZONE);
}

const YEARS_BACK = 10;

/** What is wrong with the two moments, if anything, and at which input it shows. */
function timesProblem(
  occurred: Date,
  discovered: Date,
  now: Date,
): { key: string; field: string; params?: Record<string, number> } | undefined {
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - YEARS_BACK);
  if (Number.isNaN(occurred.getTime())) return { key: "badDate", field: "occurredDate" };
  if (Number.isNaN(discovered.getTime())) return { key: "badDate", field: "discoveredDate" };
  if (occurred > now) return { key: "occurredInFuture", field: "occurredDate" };
  if (discovered > now) return { key: "discoveredInFuture", field: "discoveredDate" };
  if (discovered < occurred) return { key: "discoveredBeforeOccurred", field: "discoveredDate" };
  if (occurred < earliest) return { key: "tooLongAgo", field: "occurredDate", params: { years: YEARS_BACK } };
  return undefined;
}

/** A choice a person must make: empty is refused next to its input (a forged value is not refusable). */
const chosen = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.union([z.literal(""), z.enum(values)]).transform((v, ctx): T[number] => {
    if (v === "") refuse(ctx, "choose", { field: `incident.fields.${field}` });
    return v as T[number];
  });

/**
 * The one card of a report filed now: what happened (category, incident or
 * near miss, protected data, a short description), when it was discovered,
 * the unit. The time of discovery may be left out (the start of that day
 * then counts, the stricter reading for the deadline); when it happened is
 * the discovery unless the person's words said more.
 */
export function quickSchema(now: Date, units: readonly string[]) {
  return z
    .object({
      category: chosen(CATEGORIES, "category"),
      type: chosen(CASE_TYPES, "type"),
      protectionLevel: chosen(PROTECTION_LEVELS, "protectionLevel"),
      description: text("description"),
      discoveredDate: z.union([z.literal(""), date]).superRefine((v, ctx) => {
        if (v === "") refuse(ctx, "choose", { field: "incident.fields.discoveredDate" });
      }),
      discoveredTime: z.union([time, z.literal("")]).default(""),
      occurredAt: z.iso.datetime({ offset: true }).optional(),
      unitId: z
        .union([z.literal(""), z.string().refine((id) => units.includes(id))])
        .superRefine((v, ctx) => {
          if (v === "") refuse(ctx, "choose", { field: "incident.fields.unitId" });
        }),
      lateReason: z.string().default(""),
    })
    .transform((v, ctx) => {
      const discovered = localInstant(v.discoveredDate, v.discoveredTime || undefined);
      const occurred =
        v.occurredAt && new Date(v.occurredAt) <= discovered ? new Date(v.occurredAt) : discovered;
      const problem = v.discoveredDate ? timesProblem(occurred, discovered, now) : undefined;
      if (problem) refuse(ctx, problem.key, problem.params, ["discoveredDate"]);
      return { ...v, discoveredAt: discovered.toISOString(), occurredAt: occurred.toISOString() };
    });
}

export type QuickAnswers = z.output<ReturnType<typeof quickSchema>>;

export function stepSchemas(now: Date, units: readonly string[]) {
  return {
    what: z
      .object({
        category: z.enum(CATEGORIES),
        type: z.enum(CASE_TYPES),
        protectionLevel: z.enum(PROTECTION_LEVELS),
      })
      .transform((v): Answers["what"] => v),
    when: z
      .object({
        occurredDate: date,
        occurredTime: z.union([time, z.literal("")]).optional(),
        occurredApproximate: toggle.default(false),
        discoveredDate: date,
        discoveredTime: time,
        discoveredBy: z.enum(["internal", "external"]),
        ongoing: toggle.default(false),
      })
      .transform((v, ctx): Answers["when"] => {
        const occurred = localInstant(v.occurredDate, v.occurredTime || undefined);
        const discovered = localInstant(v.discoveredDate, v.discoveredTime);
        const problem = timesProblem(occurred, discovered, now);
        if (problem) refuse(ctx, problem.key, problem.params, [problem.field]);
        return {
          occurredAt: occurred.toISOString(),
          // Without a time of day the moment is approximate by definition.
          occurredApproximate: v.occurredApproximate || !v.occurredTime,
          discoveredAt: discovered.toISOString(),
          discoveredBy: v.discoveredBy,
          ongoing: v.ongoing,
        };
      }),
    late: z.object({ lateReason: text("lateReason") }),
    data: z
      .object({
        dataCategories: multi(DATA_CATEGORIES).refine((a) => a.length > 0),
        subjectGroups: multi(SUBJECT_GROUPS).refine((a) => a.length > 0),
        approxSubjects: count("approxSubjects").optional(),
        approxSubjectsUnknown: toggle.default(false),
        approxRecords: count("approxRecords").optional(),
        approxRecordsUnknown: toggle.default(false),
        breachTypes: multi(BREACH_TYPES).default([]),
        encrypted: z.enum(YES_NO_UNKNOWN),
        seenByUnauthorised: z.enum(YES_NO_UNKNOWN),
      })
      .transform((v, ctx): Answers["data"] => {
        // No count passes as an answer by itself: a number, or "vet inte".
        for (const field of ["approxSubjects", "approxRecords"] as const)
          if (v[field] === undefined && !v[`${field}Unknown`])
            refuse(ctx, "countOrUnknown", { field: `incident.fields.${field}` }, [field]);
        const { approxSubjectsUnknown, approxRecordsUnknown, ...answers } = v;
        return answers;
      }),
    who: z.object({
      unitId: z.string().refine((id) => units.includes(id)),
      managerName: text("managerName"),
      cause: z.enum(CAUSES),
      processorInvolved: z.enum(YES_NO_UNKNOWN),
    }),
    done: z.object({
      measuresTaken: z
        .string()
        .max(2000)
        .default("")
        .transform((v) => [...new Set(v.split(",").filter(Boolean))]),
      otherReports: multi(["police", "lex_sarah_ivo", "sakerhetspolisen"]).default([]),
      description: text("description"),
      contactConsent: toggle.default(true),
    }),
  } satisfies Record<StepId, z.ZodType>;
}
