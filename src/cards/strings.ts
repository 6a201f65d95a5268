import fs from "node:fs";
import path from "node:path";
import { CARDS_DIR } from "../paths.js";
import type { Locale } from "./locale.js";

export type StringTable = { [key: string]: string | StringTable };

function load(locale: Locale): StringTable {
  return JSON.parse(
    fs.readFileSync(path.join(CARDS_DIR, "strings", `${locale}.json`), "utf8"),
  ) as StringTable;
}

export const STRINGS: Record<Locale, StringTable> = { sv: load("sv"), en: load("en") };

/** Looks up a dotted key and fills `{name}` placeholders; a missing key is a programming error. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: string | StringTable | undefined = STRINGS[locale];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`missing string ${locale}:${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
