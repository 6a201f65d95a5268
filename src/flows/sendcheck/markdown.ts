import type { Locale } from "../../cards/locale.js";
import { CHANNELS, CIRCUMSTANCES, INFORMATION, RECIPIENTS, type Verdict } from "./answers.js";
import type { Decision, RuleTable } from "./rules.js";

/** Looks up a `sendcheck.*` string (e.g. "channel.sms") in the reader's language: the same words as the cards. */
export type Label = (key: string) => string;

const SHORT: Record<Verdict, string> = { yes: "Y", yes_if: "C", no: "N" };

function cellSafe(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function cellText(table: RuleTable, decision: Decision, locale: Locale): string {
  const conditions = decision.conditions.map((id) => table.texts[id]![locale]).join("; ");
  return cellSafe(conditions ? `${SHORT[decision.verdict]}: ${conditions}` : SHORT[decision.verdict]);
}

/** The whole effective table as Markdown: one information × channel table per recipient, for the DSO to review. */
export function ruleTableMarkdown(table: RuleTable, locale: Locale, label: Label): string {
  const lines = [
    `# ${label("table.title")} (${table.version})`,
    "",
    `Y = ${label("verdict.yes")} · C = ${label("verdict.yes_if")} · N = ${label("verdict.no")}`,
  ];
  for (const recipient of RECIPIENTS) {
    lines.push("", `## ${label(`recipient.${recipient}`)}`, "");
    lines.push(`| | ${CHANNELS.map((c) => cellSafe(label(`channel.${c}`))).join(" | ")} |`);
    lines.push(`|---|${CHANNELS.map(() => "---").join("|")}|`);
    for (const information of INFORMATION) {
      const cells = CHANNELS.map((channel) =>
        cellText(table, table.decide({ information, recipient, channel }), locale),
      );
      lines.push(`| ${cellSafe(label(`information.${information}`))} | ${cells.join(" | ")} |`);
    }
  }
  lines.push("", `## ${label("table.circumstances")}`, "");
  for (const circumstance of CIRCUMSTANCES) {
    const changed = RECIPIENTS.flatMap((recipient) =>
      INFORMATION.flatMap((information) =>
        CHANNELS.filter(
          (channel) =>
            table.decide({ information, recipient, channel }, [circumstance]).verdict !==
            table.decide({ information, recipient, channel }).verdict,
        ),
      ),
    );
    const channels = CHANNELS.filter((c) => changed.includes(c)).map((c) => label(`channel.${c}`));
    lines.push(
      `- **${label(`circumstance.${circumstance}`)}**: ${label("table.stricterOn")} ${cellSafe(channels.join(", "))}`,
    );
  }
  lines.push("", `## ${label("table.references")}`, "");
  for (const [id, ref] of Object.entries(table.references)) {
    lines.push(`- **${id}**: ${cellSafe(ref.title[locale])}${ref.link ? ` (${ref.link})` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
