import fs from "node:fs";
import path from "node:path";

/** The repository root, found from this file whether it runs from src/ (tsx, vitest) or dist/src/ (npm start). */
function findRoot(): string {
  let dir = __dirname;
  while (!(fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "cards")))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the cards/ folder above the application code");
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot();
export const CARDS_DIR = path.join(ROOT, "cards");
