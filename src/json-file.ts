import fs from "node:fs";
import type { z } from "zod";

/** A configuration file that cannot be used; the message names the file and the first problem in it. */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigFileError";
  }
}

/** How to name the entry a schema problem sits in (e.g. a rule's cell); defaults to the dotted path. */
export type EntryNamer = (raw: unknown, issuePath: PropertyKey[]) => string;

const dottedPath: EntryNamer = (_raw, issuePath) => issuePath.join(".") || "file";

/**
 * Names a problem inside the n-th entry of a list the way a municipality finds it: "activity 3 (id): field" for
 * `section` "activities", `noun` "activity" and `idField` "id".
 */
export function listEntryNamer(section: string, noun: string, idField: string): EntryNamer {
  return (raw, issuePath) => {
    const [at, index, ...field] = issuePath;
    if (at !== section || typeof index !== "number") return dottedPath(raw, issuePath);
    const candidate = (raw as Record<string, unknown[] | undefined>)?.[section]?.[index];
    const id =
      candidate && typeof candidate === "object" && idField in candidate
        ? ` (${String((candidate as Record<string, unknown>)[idField])})`
        : "";
    return `${noun} ${index + 1}${id}${field.length ? `: ${field.join(".")}` : ""}`;
  };
}

/** Reads a JSON file that a municipality edits and validates it, so a mistake stops the start with a clear line. */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  nameEntry: EntryNamer = dottedPath,
): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigFileError(`${file}: cannot be read as JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigFileError(`${file}: ${nameEntry(raw, issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}
