import { describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import { loadConfig } from "../../src/config.js";
import { caseCard } from "../../src/escalation/case-card.js";
import { loadUnits } from "../../src/org/units.js";
import type { Stored } from "../../src/store/repository.js";
import { aCase } from "../support/builders.js";
import { cardErrors } from "../support/card-validation.js";
import { textOf } from "../support/cards.js";

const units = loadUnits(loadConfig({}).unitsFile);
const long = "x".repeat(2000);

function withAdditions(count: number): Stored<Case> {
  const base = aCase({ description: long });
  const additions = Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString(),
    by: { aadObjectId: "r", name: "R" },
    kind: (["dso_question", "answer_to_dso", "reporter_addition"] as const)[i % 3]!,
    text: `${i}:${long}`,
  }));
  return {
    ...base,
    additions,
    kind: "case",
    number: "PUI-2026-0007",
    createdAt: base.discoveredAt,
    updatedAt: base.discoveredAt,
    _etag: "e",
  };
}

describe("the DSO channel card of a long-running case", () => {
  it("shows the latest six questions, answers and additions, shortened, and says how many came before", () => {
    const card = caseCard(withAdditions(40), {
      locale: "sv",
      now: new Date("2026-11-22T10:00:00Z"),
      units,
      refreshUserIds: [],
      dso: { assignable: [] },
    });
    const text = textOf(card);
    expect(text).toContain("… och 34 tidigare i ärendets historik.");
    expect(text).toContain("Tillägg från rapportören: 38:");
    expect(text).not.toContain("33:");
    expect(cardErrors(card)).toEqual([]);
    // Teams refuses cards over about 28 KB; the actionable card stays well under it.
    expect(JSON.stringify(card).length).toBeLessThan(24_000);
  });
});
