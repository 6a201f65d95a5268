import "dotenv/config";
import { t } from "../cards/strings.js";
import { loadConfig } from "../config.js";
import { loadRuleTable } from "../flows/sendcheck/load.js";
import { ruleTableMarkdown } from "../flows/sendcheck/markdown.js";

/**
 * `npm run rules:table [-- en]`: prints the effective "may I send?" table
 * (baseline plus SEND_RULES_FILE, if set) as Markdown for the DSO to review.
 */
const locale = process.argv.includes("en") ? "en" : "sv";
try {
  const table = loadRuleTable({ overrideFile: loadConfig(process.env).sendRulesFile });
  process.stdout.write(ruleTableMarkdown(table, locale, (key) => t(locale, `sendcheck.${key}`)));
} catch (err) {
  console.error(`Cannot print the rule table: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
