import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { UserFacingError } from "../bot/user-facing-error.js";
import { TIME_ZONE } from "./case-card.js";

/** Schemas for what the escalation cards send: ids, the card's case version, typed text, dates and times. */

export const caseId = z.string().min(1).max(128);
/** The case version (etag) the card was drawn from: an action on an older card changes nothing. */
export const CaseRef = z.object({ caseId, v: z.string().min(1).max(200) });
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
export const cardDate = z.iso.date();
export const cardTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** An optional date or time input: Teams sends "" for an empty one. */
export const optionalDate = z.union([cardDate, z.literal("")]).optional();
export const optionalTime = z.union([cardTime, z.literal("")]).optional();

/** A date and time typed on a card, read in Swedish time. */
export function localInstant(date: string, time: string): string {
  return fromZonedTime(`${date}T${time}:00`, TIME_ZONE).toISOString();
}

/** An optional date and time pair: both or neither; one without the other is asked again. */
export function optionalInstant(date: string | undefined, time: string | undefined): string | undefined {
  if (!date && !time) return undefined;
  if (!date || !time) throw new UserFacingError("escalation.dateAndTime");
  return localInstant(date, time);
}
