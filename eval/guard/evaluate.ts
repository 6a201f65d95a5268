import fs from "node:fs";
import path from "node:path";

/**
 * The privacy guard's labelled set and its figures. `kinds` lists what a
 * string holds (empty: ordinary text that must pass); `topic` says what kind
 * of ordinary text it is. The held-back part was written with the rest but
 * is not looked at while rules are tuned: its figures show how the rules
 * generalise.
 */
export interface Labelled {
  text: string;
  kinds: string[];
  topic?: string;
}

export type Part = "tuning" | "held-back";

export function loadSet(part: Part): Labelled[] {
  return fs
    .readFileSync(path.join(__dirname, `${part}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Labelled);
}

export interface Tally {
  total: number;
  hits: number;
}

export interface Result {
  entry: Labelled;
  found: string[];
}

export interface Figures {
  /** Identifying strings refused (any kind found). */
  recall: Tally;
  /** Ordinary strings refused. */
  falseAlarms: Tally;
  /** Per labelled kind: strings of that kind where that very kind was found. */
  perKind: Record<string, Tally>;
  /** Per topic of ordinary text: strings refused. */
  perTopic: Record<string, Tally>;
  misses: Result[];
  alarms: Result[];
}

const bump = (table: Record<string, Tally>, key: string, hit: boolean) => {
  const t = table[key] ?? { total: 0, hits: 0 };
  table[key] = t;
  t.total++;
  if (hit) t.hits++;
};

export function evaluate(entries: readonly Labelled[], guard: (text: string) => readonly string[]): Figures {
  const figures: Figures = {
    recall: { total: 0, hits: 0 },
    falseAlarms: { total: 0, hits: 0 },
    perKind: {},
    perTopic: {},
    misses: [],
    alarms: [],
  };
  for (const entry of entries) {
    const found = [...guard(entry.text)];
    const refused = found.length > 0;
    if (entry.kinds.length > 0) {
      figures.recall.total++;
      if (refused) figures.recall.hits++;
      else figures.misses.push({ entry, found });
      for (const kind of entry.kinds) bump(figures.perKind, kind, found.includes(kind));
    } else {
      figures.falseAlarms.total++;
      if (refused) {
        figures.falseAlarms.hits++;
        figures.alarms.push({ entry, found });
      }
      bump(figures.perTopic, entry.topic ?? "other", refused);
    }
  }
  return figures;
}

export const rate = (t: Tally) => (t.total === 0 ? 0 : t.hits / t.total);

/** The bar the guard must hold on every part of the set. */
export const BAR = { recall: 0.99, falseAlarms: 0.02 } as const;

export const meetsBar = (f: Figures) =>
  rate(f.recall) >= BAR.recall && rate(f.falseAlarms) <= BAR.falseAlarms;
