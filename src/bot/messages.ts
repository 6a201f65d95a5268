import type { Locale } from "../cards/locale.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import { explainFindings } from "../privacy/explain.js";
import type { UserFacingError } from "./user-facing-error.js";

/** A short card with an optional title; `warning` colours the text. */
export function messageCard(
  locale: Locale,
  text: string,
  options: { title?: string; tone?: "warning" } = {},
): CardJson {
  return render("message", { title: options.title ?? "", text, tone: options.tone ?? "" }, locale);
}

export function userFacingText(err: UserFacingError, locale: Locale): string {
  const params = Object.fromEntries(
    Object.entries(err.params).map(([name, value]) => [
      name,
      typeof value !== "object"
        ? value
        : "findings" in value
          ? explainFindings(value.findings, locale)
          : t(locale, value.key),
    ]),
  );
  return t(locale, err.messageKey, params);
}
