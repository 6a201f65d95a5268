import type { LexiconFile } from "./lexicon.js";
import { fold, formsOf, stem, type Token, tokenise, withinOneEdit } from "./words.js";

/**
 * Finds the lexicon's words in a tokenised question: phrases first (they
 * consume their tokens within their category), then whole words by their
 * forms, then compounds split against the lexicon. Matching is whole-word: a
 * word is never found inside another word unless the other word splits into
 * lexicon parts (vård|planen, orosanmälan), and a word the lexicon knows as a
 * whole (journalisten, förvaltningsrätten) is never split.
 */

export type Category =
  | "information"
  | "weakInformation"
  | "impliedInformation"
  | "channels"
  | "weakChannels"
  | "recipients"
  | "strongOnlyRecipients"
  | "circumstances";
const CATEGORIES: Category[] = [
  "information",
  "weakInformation",
  "impliedInformation",
  "channels",
  "weakChannels",
  "recipients",
  "strongOnlyRecipients",
  "circumstances",
];
/** A compound's first part says what the information is (sjuk|intyg, lvm|utredning) but never who or how. */
const MODIFIER_CATEGORIES = new Set<Category>(["information", "weakInformation", "circumstances"]);
const ENTITY_CATEGORIES: Category[] = CATEGORIES.filter((c) => c !== "circumstances");
/** A head a first part nobody knows can sit before: what is sent and how, not who (sök|anden). */
const OPEN_HEAD_CATEGORIES = new Set<Category>([
  "information",
  "weakInformation",
  "channels",
  "weakChannels",
]);

export interface Mention {
  category: Category;
  value: string;
  /** The lexicon term that matched, lower case. */
  term: string;
  start: number;
  end: number;
  clause: number;
  how: "phrase" | "word" | "folded" | "typo" | "compound";
  /** "brukarens", "client's": the word names whose data it is, not a recipient. */
  genitive: boolean;
}

interface Entry {
  category: Category;
  value: string;
  term: string;
  words: string[];
}

export interface LexiconIndex {
  lexicon: LexiconFile;
  spelling: Map<string, string>;
  cues: Map<string, Set<string>>;
  /** Single-word terms by every form (and by their folded form when long enough not to collide). */
  words: Map<string, Entry[]>;
  folded: Map<string, Entry[]>;
  long: Entry[];
  /** Multi-word terms by the stem of their first word, longest first. */
  phrases: Map<string, Entry[]>;
  notHeads: Set<string>;
  whole: Set<string>;
}

const MIN_FOLDED = 5;
const MIN_TYPO = 7;
const MIN_HEAD = 5;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexLexicon(lexicon: LexiconFile): LexiconIndex {
  const spelling = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(lexicon.spelling))
    for (const v of variants) spelling.set(v.toLowerCase(), canonical.toLowerCase());
  const cues = new Map<string, Set<string>>();
  for (const [cue, terms] of Object.entries(lexicon.cues))
    cues.set(cue, new Set(terms.map((t) => t.toLowerCase())));
  const index: LexiconIndex = {
    lexicon,
    spelling,
    cues,
    words: new Map(),
    folded: new Map(),
    long: [],
    phrases: new Map(),
    notHeads: new Set(lexicon.notCompoundHeads.flatMap((w) => [w, stem(w)])),
    whole: new Set(lexicon.wholeWords.flatMap((w) => [w, stem(w)])),
  };
  for (const category of CATEGORIES) {
    for (const [value, terms] of Object.entries(lexicon[category] as Record<string, string[]>)) {
      for (const term of terms) {
        const words = tokenise(term, spelling).map((t) => t.text);
        if (words.length === 0) continue;
        const entry: Entry = { category, value, term: term.toLowerCase(), words };
        if (words.length > 1) {
          push(index.phrases, stem(words[0]!), entry);
          continue;
        }
        const word = words[0]!;
        for (const form of new Set([word, stem(word)])) push(index.words, form, entry);
        if (word.length >= MIN_FOLDED) push(index.folded, fold(stem(word)), entry);
        if (word.length >= MIN_TYPO) index.long.push(entry);
      }
    }
  }
  for (const list of index.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
}

function wordMatches(index: LexiconIndex, word: string): { entries: Entry[]; how: Mention["how"] } {
  // Every category reads the token by its most exact form that it knows.
  const byCategory = new Map<Category, Entry[]>();
  for (const form of formsOf(word))
    for (const entry of index.words.get(form) ?? [])
      if (!byCategory.has(entry.category) || byCategory.get(entry.category)![0]!.words[0] === entry.words[0])
        byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
  if (byCategory.size) return { entries: [...new Set([...byCategory.values()].flat())], how: "word" };
  if (word.length >= MIN_FOLDED) {
    const found = index.folded.get(fold(stem(word)));
    if (found) return { entries: found, how: "folded" };
  }
  if (word.length >= MIN_TYPO) {
    const folded = fold(word);
    // A typo is rarely in the first two letters, and there one letter can flip a meaning (okrypterad).
    const found = index.long.filter((e) => {
      const term = fold(e.words[0]!);
      return term.slice(0, 2) === folded.slice(0, 2) && withinOneEdit(folded, term);
    });
    if (found.length) return { entries: found, how: "typo" };
  }
  return { entries: [], how: "word" };
}

/** A first part as it stands in a compound: hälso- for hälsa, skol- for skola, personnummer|s-. */
function modifierForms(part: string): string[] {
  const forms = [part];
  if (part.endsWith("s") && part.length > 3) forms.push(part.slice(0, -1));
  if (/[oe]$/.test(part)) forms.push(`${part.slice(0, -1)}a`);
  forms.push(`${part}a`);
  return forms;
}

function exactWord(index: LexiconIndex, word: string): Entry[] {
  for (const form of formsOf(word)) {
    const found = index.words.get(form);
    if (found) return found;
  }
  return [];
}

/**
 * Splits a word no list knows as a whole into a known head (and a known first
 * part), longest head first. A short head needs a known first part, so a word
 * that merely ends like a lexicon word (folkbokfö|ring, per|son) is not split.
 */
function compoundMatches(index: LexiconIndex, word: string): Entry[] {
  if (formsOf(word).some((f) => index.whole.has(f))) return [];
  for (let cut = 3; cut <= word.length - 3; cut++) {
    const rest = word.slice(cut);
    if (formsOf(rest).some((f) => index.notHeads.has(f))) continue;
    const known = modifierForms(word.slice(0, cut)).flatMap((f) => exactWord(index, f));
    const head = exactWord(index, rest).filter(
      (e) => known.length > 0 || (rest.length >= MIN_HEAD && OPEN_HEAD_CATEGORIES.has(e.category)),
    );
    if (head.length === 0) continue;
    return [...head, ...known.filter((e) => MODIFIER_CATEGORIES.has(e.category))];
  }
  // No known head: a long known first part still says what the information is (elevhälso|ärendet).
  for (let cut = word.length - 4; cut >= 5; cut--) {
    const modifier = modifierForms(word.slice(0, cut))
      .flatMap((f) => exactWord(index, f))
      .filter((e) => e.category === "information" || e.category === "weakInformation");
    if (modifier.length) return modifier;
  }
  return [];
}

function phraseAt(tokens: Token[], at: number, entry: Entry): boolean {
  if (at + entry.words.length > tokens.length) return false;
  return entry.words.every((w, i) => {
    const token = tokens[at + i]!;
    if (token.clause !== tokens[at]!.clause) return false;
    const target = new Set([w, stem(w)]);
    return formsOf(token.text).some((f) => target.has(f));
  });
}

/** Every lexicon word in the tokens, in order; a token consumed by a phrase is not read again in that category. */
export function findMentions(index: LexiconIndex, tokens: Token[]): Mention[] {
  const mentions: Mention[] = [];
  const consumed = new Set<string>();
  tokens.forEach((token, at) => {
    for (const entry of index.phrases.get(stem(token.text)) ?? []) {
      if (consumed.has(`${entry.category}:${at}`) || !phraseAt(tokens, at, entry)) continue;
      const end = at + entry.words.length;
      // A phrase is one thing ("report of concern", "skyddad folkbokföring"): its words are not read
      // again as something else; a circumstance ("privat mejl") leaves them to the other categories.
      const spans = entry.category === "circumstances" ? [entry.category] : ENTITY_CATEGORIES;
      for (let i = at; i < end; i++) for (const c of spans) consumed.add(`${c}:${i}`);
      const last = tokens[end - 1]!;
      const genitive = last.possessive || isSwedishGenitive(index, last.text, tokens[end - 2]?.text);
      mentions.push({ ...base(entry, at, end, token.clause), how: "phrase", genitive });
    }
  });
  tokens.forEach((token, at) => {
    let { entries, how } = wordMatches(index, token.text);
    if (entries.length === 0) {
      entries = compoundMatches(index, token.text);
      how = "compound";
    }
    const genitive = token.possessive || isSwedishGenitive(index, token.text, tokens[at - 1]?.text);
    for (const entry of entries) {
      if (consumed.has(`${entry.category}:${at}`)) continue;
      mentions.push({ ...base(entry, at, at + 1, token.clause), how, genitive });
    }
  });
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * brukarens, elevens, mammas, "en elevs": a known word with the genitive -s (a
 * word that itself ends in -s is not one). After another ending than -n/-a/-e/-t
 * only after "en"/"ett", so English plurals (lawyers) stay plurals.
 */
function isSwedishGenitive(index: LexiconIndex, word: string, previous?: string): boolean {
  if (!word.endsWith("s") || word.length < 5) return false;
  const bare = word.slice(0, -1);
  if (!/[naet]$/.test(bare) && previous !== "en" && previous !== "ett") return false;
  if (index.words.get(word)?.some((e) => e.term === word)) return false;
  return wordMatches(index, bare).entries.length > 0;
}

function base(entry: Entry, start: number, end: number, clause: number) {
  return { category: entry.category, value: entry.value, term: entry.term, start, end, clause };
}
