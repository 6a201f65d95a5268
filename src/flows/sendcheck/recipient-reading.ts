import type { LexiconIndex, Mention } from "./mentions.js";
import type { Token } from "./words.js";

/**
 * Who the question sends to. A recipient word's role comes from the small
 * words before it in its clause:
 * - after "till", "med", "to", or a verb such as "mejla"/"ringa": the recipient (strong);
 * - after "om", "about", "från", "from", "som": what or whom it is about, or who sends (not a recipient);
 * - after "på", "hos", "at" following another recipient word: where that recipient
 *   works ("en kollega på Försäkringskassan" is Försäkringskassan);
 * - after "hans", "hennes", "brukarens": someone else's colleague or boss is an outsider;
 * - otherwise a weak reading, used only when no strong one is found.
 * A word in the genitive ("brukarens") names whose data it is, never the recipient.
 */

/** "owner": "adressen till en person" is either whose address or who gets it; the latter only when nobody else is named. */
type Role = "strong" | "weak" | "excluded" | "workplace" | "owner";

interface Reading {
  mention: Mention;
  kind: string;
  role: Role;
}

export interface RecipientReading {
  kinds: { kind: string; terms: string[] }[];
  /** Token positions read as the recipient, so they are not read again as information. */
  consumed: number[];
}

/** Someone else's colleague or manager is not the asker's. */
const OWNED: Record<string, string> = { colleague: "private_person", manager: "employer" };

function has(index: LexiconIndex, cue: string, word: string): boolean {
  return index.cues.get(cue)?.has(word) ?? false;
}

const CONVERSATIONS = new Set(["teams_meeting", "teams_chat", "phone"]);

/** "prata med", "möte med", "chatta med": here "med" names who takes part. */
function isConversationWith(index: LexiconIndex, tokens: Token[], mentions: Mention[], i: number): boolean {
  const word = tokens[i]!.text;
  if (word !== "med" && word !== "with") return false;
  const previous = tokens[i - 1]?.text ?? "";
  // A meeting, a call or a chat "med" someone; an e-mail or a letter "med" something is its content.
  const afterChannel = mentions.some(
    (m) => m.end === i && m.category.endsWith("hannels") && CONVERSATIONS.has(m.value),
  );
  return afterChannel || has(index, "conversationVerbs", previous);
}

/** "till Anna på Försäkringskassan", "ringa nån på skolan": an unknown person, then where they work. */
function markedBeforeUnknown(index: LexiconIndex, tokens: Token[], mentions: Mention[], at: number): boolean {
  let unknown = 0;
  for (let i = at - 1, skipped = 0; i >= 0 && skipped <= 2; i--, skipped++) {
    const word = tokens[i]!.text;
    if (tokens[i]!.clause !== tokens[at]!.clause) return false;
    if (has(index, "recipientMarkers", word)) return unknown > 0;
    if (mentions.some((m) => m.start <= i && i < m.end)) return false;
    if (!has(index, "fillers", word) || has(index, "personPlaceholders", word)) unknown++;
  }
  return false;
}

/** "till Kronofogdens funktionsadress", "till skolans mejl": the owner of the address gets it. */
function ownsTheAddress(index: LexiconIndex, tokens: Token[], mentions: Mention[], m: Mention): boolean {
  const next = tokens[m.end]?.text ?? "";
  const channelNext = mentions.some(
    (o) => o.start === m.end && (o.category === "channels" || o.category === "weakChannels"),
  );
  return channelNext || has(index, "ownedDetails", next) || /adress|brevlåd|address|mailbox/.test(next);
}

function roleOf(
  index: LexiconIndex,
  tokens: Token[],
  mentions: Mention[],
  m: Mention,
): { role: Role; owned: boolean; at: number } {
  let owned = false;
  let skipped = 0;
  for (let i = m.start - 1; i >= 0 && skipped <= 3; i--) {
    const token = tokens[i]!;
    if (token.clause !== m.clause) break;
    const word = token.text;
    const genitive = mentions.some((o) => o.start === i && o.genitive) || token.possessive;
    if (has(index, "thirdPartyPossessives", word) || genitive) {
      owned = true;
    } else if (has(index, "recipientMarkers", word) || isConversationWith(index, tokens, mentions, i)) {
      if (has(index, "ownedDetails", tokens[i - 1]?.text ?? ""))
        return { role: "owner" as Role, owned, at: i };
      // "en granne till brukaren", "mamman till eleven": whose neighbour or mother, not a second recipient.
      const before = mentions.find((o) => o.end === i && o.category === "recipients");
      if (word === "till" && before && roleOf(index, tokens, mentions, before).role === "strong")
        return { role: "excluded" as Role, owned, at: i };
      return { role: "strong" as Role, owned, at: i };
    } else if (has(index, "topicMarkers", word) || has(index, "sourceMarkers", word)) {
      return { role: "excluded" as Role, owned, at: i };
    } else if (has(index, "workplaceMarkers", word)) {
      // "namnet på eleven": the pupil's name.
      const detail = tokens[i - 1]?.text ?? "";
      if (has(index, "ownedDetails", detail) || /^namn/.test(detail))
        return { role: "excluded" as Role, owned, at: i };
      return { role: "workplace" as Role, owned, at: i };
    } else if (!has(index, "fillers", word)) {
      break;
    }
    skipped++;
  }
  return { role: "weak" as Role, owned, at: -1 };
}

export function readRecipient(index: LexiconIndex, tokens: Token[], mentions: Mention[]): RecipientReading {
  const readings: Reading[] = [];
  for (const m of mentions) {
    if (m.category !== "recipients" && m.category !== "strongOnlyRecipients") continue;
    const reading = roleOf(index, tokens, mentions, m);
    if (m.genitive && !(reading.role === "strong" && ownsTheAddress(index, tokens, mentions, m))) continue;
    const { owned, at } = reading;
    let { role } = reading;
    const kind = owned ? (OWNED[m.value] ?? m.value) : m.value;
    if (m.category === "strongOnlyRecipients") {
      // "henne" is the person only as the object of a send ("ringa henne"), never "hennes"/"her mother".
      const next = mentions.find((o) => o.start === m.end && o.category !== "strongOnlyRecipients");
      if (role !== "strong" || tokens[m.start]!.text !== m.term || next) continue;
    }
    if (role === "workplace") {
      const employer = [...readings].reverse().find((r) => r.role !== "excluded" && r.mention.end <= at);
      const between = employer ? tokens.slice(employer.mention.end, at) : [];
      if (employer && between.every((t) => has(index, "fillers", t.text))) {
        readings.splice(readings.indexOf(employer), 1, { mention: m, kind, role: employer.role });
        continue;
      }
      // "jag jobbar på skolan": where the asker works, not a recipient.
      if (!markedBeforeUnknown(index, tokens, mentions, at)) continue;
      role = "strong";
    }
    readings.push({ mention: m, kind, role });
  }
  const marked = readings.filter((r) => r.role === "strong");
  const strong = marked.length ? marked : readings.filter((r) => r.role === "owner");
  const chosen = strong.length ? strong : readings.filter((r) => r.role === "weak");
  const kinds = new Map<string, string[]>();
  for (const r of chosen) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), r.mention.term]);
  return {
    kinds: [...kinds].map(([kind, terms]) => ({ kind, terms })),
    consumed: strong.flatMap((r) => range(r.mention.start, r.mention.end)),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
