import { stemmer } from "@orama/stemmers/swedish";

/**
 * The word-level reading of a question: tokens as written, normalised, and
 * the forms a token can be compared by. Swedish inflection is handled by the
 * Snowball stemmer; it keeps the neuter and -n definite endings (brevet,
 * beslutet, skolan), so those forms are also tried with the ending removed.
 */

export interface Token {
  /** Lower case, as written (after the spelling variants are replaced). */
  text: string;
  /** Index of the clause the token belongs to (split at punctuation). */
  clause: number;
  /** Written with an English possessive ('s): it names an owner, not a recipient. */
  possessive: boolean;
}

/** Endings the Snowball algorithm leaves on purpose (definite -et/-n/-t); tried as a second reading. */
const DEFINITE_ENDINGS = ["et", "n", "t"];

/** å/ä/ö written as a/a/o (keyboards, phones): compared only on longer words, where it cannot collide. */
export function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

export function stem(word: string): string {
  return stemmer(word);
}

/** Every form a token is compared by, most exact first. */
export function formsOf(word: string): string[] {
  const forms = new Set([word, stem(word)]);
  for (const ending of DEFINITE_ENDINGS) {
    if (word.length - ending.length >= 3 && word.endsWith(ending)) {
      const bare = word.slice(0, -ending.length);
      forms.add(bare);
      forms.add(stem(bare));
      // programmet → program: the consonant doubles before the ending.
      if (/(.)\1$/.test(bare)) forms.add(bare.slice(0, -1));
    }
  }
  return [...forms];
}

/**
 * Splits text into lower-case word tokens with their clause. Hyphens separate
 * words (LVM-utredningen → lvm, utredningen) except after a single letter
 * (e-post, e-tjänst); "sms:a" and "client's" keep their letters; digits are
 * dropped (a number in the text is never a word the lexicon knows).
 */
export function tokenise(text: string, spelling: ReadonlyMap<string, string> = new Map()): Token[] {
  const tokens: Token[] = [];
  const clauses = text
    .toLowerCase()
    .replace(/[\u2019']s(?![\p{L}])/gu, "\uE000")
    .replace(/(?<!\p{L})(\p{L})-(?=\p{L}{2})/gu, "$1")
    .replace(/(\p{L}):(\p{L})/gu, "$1$2")
    .split(/[.,;:!?()[\]{}"”“«»\n]+/u);
  clauses.forEach((clause, index) => {
    for (const written of clause.split(/[^\p{L}\uE000]+/u)) {
      const raw = written.replace(/\uE000/g, "");
      if (!raw) continue;
      const text = spelling.get(raw) ?? raw;
      tokens.push({ text, clause: index, possessive: written.includes("\uE000") });
    }
  });
  return tokens;
}

/** At most one typo: a letter changed, added, dropped, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (a.length === b.length) {
    if (restA === restB) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
