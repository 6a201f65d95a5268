import fs from "node:fs";
import path from "node:path";
import { CARDS_DIR } from "../paths.js";
import type { Locale } from "./locale.js";

export type StringTable = { [key: string]: string | StringTable };

/** cards/strings/<locale>/<namespace>.json, merged under the namespace: `errors.json` holds the `errors.*` keys. */
function load(locale: Locale): StringTable {
  const dir = path.join(CARDS_DIR, "strings", locale);
  const table: StringTable = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const namespace = path.basename(file, ".json");
    const content = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as StringTable;
    // common.json is the root namespace (app, welcome, fallback); the others nest under their file name.
    if (namespace === "common") Object.assign(table, content);
    else table[namespace] = content;
  }
  return table;
}

export const STRINGS: Record<Locale, StringTable> = { sv: load("sv"), en: load("en") };

/** Looks up a dotted key and fills `{name}` placeholders; a missing key is a programming error. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: string | StringTable | undefined = STRINGS[locale];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`missing string ${locale}:${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
