import path from "node:path";
import type { z } from "zod";
import { ConfigFileError, readJsonFile } from "../../json-file.js";
import { ROOT } from "../../paths.js";
import { migrateOverride } from "./migrate.js";
import {
  applyOverride,
  assertProtectedNotLoosened,
  buildRuleTable,
  cellName,
  OverrideFileSchema,
  RuleFileSchema,
  type RuleTable,
  RuleTableError,
} from "./rules.js";

/** The versioned baseline, reproducing the decision table in shared/domain.md §3. */
export const BASELINE_RULES_FILE = path.join(ROOT, "rules", "sendcheck-baseline.json");

/** Names the entry a schema problem sits in: the cell (information × channel) or the rule id. */
function entryName(raw: unknown, issuePath: PropertyKey[]): string {
  const [section, index, ...rest] = issuePath;
  const entry =
    typeof index === "number" ? (raw as Record<string, unknown[]>)?.[String(section)]?.[index] : undefined;
  const field = rest.length ? `.${rest.join(".")}` : "";
  if (entry && typeof entry === "object") {
    const e = entry as Record<string, unknown>;
    if (section === "cells") return `${cellName(String(e.information), String(e.channel))}${field}`;
    if (typeof e.id === "string") return `rule ${e.id}${field}`;
  }
  return issuePath.join(".") || "the file";
}

function parseFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  try {
    return readJsonFile(file, schema, entryName);
  } catch (err) {
    throw err instanceof ConfigFileError ? new RuleTableError(err.message) : err;
  }
}

/** Prefixes a rule problem with the file it comes from, so the administrator knows which file to fix. */
function inFile<T>(file: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof RuleTableError) throw new RuleTableError(`${file}: ${err.message}`);
    throw err;
  }
}

/**
 * The effective rule table: the baseline, or the baseline with a municipality's
 * override applied. Throws RuleTableError naming the file and the first gap,
 * conflict, broken cell, or protected-data answer an override would loosen.
 */
export function loadRuleTable(options: { baselineFile?: string; overrideFile?: string } = {}): RuleTable {
  const baselineFile = options.baselineFile ?? BASELINE_RULES_FILE;
  const baseFile = parseFile(baselineFile, RuleFileSchema);
  const baseline = inFile(baselineFile, () => buildRuleTable(baseFile));
  const file = options.overrideFile;
  if (!file) return baseline;
  const override = migrateOverride(parseFile(file, OverrideFileSchema), baseFile);
  return inFile(file, () => {
    const effective = buildRuleTable(applyOverride(baseFile, override));
    assertProtectedNotLoosened(baseline, effective);
    return effective;
  });
}
