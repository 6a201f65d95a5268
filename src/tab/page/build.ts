import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "../../paths.js";
import { TAB_PAGE_DIR } from "../page-dir.js";

const SOURCE = path.join(ROOT, "src", "tab", "page");

/** Bundles the dashboard page and the tab's setup page (teams-js and Chart.js included) into dist/tab/, next to their HTML and CSS. */
export async function buildTabPage(): Promise<void> {
  fs.mkdirSync(TAB_PAGE_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(SOURCE, "main.ts"), path.join(SOURCE, "config.ts")],
    outdir: TAB_PAGE_DIR,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    legalComments: "none",
    logLevel: "warning",
  });
  for (const file of ["index.html", "config.html", "styles.css"]) {
    fs.copyFileSync(path.join(SOURCE, file), path.join(TAB_PAGE_DIR, file));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  buildTabPage().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
