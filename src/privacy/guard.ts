import { containsPersonalNumber } from "./personal-number.js";

/**
 * The privacy guard: finds what would identify or locate a person in free
 * text, so that the text can be refused before it is kept anywhere.
 * It names the kinds found, never the text (callers must not log it either).
 */
export const FINDING_KINDS = ["personal_number", "phone", "email", "address", "postcode"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u;

/** A Swedish number: 0 or +46/0046, then area code and subscriber number, with spaces, hyphens or slashes. */
const SWEDISH_PHONE_CANDIDATE = /(?<![\d+])(?:\+46|0046|0)[\s\-/()]*[1-9][\d\s\-/()]{5,14}\d(?!\d)/g;
const INTERNATIONAL_PHONE = /(?<![\d+])\+(?!46)[1-9]\d{0,2}[\s-]?\d(?:[\s-]?\d){6,12}(?!\d)/;

const STREET_SUFFIXES =
  "gatan|gata|vägen|väg|gränden|gränd|torget|torg|stigen|allén|allé|backen|leden|plan|platsen|kajen|stråket|esplanaden|promenaden|slingan|ringen|parken|hagen";
/** "Storgatan 12", "Östra Hamngatan 5B", "storgatan 3 lgh 1102". */
const SWEDISH_STREET = new RegExp(
  `(?<!\\p{L})\\p{L}{2,}(?:${STREET_SUFFIXES})\\s+\\d{1,4}(?:\\s?[A-Za-z])?(?!\\d)`,
  "iu",
);
/** "12 Baker Street", "Baker Street 12". */
const ENGLISH_STREET =
  /(?:\d{1,4}\s+(?:\p{Lu}\p{L}+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive)\b|(?<!\p{L})\p{Lu}\p{L}+\s+(?:Street|Road|Avenue|Lane|Drive)\s+\d{1,4}(?!\d))/u;
/** "123 45" or "SE-123 45"; a five-digit run alone is too often an amount to count. */
const POSTCODE = /(?<!\d[\s-]?)(?:SE-?\s?)?[1-9]\d{2}\s\d{2}(?!\s?\d)/;

function hasSwedishPhone(text: string): boolean {
  for (const match of text.matchAll(SWEDISH_PHONE_CANDIDATE)) {
    let digits = match[0].replace(/\D/g, "");
    if (digits.startsWith("0046")) digits = `0${digits.slice(4)}`;
    else if (digits.startsWith("46") && match[0].startsWith("+")) digits = `0${digits.slice(2)}`;
    if (digits.length >= 8 && digits.length <= 10) return true;
  }
  return false;
}

/** The kinds of identifying data in the text, each once, in a fixed order; empty when the text is clean. */
export function findIdentifyingData(text: string): FindingKind[] {
  const found = new Set<FindingKind>();
  if (containsPersonalNumber(text)) found.add("personal_number");
  if (EMAIL.test(text)) found.add("email");
  if (hasSwedishPhone(text) || INTERNATIONAL_PHONE.test(text)) found.add("phone");
  if (SWEDISH_STREET.test(text) || ENGLISH_STREET.test(text)) found.add("address");
  if (POSTCODE.test(text)) found.add("postcode");
  return FINDING_KINDS.filter((k) => found.has(k));
}
