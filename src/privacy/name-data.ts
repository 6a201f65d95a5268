import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ROOT } from "../paths.js";

/**
 * The name statistics the guard uses (rules/names/, with their source and
 * year), as lower-case sets. Read once; a broken file stops the start.
 */
const FirstNamesFile = z.object({
  source: z.string().min(1),
  year: z.number().int(),
  names: z.array(z.string().min(1)).min(100),
  alsoCommonWords: z.array(z.string().min(1)),
  alsoPlacesMonthsOrProducts: z.array(z.string().min(1)),
});
const SurnamesFile = z.object({
  source: z.string().min(1),
  year: z.number().int(),
  names: z.array(z.string().min(1)).min(100),
  alsoCommonWords: z.array(z.string().min(1)),
});

export const NAMES_DIR = path.join(ROOT, "rules", "names");

function read<T>(file: string, schema: z.ZodType<T>): T {
  const full = path.join(NAMES_DIR, file);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(full, "utf8")));
  if (!parsed.success) throw new Error(`${full}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

const lowerSet = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase()));

export interface NameData {
  firstNames: ReadonlySet<string>;
  /** First names that are also ordinary words: alone only when the capital cannot be a sentence's. */
  firstNamesAlsoWords: ReadonlySet<string>;
  /** First names that are also places, months or products: never alone. */
  firstNamesNeverAlone: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** Surnames that are also ordinary words or places: never alone. */
  surnamesAlsoWords: ReadonlySet<string>;
}

function load(): NameData {
  const first = read("first-names.json", FirstNamesFile);
  const last = read("surnames.json", SurnamesFile);
  return {
    firstNames: lowerSet(first.names),
    firstNamesAlsoWords: lowerSet(first.alsoCommonWords),
    firstNamesNeverAlone: lowerSet(first.alsoPlacesMonthsOrProducts),
    surnames: lowerSet(last.names),
    surnamesAlsoWords: lowerSet(last.alsoCommonWords),
  };
}

export const NAME_DATA: NameData = load();
