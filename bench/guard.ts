/**
 * `npm run bench:guard`: how long the privacy guard takes per free-text
 * answer — on the labelled set's strings (mostly one sentence) and on a
 * description of the longest length a card accepts (2,000 characters) —
 * beside one regular-expression scan of the same text as a floor.
 *
 * Environment: BENCH_ROUNDS (default 20).
 */
import { performance } from "node:perf_hooks";
import { loadSet } from "../eval/guard/evaluate.js";
import { findIdentifyingData } from "../src/privacy/guard.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const texts = [...loadSet("tuning"), ...loadSet("held-back")].map((e) => e.text);
const ordinary = texts.filter((_, i) => i % 2 === 0).join(" ");
const longest = ordinary.slice(0, 2000);

function timePerCall(label: string, inputs: readonly string[], run: (text: string) => unknown): number {
  for (const t of inputs) run(t); // warm up
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const t of inputs) {
      const start = performance.now();
      run(t);
      samples.push(performance.now() - start);
    }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p99 = samples[Math.floor(samples.length * 0.99)]!;
  console.log(
    `${label.padEnd(44)} mean ${(mean * 1000).toFixed(1).padStart(7)} µs   p99 ${(p99 * 1000).toFixed(1).padStart(7)} µs`,
  );
  return mean;
}

const floor = (text: string) => /\d{6}/.test(text);
console.log(`privacy guard, ${ROUNDS} rounds`);
timePerCall(`labelled strings (${texts.length}), guard`, texts, findIdentifyingData);
timePerCall(`labelled strings (${texts.length}), one regex scan`, texts, floor);
timePerCall(`a ${longest.length}-character description, guard`, [longest], findIdentifyingData);
timePerCall(`a ${longest.length}-character description, one regex scan`, [longest], floor);
