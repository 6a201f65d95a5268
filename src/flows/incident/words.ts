/**
 * Word matching for reading what a person wrote, in Swedish or English,
 * tolerant of case, punctuation and a slip of the finger: a long stem also
 * matches a word one letter off (a letter missing, extra, wrong or two
 * swapped), so "jornaler" still reads as "journaler". No external service.
 */

/** Lower-case words without markup or punctuation; hyphens inside words stay ("e-post"). */
export function wordsOf(text: string): string[] {
  return (
    text
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .toLowerCase()
      // "kl. 14.30" is a time of day, not two numbers.
      .replace(/(\d)\.(\d)/g, "$1:$2")
      .replace(/[^\p{L}\p{N}\-:/]+/gu, " ")
      .split(" ")
      .map((w) => w.replace(/^[-:/]+|[-:/]+$/g, ""))
      .filter(Boolean)
  );
}

/** Optimal string alignment distance, stopping early once it is over `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Stems this long or longer also match with one slip; shorter ones must be exact. */
const FUZZY_FROM = 6;

/** Swedish joins words: "kallelsebrev" is a letter, "tjänstetelefon" a phone. The head starts this far in or later. */
const COMPOUND_HEAD_FROM = 3;
const COMPOUND_STEM_MIN = 4;

/**
 * A word begins with the stem (or, for a long stem, nearly does), or ends a
 * compound with it. `=word` demands the whole word.
 */
export function matchesStem(word: string, stem: string): boolean {
  if (stem.startsWith("=")) return word === stem.slice(1);
  if (word.startsWith(stem)) return true;
  if (stem.length >= COMPOUND_STEM_MIN && word.indexOf(stem, COMPOUND_HEAD_FROM) >= 0) return true;
  if (stem.length < FUZZY_FROM) return false;
  for (const length of [stem.length - 1, stem.length, stem.length + 1])
    if (length <= word.length && distance(word.slice(0, length), stem, 1) <= 1) return true;
  return false;
}

/**
 * A text as words, with questions about them. Phrases ("fel person") match
 * consecutive words, each word by its stem.
 */
export class Words {
  readonly words: string[];

  constructor(text: string) {
    this.words = wordsOf(text);
  }

  /** Index of the first place the phrase starts, or -1. */
  find(phrase: string, from = 0): number {
    const parts = phrase.split(" ");
    for (let i = from; i + parts.length <= this.words.length; i++)
      if (parts.every((p, k) => matchesStem(this.words[i + k]!, p))) return i;
    return -1;
  }

  has(...phrases: string[]): boolean {
    return phrases.some((p) => this.find(p) >= 0);
  }

  /** Some phrase of `first` and some phrase of `then` both occur, `then` within `within` words after `first`. */
  near(first: readonly string[], then: readonly string[], within: number): boolean {
    for (const a of first) {
      for (let i = this.find(a); i >= 0; i = this.find(a, i + 1)) {
        const end = i + a.split(" ").length;
        for (const b of then) {
          const j = this.find(b, end);
          if (j >= 0 && j - end <= within) return true;
        }
      }
    }
    return false;
  }
}
