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

type Role = "strong" | "weak" | "excluded" | "workplace";

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

function roleOf(index: LexiconIndex, tokens: Token[], mentions: Mention[], m: Mention) {
  let owned = false;
  let skipped = 0;
  for (let i = m.start - 1; i >= 0 && skipped <= 3; i--) {
    const token = tokens[i]!;
    if (token.clause !== m.clause) break;
    const word = token.text;
    const genitive = mentions.some((o) => o.start === i && o.genitive) || token.possessive;
    if (has(index, "thirdPartyPossessives", word) || genitive) {
      owned = true;
    } else if (has(index, "recipientMarkers", word)) {
      return { role: "strong" as Role, owned, at: i };
    } else if (has(index, "topicMarkers", word) || has(index, "sourceMarkers", word)) {
      return { role: "excluded" as Role, owned, at: i };
    } else if (has(index, "workplaceMarkers", word)) {
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
    if (m.genitive) continue;
    const { role, owned, at } = roleOf(index, tokens, mentions, m);
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
      }
      // "jag jobbar på skolan": where the asker works, not a recipient.
      continue;
    }
    readings.push({ mention: m, kind, role });
  }
  const strong = readings.filter((r) => r.role === "strong");
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
