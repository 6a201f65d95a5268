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
) => ctx.addIssue({ code: "custom", message: key, params });

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

const count = (field: keyof typeof COUNT_LIMITS) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const raw = String(v).trim().replace(/\s/g, "");
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
        const earliest = new Date(now);
        earliest.setUTCFullYear(earliest.getUTCFullYear() - YEARS_BACK);
        if (Number.isNaN(occurred.getTime()) || Number.isNaN(discovered.getTime())) {
          refuse(ctx, "badDate");
        } else if (occurred > now) refuse(ctx, "occurredInFuture");
        else if (discovered > now) refuse(ctx, "discoveredInFuture");
        else if (discovered < occurred) refuse(ctx, "discoveredBeforeOccurred");
        else if (occurred < earliest) refuse(ctx, "tooLongAgo", { years: YEARS_BACK });
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
    data: z.object({
      dataCategories: multi(DATA_CATEGORIES).refine((a) => a.length > 0),
      subjectGroups: multi(SUBJECT_GROUPS).refine((a) => a.length > 0),
      approxSubjects: count("approxSubjects"),
      approxRecords: count("approxRecords"),
      breachTypes: multi(BREACH_TYPES).default([]),
      encrypted: z.enum(YES_NO_UNKNOWN),
      seenByUnauthorised: z.enum(YES_NO_UNKNOWN),
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
