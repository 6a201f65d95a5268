/**
 * Street addresses and postcodes. A Swedish street name is a compound whose
 * last part says what kind of street it is (Storgatan, Lärkgången,
 * Solslingan, Brommaplan, Norr Mälarstrand) or a name followed by that word
 * (Drottning Kristinas väg, Kungsholms strand); an address is such a name
 * with a house number, or any name after words that say someone lives or
 * moved there ("bor på Klippan 3", "flyttat till Lärkgången").
 */

/** Endings that are street names whatever the case: "storgatan 3 lgh 1102". */
const STREET_ENDINGS =
  "gatan|gata|vägen|väg|gränden|gränd|stigen|stig|backen|backe|slingan|slinga|torget|torg|allén|alléen|allé|leden|esplanaden|promenaden|stråket|strand|stranden|kajen|kaj|platsen|gången|liden|höjden|lunden|dalen|ängen|gärdet|hagen|gården|brinken|kroken|svängen|bryggan|udden|viken|kullen|ringen|parken|byn|plan";
/**
 * Endings that are also ordinary nouns (utvärderingen, åtgärdsplan, förra gången): only with a capital
 * letter, which ordinary nouns rarely carry in the middle of a sentence.
 */
const CAPITAL_ONLY = new Set([
  "platsen",
  "gången",
  "liden",
  "höjden",
  "lunden",
  "dalen",
  "ängen",
  "gärdet",
  "hagen",
  "gården",
  "brinken",
  "kroken",
  "svängen",
  "bryggan",
  "udden",
  "viken",
  "kullen",
  "ringen",
  "parken",
  "byn",
  "plan",
  "stig",
]);
/** Plans that are documents, not squares: handlingsplan 2, åtgärdsplan 3. */
const DOCUMENT_PLAN =
  /(?:handling|åtgärd|verksamhet|detalj|översikt|budget|genomförande|vård|behandling|kommunikation|utbildning|aktivitet|arbets|projekt|tid|rehabilitering|kontinuitet|kris|säkerhet|likabehandling|lektion|studie|mål|läro|kurs|kompetens|internkontroll|intern|kontroll|ansvars|insats|stöd|beredskap|service|hand|fler|års|plan)s?plan$/iu;
/** A house number: 1–3 digits, a letter, an entrance, a flat ("lgh 1102"), a floor ("3 tr"). */
const HOUSE_NUMBER = String.raw`\d{1,3}(?:\s?[A-Ha-h](?![\p{L}\d]))?(?:,?\s(?:lgh|lägenhet)\s?\d{4}|,?\s\d\s?tr(?!\p{L})|,?\suppg(?:ång)?\.?\s[A-H](?!\p{L}))?`;
/**
 * What a number after a street-like word may not be followed by: then it is a count, a time or a section.
 * Word ends are `(?!\p{L})`, not `\b`, which ends a word at any non-ASCII letter ("st" in "står").
 */
const NOT_A_HOUSE_NUMBER =
  /^\s*(?:%|§|:|(?:kr|st|år|km|m|kap)(?!\p{L})|kronor|procent|stycken|personer|gånger|dagar|timmar|veckor|minuter|meter|[-–]\s?\d{4})/iu;

const STREET_WORD = new RegExp(
  String.raw`(?<![\p{L}\d])(\p{L}{2,}(?:[-‐]\p{L}+)?)(${STREET_ENDINGS})(?!\p{L})`,
  "giu",
);
/** "Drottning Kristinas väg 8", "Kungsholms strand 137", "Lilla Torget 3", "Norra Leden 40". */
const STREET_KINDS = [
  "väg",
  "vägen",
  "gata",
  "gatan",
  "gränd",
  "gränden",
  "torg",
  "torget",
  "allé",
  "allén",
  "stig",
  "stigen",
  "backe",
  "backen",
  "strand",
  "kaj",
  "kajen",
  "led",
  "leden",
  "gång",
  "gången",
  "slinga",
  "slingan",
  "plats",
  "platsen",
  "stråket",
  "promenaden",
  "esplanaden",
];
const NAME_THEN_STREET_WORD = new RegExp(
  String.raw`(?<![\p{L}\d])\p{Lu}[\p{L}:]+\s+(?:${STREET_KINDS.flatMap((k) => [k, k[0]!.toUpperCase() + k.slice(1)]).join("|")})\s+${HOUSE_NUMBER}(?!\d)`,
  "u",
);
/** Someone lives or moved there: the place after these words is an address, with or without a number. */
const LIVES_AT_WORDS = String.raw`(?<!\p{L})(?:bor|bott|bosatt|boende|flyttat|flyttade|flyttar|hemadress|adressen|adress|folkbokförd)(?:\s+(?:numera|nu|sedan|i dag|tillfälligt))?\s*(?:på|till|i|vid|är|:)?\s*`;
const LIVES_AT = new RegExp(`${LIVES_AT_WORDS}$`, "iu");
const LIVES_AT_ANYWHERE = new RegExp(`${LIVES_AT_WORDS}(?=\\p{Lu})`, "giu");
const PLACE_WITH_NUMBER = new RegExp(
  String.raw`^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s${HOUSE_NUMBER}(?!\d)`,
  "u",
);
const POST_BOX = /(?<!\p{L})(?:Box|Postbox)\s\d{1,6}(?!\d)/u;
const ENGLISH_STREET =
  /(?:\d{1,4}\s+(?:\p{Lu}\p{L}+\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Way)\b|(?<!\p{L})\p{Lu}\p{L}+\s+(?:Street|Road|Avenue|Lane|Drive)\s+\d{1,4}(?!\d))/u;

const HOUSE_NUMBER_NEXT = new RegExp(String.raw`^\s${HOUSE_NUMBER}(?!\d)`, "u");

function streetWithNumber(text: string): boolean {
  for (const m of text.matchAll(STREET_WORD)) {
    const word = m[0];
    const ending = m[2]!.toLowerCase();
    if (CAPITAL_ONLY.has(ending) && !/^\p{Lu}/u.test(word)) continue;
    if (ending === "plan" && DOCUMENT_PLAN.test(word)) continue;
    const after = text.slice(m.index! + word.length, m.index! + word.length + 40);
    const house = HOUSE_NUMBER_NEXT.exec(after);
    if (house && !NOT_A_HOUSE_NUMBER.test(after.slice(house[0].length))) return true;
    // Named as where someone lives, a street needs no number.
    if (LIVES_AT.test(text.slice(Math.max(0, m.index! - 40), m.index!))) return true;
  }
  return false;
}

function placeWhereSomeoneLives(text: string): boolean {
  for (const m of text.matchAll(LIVES_AT_ANYWHERE)) {
    const rest = text.slice(m.index! + m[0].length, m.index! + m[0].length + 60);
    const place = PLACE_WITH_NUMBER.exec(rest);
    if (place && !NOT_A_HOUSE_NUMBER.test(rest.slice(place[0].length))) return true;
  }
  return false;
}

export function containsStreetAddress(text: string): boolean {
  return (
    streetWithNumber(text) ||
    NAME_THEN_STREET_WORD.test(text) ||
    POST_BOX.test(text) ||
    ENGLISH_STREET.test(text) ||
    placeWhereSomeoneLives(text)
  );
}

/** "123 45", "SE-123 45", "S-413 01"; five digits only before a place name ("12345 Stockholm") or after "postnummer". */
const POSTCODE_SPACED = /(?<!\d[\s-]?)(?:SE?-?\s?)?[1-9]\d{2}\s\d{2}(?![\s\u00a0]?\d)/u;
const POSTCODE_BEFORE_PLACE = /(?<![\d\p{L}.,-])(?:SE?-?\s?)?[1-9]\d{4}\s+(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{3,})/u;
const POSTCODE_NAMED =
  /(?:post\s?nummer|postnumret|postnr|post nr|postort)\W{0,3}(?:SE?-?\s?)?[1-9]\d{2}\s?\d{2}(?!\d)/iu;

export function containsPostcode(text: string): boolean {
  return POSTCODE_SPACED.test(text) || POSTCODE_BEFORE_PLACE.test(text) || POSTCODE_NAMED.test(text);
}
