import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STRINGS, type StringTable } from "../../src/cards/strings.js";
import { CARDS_DIR } from "../../src/paths.js";

function keys(table: StringTable, prefix = ""): string[] {
  return Object.entries(table).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "strings" ? [] : templates(full);
    return e.name.endsWith(".json") ? [full] : [];
  });
}

describe("strings", () => {
  it("every Swedish string has an English twin and the other way round", () => {
    expect(keys(STRINGS.en).sort()).toEqual(keys(STRINGS.sv).sort());
  });

  it("every string a card template names exists in both languages", () => {
    const all = new Set(keys(STRINGS.sv));
    const missing: string[] = [];
    for (const file of templates(CARDS_DIR)) {
      for (const [, key] of fs.readFileSync(file, "utf8").matchAll(/\bt\.([A-Za-z0-9_.]+)/g)) {
        if (!all.has(key!)) missing.push(`${path.relative(CARDS_DIR, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
