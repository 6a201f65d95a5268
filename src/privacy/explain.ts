import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { FindingKind } from "./guard.js";

/**
 * Why a text was refused, in the person's language: the kinds found and,
 * for each, how to write it without them ("Skriv 'brukaren' i stället för
 * namnet."). It never repeats the text, which must not be kept or shown again.
 */
export function explainFindings(kinds: readonly FindingKind[], locale: Locale): string {
  const names = kinds.map((kind) => t(locale, `privacy.kinds.${kind}`));
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(names);
  const hints = kinds.map((kind) => t(locale, `privacy.hints.${kind}`));
  return [t(locale, "privacy.found", { kinds: list }), ...hints].join(" ");
}
