import fs from "node:fs";
import path from "node:path";

/** Reading the machine's clock: the date now, or a timestamp for durations. */
const CLOCK_READS = [/new Date\(\s*\)/, /\bDate\.now\(/, /\bperformance\.now\(/];

/**
 * Every place under `root` where TypeScript code reads the machine's clock,
 * except in the folders that may (`allowed`, relative to `root`): the clock
 * module itself and code that runs in the browser.
 */
export function clockReadsIn(root: string, allowed: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join("/");
      if (allowed.some((prefix) => relative === prefix || relative.startsWith(`${prefix}/`))) continue;
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".ts"))
        fs.readFileSync(full, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (CLOCK_READS.some((pattern) => pattern.test(line))) found.push(`${relative}:${i + 1}`);
          });
    }
  };
  visit(root);
  return found;
}
