import { LinkifyIt } from "linkify-it";

/**
 * What a person typed, made safe to show on a card: shown as typed, never as
 * markup. Teams renders TextBlocks as Markdown and turns bare URLs and e-mail
 * addresses into links, so a description holding `[Klicka här](https://…)`
 * would otherwise be a live link in the DSO channel. Every card data site that
 * carries person-typed text (descriptions, additions, questions, answers,
 * names, reasons, action plans) passes it through `plainText`; what people
 * typed is stored unchanged and shown raw only where the DOM or a file shows
 * it as text (the dashboard tab, the IMY export file).
 *
 * The marks are invisible or look alike, because backslash escapes are shown
 * literally by some Teams clients:
 * - links, addresses and domains are defanged as security teams do
 *   (`https[:]//evil[.]example`, `name[@]example[.]se`), so no client links them;
 * - `*`, `_`, `~` and `` ` `` (emphasis, strike-through, code) become look-alikes;
 * - a zero-width space after `]`, `!`, `<`, `&` and `\`, and before a line that
 *   would start a block, breaks link and image syntax, HTML and `<at>` mentions,
 *   entities, escapes, and headings, lists, quotes, tables and code blocks;
 * - bidirectional controls, which can disguise a file name or address, are dropped.
 */
export function plainText(typed: string): string {
  const cleaned = typed
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE_CONTROLS, (c) => (c === "\n" || c === "\t" ? c : ""));
  return unmarked(defanged(cleaned));
}

const ZWSP = "\u200B";

/** Control characters (tab and newline are kept by the caller), and the bidi embeddings, overrides and isolates. */
const INVISIBLE_CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** Schemes written with `//` (any of them), and those written without it that clients make clickable. */
const HIERARCHICAL_URL = /\b([a-z][a-z0-9+.-]{1,31}):\/\/([^\s/?#<>"'`]*)/gi;
const OPAQUE_SCHEME =
  /\b(mailto|tel|sms|callto|sip|sips|im|xmpp|skype|msteams|javascript|vbscript|data|file):(?=\S)/gi;

/** Finds what a client would link without a scheme: www. names, domains with a real top-level domain, e-mail. */
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });

const defangHost = (host: string) => host.replace(/\./g, "[.]").replace(/@/g, "[@]");

function defanged(text: string): string {
  const schemesBroken = text
    .replace(HIERARCHICAL_URL, (_all, scheme: string, host: string) => `${scheme}[:]//${defangHost(host)}`)
    .replace(OPAQUE_SCHEME, "$1[:]");
  const links = linkify.match(schemesBroken) ?? [];
  let out = "";
  let at = 0;
  for (const link of links) {
    out += schemesBroken.slice(at, link.index) + defangHost(link.raw);
    at = link.lastIndex;
  }
  return out + schemesBroken.slice(at);
}

const LOOK_ALIKES: Record<string, string> = { "*": "\u2217", _: "\uFF3F", "~": "\u223C", "`": "\u02CB" };

/** A line that Markdown could read as a heading, quote, list, rule, table, setext underline or code block. */
const BLOCK_START = /^(?=[ \t]*(?:[#>+\-=|]|\d{1,9}[.)])|[ \t]{4})/gm;

function unmarked(text: string): string {
  return text
    .replace(/[*_~`]/g, (c) => LOOK_ALIKES[c]!)
    .replace(/[\]!<&\\]/g, (c) => c + ZWSP)
    .replace(BLOCK_START, ZWSP);
}
