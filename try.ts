import { loadLexicon } from "./src/flows/sendcheck/lexicon.js";
import { indexLexicon } from "./src/flows/sendcheck/mentions.js";
import { understand } from "./src/flows/sendcheck/understand.js";
const idx = indexLexicon(loadLexicon());
for (const q of process.argv.slice(2)) {
  const u = understand(q, idx);
  console.log(q, "\n   ", JSON.stringify(u.facts), "missing", u.missing.join(","), "conf", JSON.stringify(u.conflicts));
}
