import MarkdownIt from "markdown-it";
import { type Card, walk } from "./cards.js";

/**
 * Teams renders TextBlocks and facts as Markdown and links bare URLs and
 * addresses; markdown-it with HTML on and fuzzy linking stands in for the
 * most permissive client. What it would turn into a link, an image, HTML or
 * a mention is what a person could use for phishing.
 */
const markdown = new MarkdownIt({ html: true, linkify: true });
markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });

interface Token {
  type: string;
  content: string;
  children: Token[] | null;
}

function flat(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flat(t.children ?? [])]);
}

/** Every piece of text a client renders as Markdown (TextBlocks, facts) or links (TextRuns, choice titles). */
function renderedTexts(card: Card): string[] {
  const texts: string[] = [];
  for (const node of walk(card)) {
    if (node.type === "TextBlock" && typeof node.text === "string") texts.push(node.text);
    for (const fact of (node.facts as { title: string; value: string }[] | undefined) ?? [])
      texts.push(fact.title, fact.value);
    for (const run of (node.inlines as { text?: string }[] | undefined) ?? [])
      if (run.text) texts.push(run.text);
    for (const choice of (node.choices as { title?: string }[] | undefined) ?? [])
      if (choice.title) texts.push(choice.title);
  }
  return texts;
}

/**
 * What in the card would render live: links and images (from any text), raw
 * HTML, `<at>` mentions, and emphasis or headings around `markers` (words
 * only the hostile text holds, so the templates' own bold labels pass).
 */
export function liveMarkup(card: Card, markers: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of renderedTexts(card)) {
    if (/<at>/i.test(text)) found.push(`mention in ${JSON.stringify(text)}`);
    const tokens = flat(markdown.parse(text, {}) as Token[]);
    tokens.forEach((token, i) => {
      if (token.type === "link_open" || token.type === "image" || token.type.startsWith("html_"))
        found.push(`${token.type} in ${JSON.stringify(text)}`);
      const styled = ["strong_open", "em_open", "s_open", "heading_open", "code_inline"].includes(token.type);
      const next = `${token.content}${tokens[i + 1]?.content ?? ""}${tokens[i + 2]?.content ?? ""}`;
      if (styled && markers.some((m) => next.includes(m)))
        found.push(`${token.type} in ${JSON.stringify(text)}`);
    });
  }
  return found;
}
