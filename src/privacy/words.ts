/**
 * Words of free text with what the privacy rules need to know about each:
 * where it is, whether it starts with a capital letter, and whether that
 * capital could come from the start of a sentence rather than from a name.
 */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** What lies between the previous word and this one ("" for the first word). */
  gap: string;
  capitalised: boolean;
  /** An acronym such as IMY or HVB: never a name. */
  allCaps: boolean;
  /** First word of the text, or after . ! ? : ; a line break, a bullet or an opening bracket or quote. */
  sentenceStart: boolean;
}

/** Letters, optionally joined by hyphens or apostrophes (Anna-Karin, O'Brien, IT-samordnaren). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const SENTENCE_BREAK = /[.!?:;\n•*"“”(«»–—]/;

export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index!;
    const gap = text.slice(previousEnd, start);
    const first = m[0][0]!;
    const previous = words.at(-1);
    // "E. Lund": the full stop after an initial does not start a sentence.
    const afterInitial = previous?.text.length === 1 && /^\.\s*$/.test(gap);
    words.push({
      text: m[0],
      lower: m[0].toLowerCase(),
      start,
      end: start + m[0].length,
      gap,
      capitalised: first !== first.toLowerCase(),
      allCaps: m[0].length > 1 && m[0] === m[0].toUpperCase(),
      sentenceStart: previous === undefined || (gap !== " " && SENTENCE_BREAK.test(gap) && !afterInitial),
    });
    previousEnd = start + m[0].length;
  }
  return words;
}
