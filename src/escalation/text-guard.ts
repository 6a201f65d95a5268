/**
 * Keeps identifying details out of text typed on escalation cards (the DSO's
 * question, the reporter's answer, reasons, the action plan): personal identity
 * and coordination numbers (Luhn-checked), phone numbers, e-mail and street
 * addresses. Domain code: plain strings in, the kinds found out.
 */
export type IdentifierKind = "personalNumber" | "phone" | "email" | "address";

const PERSONAL_NUMBER = /\b(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})\b/g;
const PHONE = /(?:\+46|\b0)[\s-]?7\d(?:[\s-]?\d){7}\b|(?:\+46|\b0)\d{1,3}[\s-]\d{2,3}(?:[\s-]?\d{2}){2,3}\b/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const ADDRESS =
  /\b[A-ZÅÄÖ][a-zåäö]+(?:gatan|vägen|gränd|torget|stigen|allén|backen|plan|leden|gata|väg)\s+\d+[A-Za-z]?\b/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function hasPersonalNumber(text: string): boolean {
  for (const [, yy, mm, dd, tail] of text.matchAll(PERSONAL_NUMBER)) {
    const month = Number(mm);
    const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd); // samordningsnummer: day + 60
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    if (luhn(`${yy}${mm}${dd}${tail}`)) return true;
  }
  return false;
}

export function identifiersIn(text: string): IdentifierKind[] {
  const found: IdentifierKind[] = [];
  if (hasPersonalNumber(text)) found.push("personalNumber");
  if (PHONE.test(text)) found.push("phone");
  if (EMAIL.test(text)) found.push("email");
  if (ADDRESS.test(text)) found.push("address");
  return found;
}
