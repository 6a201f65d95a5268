import { evaluate, loadSet, type Outcome, SETS, type SetName, type Summary, summarise } from "./evaluate.js";

/**
 * `npm run eval:assessment [-- all|edpb|municipal|holdback]`: how the preliminary assessment agrees with the
 * labelled scenarios, per decision, and every dangerous under-rating. Exit code 1 when there is one.
 */

const pct = (n: number, of: number) => (of ? `${n}/${of} (${Math.round((100 * n) / of)} %)` : "–");

function yesNo(b: boolean): string {
  return b ? "yes" : "no";
}

function describe(o: Outcome): string {
  const { expected } = o.scenario;
  const r = o.result;
  const got = `${r.severity}${r.score ? ` (SE ${r.score.se})` : ""}, notify ${yesNo(r.notifyImyLikely)}, inform ${yesNo(r.informSubjectsLikely)}`;
  const want = `${expected.severity ?? "–"}, notify ${yesNo(expected.notifyImy)}, inform ${yesNo(expected.informSubjects)}`;
  return `  ${o.scenario.id} ${o.scenario.title}\n      expected ${want}\n      assessed ${got}`;
}

function print(title: string, s: Summary): void {
  console.log(`\n== ${title}: ${s.total} scenarios`);
  console.log(`notify IMY        ${pct(s.notify, s.total)}`);
  console.log(`inform the people ${pct(s.inform, s.total)}`);
  console.log(`both decisions    ${pct(s.both, s.total)}`);
  console.log(
    `severity          ${s.severity.labelled ? pct(s.severity.agree, s.severity.labelled) : "not labelled"}`,
  );
  console.log(`dangerous under-ratings: ${s.dangerous.length}`);
  for (const o of s.dangerous) console.log(`${describe(o)}\n      ! ${o.dangerous.join("; ")}`);
  const others = s.disagreements.filter((o) => !o.dangerous.length);
  if (others.length) console.log("other disagreements:");
  for (const o of others) console.log(describe(o));
}

const arg = process.argv[2] ?? "all";
const names = (arg === "all" ? Object.keys(SETS) : [arg]) as SetName[];
if (!names.every((n) => n in SETS)) {
  console.error(`unknown set "${arg}": use all, ${Object.keys(SETS).join(", ")}`);
  process.exit(2);
}
const all: Outcome[] = [];
for (const name of names) {
  const outcomes = loadSet(name).map(evaluate);
  all.push(...outcomes);
  print(name, summarise(outcomes));
}
const total = summarise(all);
if (names.length > 1) print("all sets", total);
process.exit(total.dangerous.length ? 1 : 0);
