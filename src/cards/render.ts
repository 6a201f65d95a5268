import fs from "node:fs";
import path from "node:path";
import * as ACData from "adaptivecards-templating";
import { CARDS_DIR } from "../paths.js";
import type { Locale } from "./locale.js";
import { STRINGS } from "./strings.js";

export type CardJson = Record<string, unknown> & { type: "AdaptiveCard" };

const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let found = templates.get(name);
  if (!found) {
    if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(name)) throw new Error(`bad card template name ${name}`);
    found = new ACData.Template(JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), "utf8")));
    templates.set(name, found);
  }
  return found;
}

/**
 * Expands `cards/<name>.json` with the data and the locale's strings (as `t`).
 * Code passes data; the card's shape lives in the template.
 */
export function render(name: string, data: Record<string, unknown>, locale: Locale): CardJson {
  return template(name).expand({ $root: { ...data, t: STRINGS[locale], locale } }) as CardJson;
}
