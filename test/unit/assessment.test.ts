import { describe, expect, it } from "vitest";
import { STRINGS } from "../../src/cards/strings.js";
import { type AssessmentFacts, assess } from "../../src/cases/assessment.js";
import { ASSESSMENT_RULES } from "../../src/cases/assessment-rules.js";

const ordinary: AssessmentFacts = {
  type: "incident",
  category: "data_lost",
  protectionLevel: "none",
  dataCategories: ["identity"],
  subjectGroups: ["employees"],
  approxSubjects: 1,
  breachTypes: ["availability"],
  encrypted: "unknown",
  seenByUnauthorised: "unknown",
  ongoing: false,
};

describe("the preliminary assessment", () => {
  it("calls a staff contact list deleted and restored from backup low: neither IMY nor the people (IMY's own example)", () => {
    expect(assess(ordinary)).toEqual({
      severity: "low",
      reasons: ["availability_only"],
      notifyImyLikely: false,
      informSubjectsLikely: false,
    });
  });

  it("calls revealed patient records high: notify IMY and inform the people (IMY's own example)", () => {
    const result = assess({
      ...ordinary,
      dataCategories: ["health"],
      breachTypes: ["confidentiality"],
      subjectGroups: ["patients"],
    });
    expect(result.severity).toBe("high");
    expect(result.notifyImyLikely).toBe(true);
    expect(result.informSubjectsLikely).toBe(true);
    expect(result.reasons).toEqual(["sensitive_data", "confidentiality_breach"]);
  });

  it.each([
    "sekretessmarkering",
    "skyddad_folkbokforing",
    "fingerade_personuppgifter",
    "osl_21_3",
    "unknown",
  ] as const)(
    "makes every case with protection level %s at least high, even a near miss",
    (protectionLevel) => {
      expect(assess({ ...ordinary, protectionLevel }).severity).toBe("high");
      const nearMiss = assess({ ...ordinary, protectionLevel, type: "near_miss" });
      expect(nearMiss.severity).toBe("high");
      expect(nearMiss.notifyImyLikely).toBe(false);
    },
  );

  it("makes a revealed protected identity high even when the level was not given", () => {
    const result = assess({
      ...ordinary,
      category: "protected_identity_revealed",
      breachTypes: ["confidentiality"],
    });
    expect(result.severity).toBe("high");
    expect(result.reasons.filter((r) => r === "protected_data")).toHaveLength(1);
    const both = assess({
      ...ordinary,
      category: "protected_identity_revealed",
      protectionLevel: "sekretessmarkering",
    });
    expect(both.reasons.filter((r) => r === "protected_data")).toHaveLength(1);
  });

  it("does not expect the people to be told when the data was encrypted", () => {
    const result = assess({
      ...ordinary,
      dataCategories: ["health"],
      breachTypes: ["confidentiality"],
      encrypted: "yes",
    });
    expect(result.severity).toBe("high");
    expect(result.informSubjectsLikely).toBe(false);
    expect(result.reasons).toContain("encrypted");
  });

  it("counts children, many people, personal identity numbers and an ongoing breach", () => {
    expect(assess({ ...ordinary, subjectGroups: ["children"] }).reasons).toContain("children");
    expect(assess({ ...ordinary, approxSubjects: 100 }).severity).toBe("high");
    expect(assess({ ...ordinary, approxSubjects: 99 }).severity).toBe("low");
    expect(assess({ ...ordinary, dataCategories: ["personal_identity_number"] }).severity).toBe("medium");
    expect(assess({ ...ordinary, ongoing: true }).reasons).toContain("ongoing");
  });

  it("gives the ordinary reason when no rule applies", () => {
    expect(assess({ ...ordinary, breachTypes: [] }).reasons).toEqual(["ordinary_data"]);
  });

  it("only uses reason codes that have text in both languages", () => {
    for (const rule of ASSESSMENT_RULES) {
      for (const locale of ["sv", "en"] as const) {
        expect(
          (STRINGS[locale].assessment as Record<string, unknown>)[rule.reason],
          `${locale}:${rule.reason}`,
        ).toBeTypeOf("string");
      }
    }
  });
});
