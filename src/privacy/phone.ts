import { plainDigitsAndDashes } from "./personal-number.js";

/**
 * Phone numbers: Swedish ones (0, +46 or 0046, then area code and subscriber
 * number, 8 to 10 digits in all, grouped with spaces, dashes, slashes, dots
 * or brackets, "+46 (0)70…") and international ones (+ or 00 and a country code).
 * Numbers that only look like one are not: opening hours ("0800-1600", two
 * times of day joined by a dash) and dates ("04/03/2026").
 */
const SEPARATOR = /[ \t\u00a0\-/().]/;
const INTERNATIONAL = /(?<![\p{L}\d+])(?:\+|00)(?!46)[1-9]\d{0,2}[\s-]?\(?\d(?:[\s\-)]{0,2}\d){6,12}(?!\d)/u;
const TIME_RANGE = /^([01]\d|2[0-3])[.:]?[0-5]\d\s*-\s*([01]\d|2[0-3])[.:]?[0-5]\d$/;
const DATE = /^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})$/;
const START = /(?<![\p{L}\d+])(?:\+46|0046|0(?=[\s\-/().]*[1-9]))/gu;

/** Where a number that starts at `from` ends after each group: [end index, digits so far]. */
function groupEnds(text: string, from: number, digitsBefore: number): Array<[number, number]> {
  const ends: Array<[number, number]> = [];
  let digits = digitsBefore;
  let separators = 0;
  for (let i = from; i < text.length && digits <= 12; i++) {
    const c = text[i]!;
    if (c >= "0" && c <= "9") {
      digits++;
      separators = 0;
      const next = text[i + 1];
      if (next === undefined || !(next >= "0" && next <= "9")) ends.push([i + 1, digits]);
    } else if (SEPARATOR.test(c) && ++separators <= 3) {
      // "(0)" after +46 is the trunk prefix written for Swedes: it is not dialled from abroad.
      if (text.startsWith("(0)", i) && digits === 1) i += 2;
    } else break;
  }
  return ends;
}

export function containsPhoneNumber(text: string): boolean {
  const plain = plainDigitsAndDashes(text);
  for (const m of plain.matchAll(START)) {
    const start = m.index!;
    // +46 and 0046 stand for the leading 0 of the national number.
    const national = m[0] === "0" ? 0 : 1;
    const from = m[0] === "0" ? start : start + m[0].length;
    for (const [end, digits] of groupEnds(plain, from, national)) {
      if (digits < 8 || digits > 10) continue;
      const written = plain.slice(start, end).trim();
      if (!TIME_RANGE.test(written) && !DATE.test(written)) return true;
    }
  }
  return INTERNATIONAL.test(plain);
}
