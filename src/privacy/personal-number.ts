/**
 * Finds Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer, day + 60) in free text: 10 or 12 digits,
 * optionally with "-", "+" and/or spaces before the last four (or written as a
 * date, 1981-12-18-9876), a real birth date (month length and leap years
 * checked) and a valid Luhn check digit. Dashes pasted from Word or a PDF
 * (en dash, minus sign) and full-width digits count as their plain twins.
 * Pure: the caller decides what to do with a match.
 */
export interface PersonalNumberMatch {
  kind: "personnummer" | "samordningsnummer";
  /** Where the number sits in the text, so a caller can blank it out. */
  start: number;
  end: number;
}

const CANDIDATES = [
  /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})\s*[-+]?\s*(\d{4})(?![\d-])/g,
  /(?<![\d-])(\d{2})(\d{2})-(\d{2})-(\d{2})-(\d{4})(?![\d-])/g,
];

/** Same length as the input, so match positions stay valid for the original text. */
function plainDigitsAndDashes(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

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
  const plain = plainDigitsAndDashes(text);
  for (const m of CANDIDATES.flatMap((pattern) => [...plain.matchAll(pattern)])) {
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
