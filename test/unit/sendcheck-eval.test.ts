import { describe, expect, it } from "vitest";
import { evaluate, readQuestions } from "../../eval/sendcheck/run.js";

/**
 * The labelled questions in eval/sendcheck/questions.jsonl, written from the
 * domain rules (not from the recogniser's word lists). The gate: no unsafe
 * "yes", at least 97 % verdict agreement on what is answered, and most
 * questions answered without a click.
 */
describe("the send check on its labelled questions", () => {
  const questions = readQuestions();
  const report = evaluate(questions);

  it("has at least 450 questions in Swedish and English, across every channel and recipient", () => {
    expect(questions.length).toBeGreaterThanOrEqual(450);
    expect(new Set(questions.map((q) => q.lang))).toEqual(new Set(["sv", "en"]));
    expect(new Set(questions.map((q) => q.channel)).size).toBe(10);
    expect(new Set(questions.map((q) => q.recipient)).size).toBe(5);
  });

  it("never says a plain yes where the label says yes, if or no", () => {
    expect(report.unsafe.map((o) => o.question.id)).toEqual([]);
  });

  it("agrees with the label on at least 97 % of the verdicts it gives, and answers at least 90 % without asking", () => {
    expect(report.agreement).toBeGreaterThanOrEqual(0.97);
    expect(report.answered / report.total).toBeGreaterThanOrEqual(0.9);
  });

  it("fails on a planted unsafe answer (the gate can fail)", () => {
    const planted = questions.find((q) => q.verdict === "no" && q.information === "sensitive")!;
    const relabelled = { ...planted, text: "får jag mejla en mall till en kollega", verdict: "no" as const };
    expect(evaluate([relabelled]).unsafe).toHaveLength(1);
  });
});
