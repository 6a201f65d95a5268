/**
 * Numbers of a person's case in another system: a journal, client, patient,
 * pupil or customer number, a dossier or LMA number, or a case (ärende)
 * number where the sentence ties it to a person or to a system that holds
 * people's cases (Treserva, Procapita, Försäkringskassan…). The
 * organisation's own references pass: Värna's case numbers (PUI-2026-0012),
 * registry numbers (Dnr KS 2024/1234) and IT tickets name no one.
 */
const ID_NUMBER = String.raw`\d[\d\s/-]{1,14}\d`;
/** Identifiers that always belong to one person, also as the end of a compound ("elevhälsojournal nr 4471"). */
const PERSONAL_ID = new RegExp(
  String.raw`(?<!\p{L})\p{L}*?(?:(?:journal|klient|patient|elev|brukar|kund|akt|dossier|lma|ut)[-\s]?(?:nummer|numret|nr|id)|lma-kort\p{L}*|personakt|dossier)\W{0,4}(?:nr\.?\s?)?${ID_NUMBER}`,
  "iu",
);
const CASE_WORD = /(?<!\p{L})(?:ärende\p{L}*|id|case|file|record)(?!\p{L})/iu;
/** Words that tie a case to a person, and systems and authorities whose cases are about one person. */
const PERSON_CONTEXT =
  /(?<!\p{L})(?:brukarens|klientens|patientens|elevens|barnets|pojkens|flickans|hans|hennes|familjens|mammans|pappans|sökandens|kvinnans|mannens|enskildes|client's|patient's|pupil's|his|her|family's|försäkringskassan\p{L}*|migrationsverket\p{L}*|csn\p{L}*|pensionsmyndigheten\p{L}*|kronofogden\p{L}*|treserva|procapita|lifecare|viva|combine|cosmic|takecare|melior|prator|prorenata|magna cura)(?!\p{L})/iu;
/** Numbers that are dates, years or times, not identifiers. */
const NOT_AN_ID = /^(?:(?:19|20)\d{2}(?:[-/]\d{1,2}(?:[-/]\d{1,2})?)?|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)$/;

function hasIdNumber(sentence: string): boolean {
  for (const m of sentence.matchAll(/(?<![\p{L}\d-])\d[\d/-]*\d(?![\d\p{L}])/gu)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 4 && !NOT_AN_ID.test(m[0])) return true;
  }
  return false;
}

export function containsCaseNumber(text: string): boolean {
  if (!/\d/.test(text)) return false;
  if (PERSONAL_ID.test(text)) return true;
  return text
    .split(/(?<=[.!?])\s+|\n/)
    .some((sentence) => CASE_WORD.test(sentence) && PERSON_CONTEXT.test(sentence) && hasIdNumber(sentence));
}
