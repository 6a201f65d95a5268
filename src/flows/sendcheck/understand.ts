import { containsPersonalNumber } from "../../privacy/personal-number.js";
import {
  type Channel,
  type Circumstance,
  type Information,
  PROTECTED_LEVELS,
  type Recipient,
} from "./answers.js";
import type { LexiconIndex, Mention } from "./mentions.js";
import { findMentions } from "./mentions.js";
import { readRecipient } from "./recipient-reading.js";
import { type Token, tokenise } from "./words.js";

/**
 * understand(text, lexicon) → the three facts of a send question, what is
 * missing, what conflicts, and the words each fact was read from. Pure: the
 * text is read in the turn and never kept.
 *
 * Careful when unsure: a fact with no evidence is missing; two different
 * channels or recipient classes are a conflict (asked, never guessed); of
 * several kinds of information the strictest wins; circumstances ("from my
 * private phone", "unencrypted") can only make the answer stricter.
 */

export const FACTS = ["information", "recipient", "channel"] as const;
export type Fact = (typeof FACTS)[number];

export interface Facts {
  information?: Information;
  recipient?: Recipient;
  /** The specific recipient named (relative, police …), mapped to `recipient` by the kinds file. */
  recipientKind?: string;
  channel?: Channel;
  circumstances: Circumstance[];
}

export interface Evidence {
  fact: Fact | "circumstance";
  value: string;
  /** The lexicon terms it was read from. */
  terms: string[];
}

export interface Understood {
  facts: Facts;
  missing: Fact[];
  conflicts: { fact: Fact; values: string[] }[];
  evidence: Evidence[];
}

/** Least to most strict; protected levels are resolved separately (two named levels = level unknown). */
const INFORMATION_SEVERITY: Information[] = ["none", "ordinary", "personnummer", "sensitive"];

function cue(index: LexiconIndex, name: string, word: string | undefined): boolean {
  return word !== undefined && (index.cues.get(name)?.has(word) ?? false);
}

/**
 * A word is negated by a negation word right before it in its clause, with at
 * most a few small words between ("inga känsliga uppgifter", "utan kryptering",
 * "not encrypted"). "Inte bara mejla" does not negate "mejla": only small words
 * may stand between. In "inte A utan B", "utan" ends the negation of A.
 */
function isNegated(index: LexiconIndex, tokens: Token[], start: number, clause: number): boolean {
  let skipped = 0;
  for (let i = start - 1; i >= 0 && skipped <= 3; i--) {
    const token = tokens[i]!;
    if (token.clause !== clause) return false;
    if (cue(index, "negation", token.text)) {
      if (token.text !== "utan") return true;
      const earlier = tokens.slice(0, i).filter((t) => t.clause === clause);
      return !earlier.some((t) => t.text !== "utan" && cue(index, "negation", t.text));
    }
    if (!cue(index, "negationFillers", token.text) && !cue(index, "fillers", token.text)) return false;
    skipped++;
  }
  return false;
}

function readInformation(
  index: LexiconIndex,
  tokens: Token[],
  mentions: Mention[],
  text: string,
  evidence: Evidence[],
): Information | undefined {
  const found = new Map<Information, string[]>();
  const add = (value: Information, term: string) => found.set(value, [...(found.get(value) ?? []), term]);
  for (const m of mentions) {
    if (m.category !== "information") continue;
    if (isNegated(index, tokens, m.start, m.clause)) {
      const instead = index.lexicon.whenNegated.information[m.term];
      if (instead) add(instead, `¬${m.term}`);
      continue;
    }
    const bulk =
      m.value === "personnummer" &&
      tokens.some((t) => t.clause === m.clause && cue(index, "bulk", t.text));
    add(bulk ? "sensitive" : (m.value as Information), m.term);
  }
  if (containsPersonalNumber(text)) add("personnummer", "#");
  if (found.size === 0) return undefined;

  const levels = PROTECTED_LEVELS.filter((l) => found.has(l));
  const value: Information =
    levels.length === 1
      ? levels[0]!
      : levels.length > 1 || found.has("protected_unknown")
        ? "protected_unknown"
        : INFORMATION_SEVERITY.filter((i) => found.has(i)).at(-1)!;
  evidence.push({ fact: "information", value, terms: [...found.values()].flat() });
  return value;
}

/** Two channels of which one is the device or the tool the other runs on resolve to the more specific one. */
function readChannel(
  index: LexiconIndex,
  tokens: Token[],
  mentions: Mention[],
  circumstances: Set<Circumstance>,
): Map<string, string[]> {
  const strong = new Map<string, string[]>();
  const weak = new Map<string, string[]>();
  for (const m of mentions) {
    if (m.category !== "channels" && m.category !== "weakChannels") continue;
    const into = m.category === "channels" ? strong : weak;
    if (isNegated(index, tokens, m.start, m.clause)) {
      // "inte krypterad e-post" is ordinary e-mail, unencrypted.
      if (m.value !== "encrypted_email") continue;
      circumstances.add("unencrypted");
      into.set("email", [...(into.get("email") ?? []), `¬${m.term}`]);
      continue;
    }
    into.set(m.value, [...(into.get(m.value) ?? []), m.term]);
  }
  return strong.size ? strong : weak;
}

function readCircumstances(index: LexiconIndex, tokens: Token[], mentions: Mention[]): Set<Circumstance> {
  const found = new Set<Circumstance>();
  for (const m of mentions) {
    if (m.category === "circumstances" && !isNegated(index, tokens, m.start, m.clause)) found.add(m.value as Circumstance);
  }
  // "inte krypterat", "utan kryptering": words that say nothing alone, and something when negated.
  tokens.forEach((t, at) => {
    const instead = index.lexicon.whenNegated.circumstances[t.text];
    if (instead && isNegated(index, tokens, at, t.clause)) found.add(instead);
  });
  return found;
}

export function understand(text: string, index: LexiconIndex): Understood {
  const tokens = tokenise(text, index.spelling);
  const mentions = findMentions(index, tokens);
  const evidence: Evidence[] = [];
  const facts: Facts = { circumstances: [] };
  const conflicts: Understood["conflicts"] = [];

  const recipient = readRecipient(index, tokens, mentions);
  const strongRecipientTokens = new Set(recipient.consumed);
  const information = readInformation(
    index,
    tokens,
    // A word read as the recipient ("till elevhälsan") is not also what is sent.
    mentions.filter((m) => !(m.category === "information" && strongRecipientTokens.has(m.start))),
    text,
    evidence,
  );
  if (information) facts.information = information;

  if (recipient.kinds.length === 1) {
    const [kind] = recipient.kinds;
    facts.recipient = index.lexicon.kinds[kind!.kind]!.class;
    facts.recipientKind = kind!.kind;
    evidence.push({ fact: "recipient", value: kind!.kind, terms: kind!.terms });
  } else if (recipient.kinds.length > 1) {
    const classes = [...new Set(recipient.kinds.map((k) => index.lexicon.kinds[k.kind]!.class))];
    if (classes.length === 1) {
      facts.recipient = classes[0];
      facts.recipientKind = recipient.kinds[0]!.kind;
    } else conflicts.push({ fact: "recipient", values: classes });
    for (const k of recipient.kinds) evidence.push({ fact: "recipient", value: k.kind, terms: k.terms });
  }

  const circumstances = readCircumstances(index, tokens, mentions);
  const channels = readChannel(index, tokens, mentions, circumstances);
  for (const [value, terms] of channels) evidence.push({ fact: "channel", value, terms });
  const channel = resolveChannel([...channels.keys()], facts, index);
  if (channel.value) facts.channel = channel.value;
  else if (channel.conflict) conflicts.push({ fact: "channel", values: channel.conflict });

  facts.circumstances = [...circumstances].sort();
  for (const c of facts.circumstances) evidence.push({ fact: "circumstance", value: c, terms: [] });
  const missing = (["information", "recipient", "channel"] as const).filter(
    (f) => facts[f] === undefined && !conflicts.some((c) => c.fact === f),
  );
  return { facts, missing, conflicts, evidence };
}

/**
 * "Encrypted e-mail" is SDK between organisations and secure messaging to a
 * person; with the recipient unknown it stays a question. A Teams chat word
 * next to a meeting word is the meeting.
 */
function resolveChannel(
  values: string[],
  facts: Facts,
  index: LexiconIndex,
): { value?: Channel; conflict?: string[] } {
  const set = new Set(values);
  if (set.has("teams_meeting")) set.delete("teams_chat");
  if (set.has("encrypted_email")) {
    set.delete("email");
    if (set.has("sdk") || set.has("secure_messaging")) set.delete("encrypted_email");
  }
  if (set.size > 1) return { conflict: [...set] };
  const [only] = set;
  if (only !== "encrypted_email") return only ? { value: only as Channel } : {};
  if (!facts.recipientKind) return { conflict: ["sdk", "secure_messaging"] };
  return { value: index.lexicon.kinds[facts.recipientKind]!.person ? "secure_messaging" : "sdk" };
}
