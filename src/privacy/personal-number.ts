/**
 * Finds Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer, day + 60) in free text: 10 or 12 digits,
 * optionally with "-" or "+" before the last four, a plausible date and a
 * valid Luhn check digit. Pure: the caller decides what to do with a match.
 */
export interface PersonalNumberMatch {
  kind: "personnummer" | "samordningsnummer";
  /** Where the number sits in the text, so a caller can blank it out. */
  start: number;
  end: number;
}

const CANDIDATE = /(?<!\d)(\d{2})?(\d{6})[-+ ]?(\d{4})(?!\d)/g;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function kindOf(century: string | undefined, date: string): PersonalNumberMatch["kind"] | undefined {
  if (century !== undefined && !["18", "19", "20"].includes(century)) return undefined;
  const month = Number(date.slice(2, 4));
  const day = Number(date.slice(4, 6));
  if (month < 1 || month > 12) return undefined;
  if (day >= 1 && day <= 31) return "personnummer";
  if (day >= 61 && day <= 91) return "samordningsnummer";
  return undefined;
}

export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  const found: PersonalNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, date, last] = m as unknown as [string, string | undefined, string, string];
    const kind = kindOf(century, date);
    if (kind && luhnValid(`${date}${last}`))
      found.push({ kind, start: m.index!, end: m.index! + whole.length });
  }
  return found;
}

export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}
