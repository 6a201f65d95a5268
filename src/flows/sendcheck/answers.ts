import { z } from "zod";
import type { ProtectionLevel } from "../../cases/case.js";

/**
 * The three answers of a send check, as stable ids. These ids are also what the
 * "Report an incident instead" button hands over as `prefill`, and what the
 * anonymous weekly counters are keyed by, so they never change meaning.
 */
/** The same ids as the case model's protection levels, so an incident pre-filled from a check needs no mapping. */
export const PROTECTED_LEVELS = [
  "sekretessmarkering",
  "skyddad_folkbokforing",
  "fingerade_personuppgifter",
] as const satisfies readonly ProtectionLevel[];
export const INFORMATION = [
  "none",
  "ordinary",
  "personnummer",
  "sensitive",
  ...PROTECTED_LEVELS,
  "protected_unknown",
] as const;
/** Information kinds that have their own row in the rule table (protected_unknown is derived from the levels). */
export const TABLE_INFORMATION = [
  "none",
  "ordinary",
  "personnummer",
  "sensitive",
  ...PROTECTED_LEVELS,
] as const;
export const RECIPIENTS = ["colleague", "other_unit", "authority", "subject", "external"] as const;
/** `sdk` is organisation ↔ organisation only; `secure_messaging` (e-ID login) is how a private person is reached. */
export const CHANNELS = [
  "email",
  "sdk",
  "secure_messaging",
  "sms",
  "teams_chat",
  "teams_meeting",
  "letter",
  "phone",
  "digital_mailbox",
  "usb",
] as const;
export const VERDICTS = ["yes", "yes_if", "no"] as const;
/**
 * Circumstances in a question that can only make an answer stricter ("from my
 * private phone", "an unencrypted stick"). They are not card inputs and are
 * never counted; they reach the rule table's guard rules.
 */
export const CIRCUMSTANCES = ["unencrypted", "private_device", "attachment", "subject_line"] as const;

export type Information = (typeof INFORMATION)[number];
export type TableInformation = (typeof TABLE_INFORMATION)[number];
export type ProtectedLevel = (typeof PROTECTED_LEVELS)[number];
export type Recipient = (typeof RECIPIENTS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Verdict = (typeof VERDICTS)[number];
export type Circumstance = (typeof CIRCUMSTANCES)[number];

export const AnswersSchema = z.object({
  information: z.enum(INFORMATION),
  recipient: z.enum(RECIPIENTS),
  channel: z.enum(CHANNELS),
});
export type Answers = z.infer<typeof AnswersSchema>;

export function isProtected(information: Information): boolean {
  return information === "protected_unknown" || (PROTECTED_LEVELS as readonly string[]).includes(information);
}

/** Higher is stricter: a "no" always outranks a "yes, if", which outranks a "yes". */
export function strictness(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}
