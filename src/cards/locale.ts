export type Locale = "sv" | "en";

/** Swedish unless the Teams client says English; other languages get Swedish, the staff's working language. */
export function localeFrom(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith("en") ? "en" : "sv";
}
