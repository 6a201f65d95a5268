import path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../../json-file.js";
import { ROOT } from "../../paths.js";
import { CHANNELS, CIRCUMSTANCES, INFORMATION, RECIPIENTS } from "./answers.js";

/**
 * The words the send check reads, as data: which words name a kind of
 * information, a channel, a recipient, or a circumstance, and the small words
 * that change what the others mean (negation, "till", "om", "från" …).
 * A municipality adds its own words with SEND_LEXICON_FILE: every list there is
 * added to the baseline's, and new recipient kinds map to a rule-table class.
 */

/** "Encrypted e-mail" is SDK to an organisation and secure messaging to a person: resolved once the recipient is known. */
export const READ_CHANNELS = [...CHANNELS, "encrypted_email"] as const;
export type ReadChannel = (typeof READ_CHANNELS)[number];

const Term = z.string().trim().min(1).max(80);
const Terms = z.array(Term);
const KindId = z.string().regex(/^[a-z0-9_]{1,40}$/, "a kind id: a-z, 0-9 and _");
const Localized = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();

const KindSchema = z
  .object({ class: z.enum(RECIPIENTS), label: Localized, person: z.boolean().default(false) })
  .strict();
export type RecipientKind = z.infer<typeof KindSchema>;

const CUES = [
  "negation",
  "negationFillers",
  "recipientMarkers",
  "topicMarkers",
  "sourceMarkers",
  "workplaceMarkers",
  "thirdPartyPossessives",
  "clauseBreaks",
  "fillers",
  "bulk",
  "conversationVerbs",
  "routeMarkers",
  "ownedDetails",
  "contentMarkers",
  "askerPronouns",
  "personPlaceholders",
] as const;
export type Cue = (typeof CUES)[number];

const sections = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(keys), Terms).default({});

const LexiconFields = {
  version: z.string().min(1),
  information: sections(INFORMATION),
  /** Kinds of document that usually hold this information, unless the question says they hold none (a schedule). */
  weakInformation: sections(INFORMATION),
  /** People whose data a question is about ("klienten"): what it reveals when no other word says (a client of social services is secret). */
  impliedInformation: sections(INFORMATION),
  channels: sections(READ_CHANNELS),
  weakChannels: sections(READ_CHANNELS),
  recipients: z.record(KindId, Terms).default({}),
  strongOnlyRecipients: z.record(KindId, Terms).default({}),
  circumstances: sections(CIRCUMSTANCES),
  whenNegated: z
    .object({
      information: z.record(Term, z.enum(INFORMATION)).default({}),
      circumstances: z.record(Term, z.enum(CIRCUMSTANCES)).default({}),
    })
    .strict()
    .default({ information: {}, circumstances: {} }),
  cues: sections(CUES),
  spelling: z.record(Term, Terms).default({}),
  /**
   * Who a channel reaches when the question names nobody: a Teams chat is the
   * municipality's internal tool, so a colleague (never looser than another
   * internal recipient, and shown so the person can correct it).
   */
  impliedRecipients: z.partialRecord(z.enum(CHANNELS), KindId).default({}),
  /** Words that are never the last part of a compound (verbs, short words: folkbokfö|ringen is not "ringa"). */
  notCompoundHeads: Terms.default([]),
  /** Words that are never split at all (person is not per|son). */
  wholeWords: Terms.default([]),
  kinds: z.record(KindId, KindSchema).default({}),
};
export const LexiconFileSchema = z.object(LexiconFields).strict();
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

const KindsFileSchema = z
  .object({ version: z.string().min(1), kinds: z.record(KindId, KindSchema) })
  .strict();

export const BASELINE_LEXICON_FILE = path.join(ROOT, "rules", "sendcheck-lexicon.json");
export const BASELINE_KINDS_FILE = path.join(ROOT, "rules", "sendcheck-recipients.json");

/** A lexicon that cannot be used; the message names the file and the entry. */
export class LexiconError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LexiconError";
  }
}

function mergeLists<T extends Partial<Record<string, string[]>>>(a: T, b: T): T {
  const out: Record<string, string[]> = { ...(a as Record<string, string[]>) };
  for (const [k, v] of Object.entries(b as Record<string, string[]>)) out[k] = [...(out[k] ?? []), ...v];
  return out as T;
}

/** The municipality's words are added to the baseline's; its kinds are added or replace by id. */
export function mergeLexicons(base: LexiconFile, extra: LexiconFile): LexiconFile {
  return {
    version: `${base.version}+${extra.version}`,
    information: mergeLists(base.information, extra.information),
    weakInformation: mergeLists(base.weakInformation, extra.weakInformation),
    impliedInformation: mergeLists(base.impliedInformation, extra.impliedInformation),
    channels: mergeLists(base.channels, extra.channels),
    weakChannels: mergeLists(base.weakChannels, extra.weakChannels),
    recipients: mergeLists(base.recipients, extra.recipients),
    strongOnlyRecipients: mergeLists(base.strongOnlyRecipients, extra.strongOnlyRecipients),
    circumstances: mergeLists(base.circumstances, extra.circumstances),
    whenNegated: {
      information: { ...base.whenNegated.information, ...extra.whenNegated.information },
      circumstances: { ...base.whenNegated.circumstances, ...extra.whenNegated.circumstances },
    },
    cues: mergeLists(base.cues, extra.cues),
    spelling: mergeLists(base.spelling, extra.spelling),
    impliedRecipients: { ...base.impliedRecipients, ...extra.impliedRecipients },
    notCompoundHeads: [...base.notCompoundHeads, ...extra.notCompoundHeads],
    wholeWords: [...base.wholeWords, ...extra.wholeWords],
    kinds: { ...base.kinds, ...extra.kinds },
  };
}

/** Every recipient word must name a kind that maps to a class, and no word may mean two things in one list. */
function checkLexicon(lexicon: LexiconFile): void {
  for (const [channel, kind] of Object.entries(lexicon.impliedRecipients))
    if (!lexicon.kinds[kind!])
      throw new LexiconError(`impliedRecipients.${channel}: no such recipient kind "${kind}"`);
  for (const section of ["recipients", "strongOnlyRecipients"] as const)
    for (const kind of Object.keys(lexicon[section]))
      if (!lexicon.kinds[kind])
        throw new LexiconError(`${section}.${kind}: no such recipient kind (add it under "kinds")`);
  for (const section of ["information", "channels", "recipients", "circumstances"] as const) {
    const seen = new Map<string, string>();
    for (const [value, terms] of Object.entries(lexicon[section] as Record<string, string[]>))
      for (const term of terms) {
        const other = seen.get(term.toLowerCase());
        if (other && other !== value)
          throw new LexiconError(`${section}: "${term}" is listed for both ${other} and ${value}`);
        seen.set(term.toLowerCase(), value);
      }
  }
}

function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof LexiconError) throw new LexiconError(`${file}: ${err.message}`);
    throw err;
  }
}

/**
 * The effective lexicon: the baseline words and recipient kinds, plus the
 * municipality's file when one is configured. Throws naming the file and the
 * entry when a file is broken, so a mistake stops the start.
 */
export function loadLexicon(options: { overrideFile?: string } = {}): LexiconFile {
  const words = readJsonFile(BASELINE_LEXICON_FILE, LexiconFileSchema);
  const kinds = readJsonFile(BASELINE_KINDS_FILE, KindsFileSchema);
  const baseline: LexiconFile = { ...words, kinds: { ...kinds.kinds, ...words.kinds } };
  inFile(BASELINE_LEXICON_FILE, () => checkLexicon(baseline));
  const file = options.overrideFile;
  if (!file) return baseline;
  const merged = mergeLexicons(baseline, readJsonFile(file, LexiconFileSchema));
  inFile(file, () => checkLexicon(merged));
  return merged;
}
