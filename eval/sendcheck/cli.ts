import { evaluate, printReport, readQuestions } from "./run.js";

/**
 * `npm run eval:sendcheck [-- --holdout] [-- --wrong]`: the figures on all
 * questions and on the tuning part, with the questions behind them. The
 * held-out part is printed only with --holdout: it is not looked at while
 * the recogniser is tuned, and its figures are reported separately.
 */
const all = readQuestions();
const holdout = process.argv.includes("--holdout");
const wrong = process.argv.includes("--wrong");
const tuning = all.filter((q) => q.split === "tuning");
// Unsafe answers are always listed; the rest of the held-out part only with --holdout.
const out = [printReport("all", evaluate(all), { asked: holdout, wrong: holdout && wrong })];
out.push(printReport("tuning part", evaluate(tuning), { asked: true, wrong }));
if (holdout) {
  const held = all.filter((q) => q.split === "holdout");
  out.push(printReport("held-out part", evaluate(held), { asked: true, wrong }));
}
process.stdout.write(`${out.join("\n\n")}\n`);
const unsafe = evaluate(all).unsafe.length;
if (unsafe > 0) process.exitCode = 2;
