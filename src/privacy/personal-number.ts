/**
 * Swedish personal identity numbers (personnummer) and co-ordination numbers
 * (samordningsnummer, day + 60): YYMMDD-NNNC or YYYYMMDD-NNNC, with "-", "+"
 * or no separator, the last digit a Luhn check over the ten-digit form.
 */
const CANDIDATE = /(?<![\d+-])(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{3})(\d)(?![\d-])/g;

function luhnOk(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The birth date is real (co-ordination numbers add 60 to the day); without a century either one will do. */
function plausibleDate(century: string | undefined, yy: string, mm: string, dd: string): boolean {
  const rawDay = Number(dd);
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  const centuries = century === undefined ? [19, 20] : [Number(century)];
  if (centuries.some((c) => c < 18 || c > 20)) return false;
  return centuries.some((c) => validDate(c * 100 + Number(yy), Number(mm), day));
}

/** Every personal identity or co-ordination number in the text, as written. */
export function findPersonalNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, serial, check] = match as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!plausibleDate(century, yy, mm, dd)) continue;
    if (!luhnOk(`${yy}${mm}${dd}${serial}${check}`)) continue;
    found.push(whole);
  }
  return found;
}
