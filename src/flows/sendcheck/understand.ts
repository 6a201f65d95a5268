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
  const weak = new Map<Information, string[]>();
  for (const m of mentions) {
    if (m.category === "weakInformation") {
      if (!isNegated(index, tokens, m.start, m.clause))
        weak.set(m.value as Information, [...(weak.get(m.value as Information) ?? []), m.term]);
      continue;
    }
    if (m.category !== "information") continue;
    if (isNegated(index, tokens, m.start, m.clause)) {
      const instead = index.lexicon.whenNegated.information[m.term];
      if (instead) add(instead, `¬${m.term}`);
      continue;
    }
    const bulk =
      m.value === "personnummer" && tokens.some((t) => t.clause === m.clause && cue(index, "bulk", t.text));
    add(bulk ? "sensitive" : (m.value as Information), m.term);
  }
  if (containsPersonalNumber(text)) add("personnummer", "#");
  // A schedule or a photo usually holds personal data; "utan personuppgifter" says this one does not.
  if (!found.has("none")) for (const [value, terms] of weak) for (const term of terms) add(value, term);
  // Nothing says what is sent, but the question is about a client or a pupil: what that alone reveals.
  if (found.size === 0)
    for (const m of mentions)
      if (m.category === "impliedInformation") add(m.value as Information, `(${m.term})`);
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

/**
 * The channel words that say how the message goes: not those after "om"/"about"
 * (a reminder about the meeting) or inside what is said ("att mötet är flyttat").
 * A word that says how ("via Kivra", "med SDK") wins over another channel word
 * that names the document ("ett brev via digital brevlåda").
 */
function readChannel(
  index: LexiconIndex,
  tokens: Token[],
  mentions: Mention[],
  circumstances: Set<Circumstance>,
  content: (at: number) => boolean,
): Map<string, string[]> {
  const strong = new Map<string, string[]>();
  const weak = new Map<string, string[]>();
  const routed = new Set<string>();
  for (const m of mentions) {
    if (m.category !== "channels" && m.category !== "weakChannels") continue;
    if (content(m.start) || before(index, tokens, m, "topicMarkers")) continue;
    const into = m.category === "channels" ? strong : weak;
    let value = m.value;
    if (isNegated(index, tokens, m.start, m.clause)) {
      // "inte krypterad e-post" is ordinary e-mail, unencrypted.
      if (value !== "encrypted_email") continue;
      circumstances.add("unencrypted");
      value = "email";
    }
    if (before(index, tokens, m, "routeMarkers")) routed.add(value);
    into.set(value, [...(into.get(value) ?? []), m.term]);
  }
  const found = strong.size ? strong : weak;
  // "om mejlet är krypterat": e-mail said to be encrypted is encrypted e-mail.
  const encrypted = tokens.some(
    (t, at) =>
      index.lexicon.whenNegated.circumstances[t.text] === "unencrypted" &&
      !isNegated(index, tokens, at, t.clause),
  );
  if (encrypted && found.has("email") && !circumstances.has("unencrypted")) {
    found.set("encrypted_email", found.get("email")!);
    found.delete("email");
  }
  const routedFound = [...routed].filter((v) => found.has(v));
  if (found.size > 1 && routedFound.length === 1)
    return new Map([[routedFound[0]!, found.get(routedFound[0]!)!]]);
  return found;
}

/** The nearest word before a mention, skipping small words, is one of the cue's words. */
function before(index: LexiconIndex, tokens: Token[], m: Mention, name: string): boolean {
  for (let i = m.start - 1, skipped = 0; i >= 0 && skipped <= 2; i--, skipped++) {
    const token = tokens[i]!;
    if (token.clause !== m.clause) return false;
    if (cue(index, name, token.text)) return true;
    if (!cue(index, "fillers", token.text)) return false;
  }
  return false;
}

/**
 * "sms:a en kollega att hon ska ringa brukaren": after the send is named, an
 * "att"/"that" starts what is said; its channel and recipient words are content.
 */
function contentOf(index: LexiconIndex, tokens: Token[], mentions: Mention[]): (at: number) => boolean {
  const starts = new Map<number, number>();
  tokens.forEach((t, at) => {
    if (starts.has(t.clause) || !cue(index, "contentMarkers", t.text)) return;
    const sendNamed = mentions.some(
      (m) =>
        m.clause === t.clause &&
        m.end <= at &&
        (m.category === "channels" || m.category === "recipients" || m.category === "weakChannels"),
    );
    // "för att skicka", "att jag mejlar": the send itself goes on; "att hon ska …", "att mötet är …" is what is said.
    const next = tokens[at + 1];
    const sendGoesOn =
      next !== undefined &&
      (cue(index, "askerPronouns", next.text) ||
        cue(index, "recipientMarkers", next.text) ||
        mentions.some((m) => m.start === at + 1 && m.category.endsWith("hannels")));
    if (sendNamed && !sendGoesOn) starts.set(t.clause, at);
  });
  return (at) => {
    const start = starts.get(tokens[at]!.clause);
    return start !== undefined && at > start;
  };
}

function readCircumstances(index: LexiconIndex, tokens: Token[], mentions: Mention[]): Set<Circumstance> {
  const found = new Set<Circumstance>();
  for (const m of mentions) {
    if (m.category === "circumstances" && !isNegated(index, tokens, m.start, m.clause))
      found.add(m.value as Circumstance);
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

  const content = contentOf(index, tokens, mentions);
  const recipient = readRecipient(
    index,
    tokens,
    mentions.filter((m) => !content(m.start)),
  );
  const strongRecipientTokens = new Set(recipient.consumed);
  const information = readInformation(
    index,
    tokens,
    // A word read as the recipient ("till elevhälsan") is not also what is sent.
    mentions.filter(
      (m) =>
        !(
          m.category.endsWith("nformation") &&
          m.category !== "impliedInformation" &&
          strongRecipientTokens.has(m.start)
        ),
    ),
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
  const channels = readChannel(index, tokens, mentions, circumstances, content);
  for (const [value, terms] of channels) evidence.push({ fact: "channel", value, terms });
  const channel = resolveChannel([...channels.keys()], facts, index);
  if (channel.value) facts.channel = channel.value;
  else if (channel.conflict) conflicts.push({ fact: "channel", values: channel.conflict });

  const implied = facts.channel && index.lexicon.impliedRecipients[facts.channel];
  if (implied && !facts.recipient && !conflicts.some((c) => c.fact === "recipient")) {
    facts.recipient = index.lexicon.kinds[implied]!.class;
    facts.recipientKind = implied;
    evidence.push({ fact: "recipient", value: implied, terms: [`(${facts.channel})`] });
  }
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
