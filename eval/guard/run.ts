/**
 * `npm run eval:guard`: the privacy guard against its labelled set. Prints
 * recall and false-alarm rate overall, per kind, per topic of ordinary text
 * and for the held-back part, then every miss and false alarm.
 * `-- --hide-held-back` leaves the held-back strings out of the lists (for
 * tuning, so the held-back figures stay a fair measure). Exits 1 below the bar.
 */
import { findIdentifyingData } from "../../src/privacy/guard.js";
import { BAR, evaluate, type Figures, loadSet, meetsBar, type Part, rate, type Tally } from "./evaluate.js";

const hideHeldBack = process.argv.includes("--hide-held-back");
const pct = (t: Tally) => `${(100 * rate(t)).toFixed(1).padStart(5)} % (${t.hits}/${t.total})`;

const parts: Record<Part, Figures> = {
  tuning: evaluate(loadSet("tuning"), findIdentifyingData),
  "held-back": evaluate(loadSet("held-back"), findIdentifyingData),
};
const all = evaluate([...loadSet("tuning"), ...loadSet("held-back")], findIdentifyingData);

const lines: string[] = [];
const say = (s = "") => lines.push(s);
say(`Privacy guard, bar: recall >= ${100 * BAR.recall} %, false alarms <= ${100 * BAR.falseAlarms} %`);
say();
say("part        strings   recall                    false alarms");
for (const [name, f] of [["all", all], ...Object.entries(parts)] as [string, Figures][])
  say(
    `${name.padEnd(10)}  ${String(f.recall.total + f.falseAlarms.total).padStart(7)}   ${pct(f.recall).padEnd(24)}  ${pct(f.falseAlarms)}${meetsBar(f) ? "" : "   BELOW THE BAR"}`,
  );
say();
say("per kind (all; the very kind found)           tuning                held-back");
for (const kind of Object.keys(all.perKind).sort())
  say(
    `  ${kind.padEnd(16)} ${pct(all.perKind[kind]!).padEnd(24)} ${pct(parts.tuning.perKind[kind] ?? { total: 0, hits: 0 }).padEnd(22)} ${pct(parts["held-back"].perKind[kind] ?? { total: 0, hits: 0 })}`,
  );
say();
say("false alarms per topic of ordinary text (all)");
for (const topic of Object.keys(all.perTopic).sort())
  say(`  ${topic.padEnd(16)} ${pct(all.perTopic[topic]!)}`);

for (const [name, f] of Object.entries(parts) as [Part, Figures][]) {
  if (name === "held-back" && hideHeldBack) {
    say();
    say(`${name}: ${f.misses.length} misses and ${f.alarms.length} false alarms (not listed)`);
    continue;
  }
  say();
  say(`${name}: misses (${f.misses.length})`);
  for (const m of f.misses) say(`  [${m.entry.kinds.join(",")}] ${m.entry.text}`);
  say(`${name}: false alarms (${f.alarms.length})`);
  for (const a of f.alarms) say(`  {${a.found.join(",")}} (${a.entry.topic}) ${a.entry.text}`);
}
console.log(lines.join("\n"));
process.exitCode = Object.values(parts).every(meetsBar) ? 0 : 1;
