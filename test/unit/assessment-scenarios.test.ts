import { describe, expect, it } from "vitest";
import { evaluate, loadSet, type Scenario } from "../../eval/assessment/evaluate.js";
import { t } from "../../src/cards/strings.js";

const edpb = loadSet("edpb");
const municipal = [...loadSet("municipal"), ...loadSet("holdback")];

describe("EDPB Guidelines 01/2021: every case gets the EDPB's own conclusion", () => {
  it("holds all 18 cases", () => {
    expect(edpb.map((s) => s.id)).toEqual(
      Array.from({ length: 18 }, (_, i) => `edpb-${String(i + 1).padStart(2, "0")}`),
    );
  });

  it.each(edpb.map((s) => [s.id, s.title, s] as const))("%s %s", (_id, _title, scenario) => {
    const { result } = evaluate(scenario);
    expect({ notifyImy: result.notifyImyLikely, informSubjects: result.informSubjectsLikely }).toEqual({
      notifyImy: scenario.expected.notifyImy,
      informSubjects: scenario.expected.informSubjects,
    });
  });
});

describe("the municipal scenarios (tuning set and held-back set)", () => {
  it("have at least 40 labelled scenarios across social services, school, elderly care, LSS, HR, IT and protected identity", () => {
    expect(municipal.length).toBeGreaterThanOrEqual(40);
    const areas = new Set(municipal.map((s) => s.area));
    for (const area of ["social services", "school", "elderly care", "LSS", "HR", "IT", "protected identity"])
      expect(areas).toContain(area);
  });

  it("are never dangerously under-rated: no high-risk case low or medium, no missing notification or information", () => {
    const dangerous = municipal.map(evaluate).filter((o) => o.dangerous.length);
    expect(dangerous.map((o) => `${o.scenario.id}: ${o.dangerous.join("; ")}`)).toEqual([]);
  });

  it("the check finds a planted under-rating", () => {
    const planted: Scenario = {
      ...edpb[12]!,
      id: "planted",
      expected: { notifyImy: true, informSubjects: true },
    };
    expect(evaluate(planted).dangerous).toEqual([
      "does not notify IMY where required",
      "does not inform the people where required",
      "high-risk case rated low",
    ]);
  });
});

describe("every reason the assessment gives", () => {
  it("has words in Swedish and English", () => {
    const codes = new Set(
      [...edpb, ...municipal].flatMap((s) => {
        const { result } = evaluate(s);
        return [...result.reasons, ...(result.consequences ?? [])];
      }),
    );
    for (const code of codes)
      for (const locale of ["sv", "en"] as const)
        expect(() => t(locale, `assessment.${code}`), code).not.toThrow();
  });
});
