import { NAME_DATA, type NameData } from "./name-data.js";
import { type Word, wordsOf } from "./words.js";

/**
 * Finds names of people in free text from three kinds of evidence:
 * - a word that introduces a person: "heter Fatima", "brukaren Sven",
 *   "pappan Ali", "familjen Yilmaz", "Mr Patel";
 * - a first name from the name statistics with a capitalised word after it,
 *   or a capitalised word with a listed or typically shaped surname after it
 *   ("Kalle Svensson", "Mirela Hodžić");
 * - a listed first name or surname on its own, where it cannot be an
 *   ordinary word: "Fatima fick…", but not "Hans mamma…" or "Per vecka…".
 * Statistics decide what is a name, context decides whether a word that is
 * also a name (Bo, Stig, Hans, Klara) is one here.
 */

/** Words ending like these introduce a person (compounds included: socialsekreteraren, skolsköterskan). */
const PERSON_WORD_ENDINGS =
  "eleven brukaren patienten klienten barnet barnen pojken flickan kvinnan mannen pappan mamman fadern föräldern vårdnadshavaren systern brodern maken makan sambon hustrun mormor morfar farmor farfar sonen dottern syskonen kollegan handläggaren sekreteraren läraren rektorn chefen assistenten sköterskan läkaren hyresgästen sökanden enskilde anställde medarbetaren praktikanten vikarien tolken förvaltaren personen kuratorn psykologen pedagogen samordnaren grannen kunden deltagaren familjen".split(
    " ",
  );
/** Short words that introduce a person only as themselves (not as the end of "Teams" or "hustru"). */
const PERSON_WORDS = new Set(
  "kollega chef granne herr fru modern mr mrs ms miss dr pupil client patient resident tenant mother father son daughter colleague husband wife brother sister".split(
    " ",
  ),
);
/** The word after these is the name, whatever its case: "hon heter fatima". */
const NAMING_WORDS = new Set(["heter", "hette", "kallas", "kallad", "kallade", "named", "called"]);
/** Who "heter": a person ("hon heter Ayan", "en elev som heter Milan"), unlike "systemet heter Treserva". */
const PERSON_PRONOUNS = new Set("han hon hen jag du vi ni de he she i".split(" "));
const PERSON_NOUNS = new Set(
  "elev man kvinna pojke flicka person kollega brukare patient klient barn mamma pappa chef son dotter bror syster granne vän kille tjej handläggare lärare".split(
    " ",
  ),
);
/** Organisations and places after a word for a person: "kunden Region Skåne", "mamman Socialförvaltningen". */
const ORGANISATION_SHAPE =
  /(?:förvaltning|förvaltningen|nämnd|nämnden|kontor|kontoret|verket|enhet|enheten|kassan|myndighet|myndigheten|skola|skolan|boende|boendet|region|regionen|kommun|kommunen|stad|staden|sjukhus|sjukhuset|tjänsten|polisen|bolag|bolaget|stiftelsen|föreningen|gymnasiet|förskolan|hemmet)$/iu;
/** …unless it is one of these: "vad heter det", "heter likadant". */
const NOT_A_NAME_AFTER_NAMING = new Set(
  "det den detta han hon hen de dem man inte så likadant samma något någon ju nu väl egentligen numera också även då alltså the it he she they not".split(
    " ",
  ),
);
/** "Astrid Lindgrens barnsjukhus", "Carl Larssons skola": a place or institution named after someone. */
const NAMED_AFTER_SOMEONE =
  /^(?:\p{L}*(?:sjukhus|skola|skolan|gymnasium|gymnasiet|universitet|museum|museet|kyrka|kyrkan|kapell|stiftelse|stiftelsen|fond|fonden|pris|priset|minne|institut|institutet)|väg|gata|torg|plats|park|gränd|allé)$/u;
/** A name after these names a room, a ward or a home, not a person: "mötesrum Linnea", "förskolan Astrid". */
const NAMED_PLACE_BEFORE =
  /(?:rum|rummet|sal|salen|huset|skola|skolan|förskola|förskolan|boendet|avdelning|avdelningen|gården|hemmet|kvarteret|kv\.|fastigheten|enheten|gruppen|teamet|kanalen)\s+$/iu;
/** A first name before these is a place: "Katarina Södra skola". */
const PLACE_AFTER_NAME = new Set(["norra", "södra", "östra", "västra", "norr", "söder", "öster", "väster"]);
/** Verbs after a word that is also a name show that it is one: "Stig fick…", "Lina ringde…". */
const VERB_AFTER_NAME = new Set(
  "fick får har hade ringde ringer skickade skickar sa sade säger är var bor bodde kom kommer blev gick går vill ville kan kunde ska skulle måste mejlade tog ser såg hörde berättade frågade svarade lämnade glömde upptäckte öppnade läste behöver vet visste heter hette jobbar arbetar flyttade is was has had got received sent called said".split(
    " ",
  ),
);
/** Before a lower-case name: "skickade till anna", "pratade med ali". */
const PREPOSITIONS = new Set("till från med om åt hos för av och".split(" "));
/** Surname shapes of Swedish family names, counted only after a listed first name: "Stig Ahlqvist". */
const SWEDISH_SURNAME_SHAPE =
  /\p{L}{2}(?:qvist|kvist|ström|berg|gren|lund|holm|dahl|blad|stedt|ling|mark|ander|én|ér|ell|man)$/u;
/** Saints in place names: S:t Görans sjukhus, Sankt Eriksgatan. */
const SAINT_BEFORE = /(?:\bS:ta?|\bSankta?|\bSt\.)\s*$/u;
/**
 * Surname shapes that are rarely anything else: -sson, -ić, -ović, -ski, -wska, -oğlu, -zadeh. (Finnish -nen
 * is left to the list: Swedish nouns end the same way, regionen, planen.)
 */
const SURNAME_SHAPE =
  /(?:\p{L}{2}sson|\p{L}{2}(?:ić|vić|vic)|\p{L}{2}(?:ski|cki|wska|ńska)|oğlu|oglu|zadeh|\p{L}{3}(?:ova|eva|enko))$/u;

interface Classified {
  word: Word;
  /** The word, or its base without a genitive s (Kalles → kalle). */
  base: string;
  first: boolean;
  firstAlsoWord: boolean;
  firstNeverAlone: boolean;
  surname: boolean;
  surnameAlsoWord: boolean;
  surnameShaped: boolean;
  swedishSurnameShaped: boolean;
  /** "Kaya-familjen": a name whatever else it is. */
  familyCompound: boolean;
  /** "Varg-biblioteket", "Boss-kostymen": a thing named after someone. */
  namedThing: boolean;
}

function lookUp(word: Word, data: NameData): string | undefined {
  const lower = word.lower;
  if (data.firstNames.has(lower) || data.surnames.has(lower)) return lower;
  // Only a capitalised word is read as a genitive: "Kalles", but not "klass" as "Klas".
  if (!word.capitalised) return undefined;
  const bare = lower.replace(/(?:['’]s|s)$/u, "");
  // Names ending in s take no genitive s (Klas, Lars): "Klass" is no genitive.
  if (bare.endsWith("s")) return undefined;
  if (bare !== lower && (data.firstNames.has(bare) || data.surnames.has(bare))) return bare;
  return undefined;
}

function classify(word: Word, data: NameData): Classified {
  // A double name (Anna-Karin, Lars-Erik) counts as a first name when every part is capitalised and one is listed.
  const parts = word.text.split(/[-]/u);
  const hyphenatedFirst =
    parts.length > 1 &&
    parts.every((p) => /^\p{Lu}/u.test(p)) &&
    parts.some((p) => data.firstNames.has(p.toLowerCase()));
  // "Kaya-familjen", "Svensson-barnen": a name joined to a word for a family.
  const familyCompound =
    parts.length === 2 &&
    /^\p{Lu}/u.test(parts[0]!) &&
    /^(?:familjen|barnen|syskonen|pojken|flickan)$/u.test(parts[1]!);
  const base = familyCompound ? parts[0]!.toLowerCase() : (lookUp(word, data) ?? word.lower);
  const listedFirst = data.firstNames.has(base);
  return {
    word,
    base,
    first: listedFirst || hyphenatedFirst,
    firstAlsoWord: listedFirst && data.firstNamesAlsoWords.has(base),
    firstNeverAlone: listedFirst && data.firstNamesNeverAlone.has(base),
    surname: data.surnames.has(base),
    surnameAlsoWord: data.surnamesAlsoWords.has(base),
    surnameShaped: word.capitalised && SURNAME_SHAPE.test(word.text),
    swedishSurnameShaped: word.capitalised && SWEDISH_SURNAME_SHAPE.test(word.text),
    familyCompound,
    namedThing: parts.length > 1 && !/^\p{Lu}/u.test(parts.at(-1)!),
  };
}

/** Product and system names carry a capital inside the word (FortiClient, OneDrive, SharePoint); names of people rarely do. */
const INNER_CAPITAL = /\p{Ll}\p{Lu}/u;
const properNoun = (c: Classified) =>
  c.word.capitalised && !c.word.allCaps && !INNER_CAPITAL.test(c.word.text);
const plainFirstName = (c: Classified) => c.first && !c.firstAlsoWord && !c.firstNeverAlone;
const plainSurname = (c: Classified) => c.surname && !c.surnameAlsoWord;
const isInitial = (c: Classified, text: string) =>
  c.word.text.length === 1 && c.word.capitalised && text[c.word.end] === ".";
const adjacent = (b: Word) => /^ {1,2}$/.test(b.gap);
/** Between a word that introduces a person and the name: "brukaren Sven", "mamman, Lina", "namn: Ali". */
const LIST_GAP = /^(?: |, |: | – )$/;

function introducesPerson(c: Classified): boolean {
  return (
    PERSON_WORDS.has(c.word.lower) || PERSON_WORD_ENDINGS.some((ending) => c.word.lower.endsWith(ending))
  );
}

/** Whether the one who "heter" (word `naming`) is a person: "hon heter", "kvinnan som heter", "en elev som heter". */
function namingAPerson(cs: Classified[], naming: number): boolean {
  let subject = cs[naming - 1];
  if (subject?.word.lower === "som") subject = cs[naming - 2];
  // "Heter Ayan", "någon som heter…": nothing says it is a thing, so take the careful reading.
  if (!subject || subject.word.lower === "någon" || subject.word.lower === "someone") return true;
  return (
    PERSON_PRONOUNS.has(subject.word.lower) ||
    PERSON_NOUNS.has(subject.word.lower) ||
    introducesPerson(subject)
  );
}

/**
 * Evidence that word i starts a name: how many words the name spans, 0 for none, or minus the number of
 * words that name a thing after someone (skipped).
 */
function nameAt(i: number, cs: Classified[], text: string): number {
  const a = cs[i]!;
  const b = cs[i + 1] && adjacent(cs[i + 1]!.word) ? cs[i + 1] : undefined;
  const before = cs[i - 1];

  if (a.familyCompound) return 1;
  if (before && LIST_GAP.test(a.word.gap) && !ORGANISATION_SHAPE.test(a.word.lower)) {
    if (NAMING_WORDS.has(before.word.lower) && !NOT_A_NAME_AFTER_NAMING.has(a.word.lower)) {
      if (a.first || a.surname || namingAPerson(cs, i - 1)) return 1;
    } else if ((properNoun(a) || plainFirstName(a) || plainSurname(a)) && introducesPerson(before)) return 1;
  }
  if (b && properNoun(a) && properNoun(b) && !PLACE_AFTER_NAME.has(b.word.lower)) {
    // "Kajsa Varg-biblioteket", "Hugo Boss-kostymen": named after someone, not someone.
    if (b.namedThing && (a.first || a.surname)) return -2;
    const bIsSurnameLike = b.surname || b.surnameShaped || b.swedishSurnameShaped || isInitial(b, text);
    if (
      plainFirstName(a) ||
      ((a.firstAlsoWord || a.firstNeverAlone) && (bIsSurnameLike || plainFirstName(b)))
    )
      return 2;
    if (!a.first && (plainSurname(b) || b.surnameShaped)) return 2;
  }
  if (b && !a.word.capitalised && plainFirstName(a) && plainSurname(b)) return 2;
  if (isInitial(a, text) && b && (b.surname || b.surnameShaped)) return 2;
  if (properNoun(a)) {
    if (plainFirstName(a) || plainSurname(a)) return 1;
    if (a.firstAlsoWord) {
      const next = cs[i + 1];
      if (!a.word.sentenceStart) return 1;
      if (next && adjacent(next.word) && VERB_AFTER_NAME.has(next.word.lower)) return 1;
    }
  }
  // "skickade till anna": a listed first name in lower case after a preposition.
  if (
    !a.word.capitalised &&
    plainFirstName(a) &&
    before &&
    PREPOSITIONS.has(before.word.lower) &&
    a.word.gap === " "
  )
    return 1;
  return 0;
}

/** Where the text names a person, as [start, end) spans; empty when it names no one. */
export function findNames(text: string, data: NameData = NAME_DATA): Array<[number, number]> {
  // Words inside e-mail addresses and links are the e-mail finding's (or nobody's) business.
  const prose = !/@|\bat\b|:\/\//iu.test(text)
    ? text
    : text.replace(/\S+@\S+|\S+\s?[([{]at[)\]}]\s?\S+|https?:\/\/\S+/giu, (m) => " ".repeat(m.length));
  const cs = wordsOf(prose).map((w) => classify(w, data));
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < cs.length; i++) {
    const evidence = nameAt(i, cs, prose);
    if (evidence === 0) continue;
    if (evidence < 0) {
      i += -evidence - 1;
      continue;
    }
    const length = evidence;
    const first = cs[i]!.word;
    const last = cs[i + length - 1]!.word;
    const next = cs[i + length];
    const namedAfter =
      /s$/u.test(last.text) &&
      next !== undefined &&
      !next.word.capitalised &&
      NAMED_AFTER_SOMEONE.test(next.word.lower);
    // The few words before are enough for these checks; the whole text before would make them quadratic.
    const before = prose.slice(Math.max(0, first.start - 40), first.start);
    if (!namedAfter && !SAINT_BEFORE.test(before) && !NAMED_PLACE_BEFORE.test(before))
      spans.push([first.start, last.end]);
    i += length - 1;
  }
  return spans;
}

/** Initials named as such ("eleven med initialerna A.S.", "initials: J.K."): they stand for one person. */
const NAMED_INITIALS = /(?<!\p{L})(?:initialerna|initialer|initials)\s*:?\s*\p{Lu}\.\s?(?:\p{Lu}\.?)+/u;

export function containsName(text: string): boolean {
  return NAMED_INITIALS.test(text) || findNames(text).length > 0;
}
