/**
 * Finds Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer, day + 60) in free text: 10 or 12 digits,
 * optionally with "-", "+" or a space before the last four, a real birth date
 * (month length and leap years checked) and a valid Luhn check digit.
 * Pure: the caller decides what to do with a match.
 */
export interface PersonalNumberMatch {
  kind: "personnummer" | "samordningsnummer";
  /** Where the number sits in the text, so a caller can blank it out. */
  start: number;
  end: number;
}

const CANDIDATE = /(?<![\d+-])(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?![\d-])/g;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The birth date must exist (coordination numbers add 60 to the day); without a century, either century will do. */
function kindOf(
  century: string | undefined,
  yy: string,
  mm: string,
  dd: string,
): PersonalNumberMatch["kind"] | undefined {
  const centuries = century === undefined ? [19, 20] : [Number(century)];
  if (centuries.some((c) => c < 18 || c > 20)) return undefined;
  const rawDay = Number(dd);
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  if (!centuries.some((c) => realDate(c * 100 + Number(yy), Number(mm), day))) return undefined;
  return coordination ? "samordningsnummer" : "personnummer";
}

export function findPersonalNumbers(text: string): PersonalNumberMatch[] {
  const found: PersonalNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, last] = m as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
      string,
    ];
    const kind = kindOf(century, yy, mm, dd);
    if (kind && luhnValid(`${yy}${mm}${dd}${last}`))
      found.push({ kind, start: m.index!, end: m.index! + whole.length });
  }
  return found;
}

export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}
