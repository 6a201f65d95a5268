import { containsPostcode, containsStreetAddress } from "./address.js";
import { containsCaseNumber } from "./case-number.js";
import { containsName } from "./names.js";
import { containsPersonalNumberLike } from "./personal-number.js";
import { containsPhoneNumber } from "./phone.js";

/**
 * The privacy guard: finds what would identify or locate a person in free
 * text, so that the text can be refused before it is kept anywhere.
 * It names the kinds found, never the text (callers must not log it either).
 */
export const FINDING_KINDS = [
  "personal_number",
  "phone",
  "email",
  "address",
  "postcode",
  "name",
  "case_number",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface GuardOptions {
  /** Kinds a field is meant to hold, e.g. `["name"]` for "the manager's name": not reported. */
  allow?: readonly FindingKind[];
}

/** Also "anna(at)kommun.se", written so as not to look like an address. */
const EMAIL = /[\p{L}\d._%+-]+(?:@|\s?[([{]at[)\]}]\s?)[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u;

const DETECTORS: Record<FindingKind, (text: string) => boolean> = {
  personal_number: containsPersonalNumberLike,
  phone: containsPhoneNumber,
  email: (text) => EMAIL.test(text),
  address: containsStreetAddress,
  postcode: containsPostcode,
  name: containsName,
  case_number: containsCaseNumber,
};

/** The kinds of identifying data in the text, each once, in a fixed order; empty when the text is clean. */
export function findIdentifyingData(text: string, options: GuardOptions = {}): FindingKind[] {
  return FINDING_KINDS.filter((kind) => !options.allow?.includes(kind) && DETECTORS[kind](text));
}
