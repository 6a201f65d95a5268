import type { Channel } from "./answers.js";
import { strictness } from "./answers.js";
import { type Cell, cellName, type OverrideFile, RULE_FORMAT, type RuleFile } from "./rules.js";

/**
 * Override files written before format 2 knew one channel `sdk` meaning "SDK or
 * secure messaging", and no personnummer row. They are read in the new meaning:
 *
 * - a cell or rule for `sdk` also covers `secure_messaging` (unless the file
 *   names that cell itself), so what the municipality decided for "encrypted
 *   e-mail" holds for both new channels; the baseline's by-recipient rules
 *   still keep SDK away from private persons;
 * - a cell for `ordinary` also becomes the `personnummer` cell when it is at
 *   least as strict as the baseline's personnummer cell, so tightening ordinary
 *   data never leaves a personal identity number looser than a name.
 *
 * Anything that then conflicts or loosens protected data is refused by the
 * completeness proof with the cell named, as for any override.
 */
export function migrateOverride(override: OverrideFile, baseline: RuleFile): OverrideFile {
  if (override.format === RULE_FORMAT) return override;
  const named = new Set(override.cells.map((c) => cellName(c.information, c.channel)));
  const extra: Cell[] = [];
  const add = (cell: Cell) => {
    const name = cellName(cell.information, cell.channel);
    if (named.has(name)) return;
    named.add(name);
    extra.push(cell);
  };
  for (const cell of override.cells)
    if (cell.channel === "sdk") add({ ...cell, channel: "secure_messaging" });
  for (const cell of [...override.cells, ...extra]) {
    if (cell.information !== "ordinary") continue;
    const base = baseline.cells.find((c) => c.information === "personnummer" && c.channel === cell.channel);
    if (base && strictness(cell.verdict) >= strictness(base.verdict))
      add({ ...cell, information: "personnummer" });
  }
  const splitSdk = <R extends { channels?: Channel[] }>(rule: R): R =>
    rule.channels?.includes("sdk") && !rule.channels.includes("secure_messaging")
      ? { ...rule, channels: [...rule.channels, "secure_messaging"] }
      : rule;
  return {
    ...override,
    format: RULE_FORMAT,
    cells: [...override.cells, ...extra],
    recipientRules: override.recipientRules.map(splitSdk),
    protectedRules: override.protectedRules.map(splitSdk),
    guardRules: override.guardRules.map(splitSdk),
  };
}
