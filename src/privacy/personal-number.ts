/**
 * Finds Swedish personal identity numbers (personnummer) and coordination
 * numbers (samordningsnummer, day + 60) in free text: 10 or 12 digits,
 * optionally with "-", "+" and/or spaces before the last four (or with the
 * date parts apart, 1981-12-18-9876, 81.12.18-9876, 1981 12 18-9876), a real
 * birth date (month length and leap years checked) and a valid Luhn check
 * digit. Dashes pasted from Word or a PDF (en dash, minus sign) and
 * full-width digits count as their plain twins. Pure: the caller decides
 * what to do with a match.
 */
export interface PersonalNumberMatch {
  kind: "personnummer" | "samordningsnummer";
  /** Where the number sits in the text, so a caller can blank it out. */
  start: number;
  end: number;
}

const CANDIDATES = [
  /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})\s*[-+]?\s*(\d{4})(?![\d-])/g,
  // Date parts apart, the same separator each time; the last four after a dash or plus, never a bare space
  // (2026-03-04 1430 is a date and a time).
  /(?<![\d.-])(\d{2})?(\d{2})([ .-])(\d{2})\3(\d{2}) ?[-+] ?(\d{4})(?![\d-])/g,
];

/** Same length as the input, so match positions stay valid for the original text. */
export function plainDigitsAndDashes(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** The Luhn check digit of personal identity numbers and of organisation numbers (organisationsnummer). */
export function luhnValid(digits: string): boolean {
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
    // The second pattern captures its separator as group 3.
    const groups = m.length === 7 ? [m[1], m[2], m[4], m[5], m[6]] : m.slice(1);
    const [century, yy, mm, dd, last] = groups as [string | undefined, string, string, string, string];
    const whole = m[0];
    const kind = kindOf(century, yy, mm, dd);
    if (kind && luhnValid(`${yy}${mm}${dd}${last}`))
      found.push({ kind, start: m.index!, end: m.index! + whole.length });
  }
  return found;
}

export function containsPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}

/** Words that say the number next to them is a personal identity or coordination number. */
const SAID_TO_BE_ONE =
  /(?:person(?:nummer|numret|nr)|p-?nr|pers\.?\s?nr|samordningsnumm?er|samordningsnumret|samordningsnr|födelsenumm?er|personal identity number|coordination number|social security number)\W{0,3}$/iu;
/** The shape alone: 6 or 8 digits of a date and four more, or the four masked (850412-XXXX). */
const SHAPED = /(?<![\d-])(\d{2})?(\d{2})([ .-]?)(\d{2})\3(\d{2})\s?[-+]?\s?(\d{4}|[Xx*#]{4})(?![\d-])/g;

/**
 * Personal identity numbers in the widest sense the guard refuses: every
 * valid one, plus a number of that shape with a wrong check digit or masked
 * last four when the text says it is one ("pnr 811218-9875", "personnummer
 * 850412-XXXX") — a mistyped or half-hidden number still points at one person.
 */
export function containsPersonalNumberLike(text: string): boolean {
  if (!/[\d\uFF10-\uFF19]{2}/u.test(text)) return false;
  if (containsPersonalNumber(text)) return true;
  const plain = plainDigitsAndDashes(text);
  for (const m of plain.matchAll(SHAPED)) {
    const [, century, , , mm, dd, last] = m as unknown as string[];
    const masked = !/^\d{4}$/.test(last!);
    const plausibleDate =
      Number(mm) >= 1 && Number(mm) <= 12 && Number(dd) % 60 >= 1 && Number(dd) % 60 <= 31;
    if (!plausibleDate || (century !== undefined && !["18", "19", "20"].includes(century))) continue;
    if (masked || SAID_TO_BE_ONE.test(plain.slice(Math.max(0, m.index! - 40), m.index!))) return true;
  }
  return false;
}
