import { z } from "zod";
import type { Category, ProtectionLevel } from "../../cases/case.js";
import type { Suggestions } from "./draft.js";

const word = z
  .string()
  .max(64)
  .regex(/^[a-z0-9_-]+$/);

/** What "May I send this?" passes along when a check turns into a report (its answer ids, src/flows/sendcheck). */
export const PrefillSchema = z.object({
  channel: word.optional(),
  information: word.optional(),
  recipient: word.optional(),
});
export type Prefill = z.infer<typeof PrefillSchema>;

const CATEGORY_BY_CHANNEL: Record<string, Category> = {
  email: "wrong_recipient_email",
  "e-mail": "wrong_recipient_email",
  sms: "wrong_recipient_message",
  teams_chat: "wrong_recipient_message",
  teams: "wrong_recipient_message",
  chat: "wrong_recipient_message",
  letter: "wrong_address_letter",
  post: "wrong_address_letter",
  usb: "lost_or_stolen_device",
};

const PROTECTION_BY_INFORMATION: Record<string, ProtectionLevel> = {
  protected: "unknown",
  protected_unknown: "unknown",
  sekretessmarkering: "sekretessmarkering",
  skyddad_folkbokforing: "skyddad_folkbokforing",
  fingerade_personuppgifter: "fingerade_personuppgifter",
  osl_21_3: "osl_21_3",
};

/** Pre-selects what the check already told us; anything unrecognised is simply not suggested. */
export function suggestionsFrom(prefill: Prefill | undefined): Suggestions {
  if (!prefill) return {};
  const suggested: Suggestions = {};
  const category = prefill.channel && CATEGORY_BY_CHANNEL[prefill.channel];
  if (category) suggested.category = category;
  const protection = prefill.information && PROTECTION_BY_INFORMATION[prefill.information];
  if (protection) suggested.protectionLevel = protection;
  if (prefill.information === "sensitive") suggested.dataCategories = ["sensitive_art9"];
  if (prefill.information === "ordinary" || prefill.information === "none")
    suggested.protectionLevel = "none";
  return suggested;
}
