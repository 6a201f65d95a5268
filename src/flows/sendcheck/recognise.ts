import type { Channel, Information, Recipient } from "./answers.js";

/**
 * Reads a free-text question ("får jag mejla personnummer till
 * försäkringskassan?") for words that answer the three questions, in Swedish
 * and English. Word lists, no external service: the text never leaves the turn.
 * For each question the first entry that matches wins, so the lists run from
 * the most specific (or strictest) answer to the most general.
 */
type Patterns<T extends string> = [T, string[]][];

const INFORMATION_WORDS: Patterns<Information> = [
  ["fingerade_personuppgifter", ["fingerad\\p{L}*", "fictitious (?:identit|personal)\\p{L}*"]],
  ["skyddad_folkbokforing", ["skyddad folkbokföring", "protected (?:population )?registration"]],
  ["sekretessmarkering", ["sekretessmarker\\p{L}*", "confidentiality mark\\p{L}*"]],
  [
    "protected_unknown",
    [
      "skyddad\\p{L}* (?:identitet|personuppgift|adress)\\p{L}*",
      "protected (?:identity|identities|personal data|address)",
    ],
  ],
  [
    "sensitive",
    [
      "hälsa\\p{L}*",
      "hälso\\p{L}*",
      "journal\\p{L}*",
      "diagnos\\p{L}*",
      "sjuk\\p{L}*",
      "patient\\p{L}*",
      "socialtjänst\\p{L}*",
      "orosanmälan\\p{L}*",
      "elevhälsa\\p{L}*",
      "sekretess\\p{L}*",
      "känslig\\p{L}*",
      "utredning\\p{L}*",
      "ekonomiskt bistånd",
      "lvu",
      "lss",
      "(?:lista|listor|många|alla) (?:med |på |över )?personnummer",
      "personnummerlist\\p{L}*",
      "health\\p{L}*",
      "medical",
      "diagnos\\p{L}*",
      "social services?",
      "pupil welfare",
      "secre\\p{L}*",
      "sensitive",
      "(?:lists? of|many|all) personal (?:identity )?numbers",
    ],
  ],
  [
    "none",
    [
      "inga personuppgifter",
      "utan personuppgifter",
      "no personal data",
      "without personal data",
      "anonym\\p{L}*",
    ],
  ],
  [
    "ordinary",
    [
      "personnummer\\p{L}*",
      "personuppgift\\p{L}*",
      "namn\\p{L}*",
      "\\p{L}*adress\\p{L}*",
      "telefonnummer\\p{L}*",
      "mobilnummer\\p{L}*",
      "personal (?:identity )?numbers?",
      "personal data",
      "names?",
      "(?:home |e-?mail |postal )?address(?:es)?",
      "phone numbers?",
    ],
  ],
];

const RECIPIENT_WORDS: Patterns<Recipient> = [
  [
    "subject",
    [
      "personen själv",
      "den (?:det|hen|uppgifterna) gäller",
      "den enskild[ae]",
      "brukaren",
      "klienten",
      "the person (?:themselves|concerned|it is about)",
      "the data subject",
      "the client",
      "themselves",
    ],
  ],
  [
    "authority",
    [
      "\\p{L}*myndighet\\p{L}*",
      "försäkringskassan",
      "skatteverket",
      "polis\\p{L}*",
      "arbetsförmedlingen",
      "migrationsverket",
      "kronofogden",
      "csn",
      "ivo",
      "region\\p{L}*",
      "domstol\\p{L}*",
      "tingsrätt\\p{L}*",
      "authorit\\p{L}*",
      "agency",
      "police",
      "court",
    ],
  ],
  [
    "other_unit",
    [
      "(?:en |till )?(?:annan|andra) (?:förvaltning|enhet|nämnd)\\p{L}*",
      "förvaltning\\p{L}*",
      "(?:another|other) (?:unit|department|administration)s?",
    ],
  ],
  [
    "external",
    [
      "företag\\p{L}*",
      "förening\\p{L}*",
      "leverantör\\p{L}*",
      "privatperson\\p{L}*",
      "konsult\\p{L}*",
      "compan\\p{L}*",
      "associations?",
      "supplier\\p{L}*",
      "vendor\\p{L}*",
      "contractor\\p{L}*",
      "private (?:person|individual)s?",
    ],
  ],
  [
    "colleague",
    ["kolleg\\p{L}*", "arbetskamrat\\p{L}*", "colleague\\p{L}*", "co-?workers?", "same (?:unit|team)"],
  ],
];

const CHANNEL_WORDS: Patterns<Channel> = [
  [
    "sdk",
    [
      "sdk",
      "säker digital kommunikation",
      "säkra? meddelanden?",
      "krypterad\\p{L}* (?:e-?post|mejl|e-?mail)\\p{L}*",
      "secure (?:digital communication|messag\\p{L}*)",
      "encrypted (?:e-?mail|messag)\\p{L}*",
    ],
  ],
  [
    "digital_mailbox",
    [
      "digital\\p{L}* brevlåd\\p{L}*",
      "mina meddelanden",
      "kivra",
      "digital mailbox\\p{L}*",
      "min myndighetspost",
    ],
  ],
  [
    "teams_meeting",
    [
      "teams-?möte\\p{L}*",
      "möte\\p{L}*",
      "videomöte\\p{L}*",
      "dela skärm\\p{L}*",
      "(?:teams )?meeting\\p{L}*",
      "share (?:my |the )?screen",
    ],
  ],
  ["teams_chat", ["teams[\\p{L}-]*", "chatt\\p{L}*", "chat\\p{L}*"]],
  [
    "usb",
    [
      "usb[\\p{L}-]*",
      "minnessticka\\p{L}*",
      "memory stick\\p{L}*",
      "extern\\p{L}* hårddisk\\p{L}*",
      "portable (?:media|drive)",
    ],
  ],
  ["sms", ["sms[\\p{L}:]*", "texta\\p{L}*", "text messag\\p{L}*", "by text"]],
  ["email", ["e-?post\\p{L}*", "e-?mejl\\p{L}*", "mejl\\p{L}*", "e-?mail\\p{L}*", "maila\\p{L}*", "mail"]],
  ["letter", ["brev(?:et|en)?", "posta\\p{L}*", "post(?:en)?", "letters?", "(?:by|in the) post"]],
  ["phone", ["telefon\\p{L}*", "ring(?:a|er|de|t)?", "samtal\\p{L}*", "phone", "call\\p{L}*", "by phone"]],
];

function compile<T extends string>(patterns: Patterns<T>): [T, RegExp][] {
  return patterns.map(([value, words]) => [
    value,
    new RegExp(`(?<![\\p{L}\\p{N}-])(?:${words.join("|")})(?![\\p{L}\\p{N}])`, "u"),
  ]);
}

const INFORMATION_RE = compile(INFORMATION_WORDS);
const RECIPIENT_RE = compile(RECIPIENT_WORDS);
const CHANNEL_RE = compile(CHANNEL_WORDS);

function firstMatch<T extends string>(text: string, patterns: [T, RegExp][]): T | undefined {
  return patterns.find(([, re]) => re.test(text))?.[0];
}

export interface Recognised {
  information?: Information;
  recipient?: Recipient;
  channel?: Channel;
}

export function recognise(text: string): Recognised {
  const normalized = text.toLowerCase().replace(/\s+/g, " ");
  const found: Recognised = {
    information: firstMatch(normalized, INFORMATION_RE),
    recipient: firstMatch(normalized, RECIPIENT_RE),
    channel: firstMatch(normalized, CHANNEL_RE),
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as Recognised;
}

const COMMAND = /^(?:skicka|send|får jag|far jag|may i|can i send|kan jag skicka)(?![\p{L}])/u;
const QUESTION = /\?|^(?:får|kan|ska|bör|är det|hur|may|can|could|should|is it|how)(?![\p{L}])/u;

/**
 * A send question: one of the command words, or a question (a "?" or a
 * question word first) that answers at least two of the three questions.
 * "Jag skickade ett mejl med personnummer" is a report, not a question.
 */
export function isSendQuestion(normalizedText: string): boolean {
  if (COMMAND.test(normalizedText)) return true;
  return QUESTION.test(normalizedText) && Object.keys(recognise(normalizedText)).length >= 2;
}
