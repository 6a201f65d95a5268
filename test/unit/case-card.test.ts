import { describe, expect, it } from "vitest";
import { assess } from "../../src/cases/assessment.js";
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

describe("the DSO channel card's assessment", () => {
  const facts = aCase({
    category: "protected_identity_revealed",
    protectionLevel: "skyddad_folkbokforing",
    recipient: "known_private",
    recipientCount: "one",
    safetyRisk: "yes",
    revealing: "some",
  });
  const stored = (extra: Partial<Case> = {}): Stored<Case> => ({
    ...facts,
    preliminary: assess(facts),
    kind: "case",
    number: "PUI-2026-0008",
    createdAt: facts.discoveredAt,
    updatedAt: facts.discoveredAt,
    _etag: "e",
    ...extra,
  });
  const card = (c: Stored<Case>) =>
    caseCard(c, {
      locale: "sv",
      now: new Date("2026-11-21T10:00:00Z"),
      units,
      refreshUserIds: [],
      dso: { assignable: [] },
    });

  it("shows the level with the method's score, how it came about, and what to do now before the reasons", () => {
    const text = textOf(card(stored()));
    expect(text).toContain("Allvarlighet Mycket hög (ENISA 4,25)");
    expect(text).toContain("Poäng DPC 4 × EI 1 × L 1 + CB 0,25 = 4,25");
    const actNow = text.indexOf("Gör nu\n• Gör nu: varna den berörda via en säker kanal");
    expect(actNow).toBeGreaterThan(0);
    expect(actNow).toBeLessThan(text.indexOf("Allvarlighet – skäl"));
    expect(text).toContain(
      "Anmälan till IMY trolig\n• Anmäl till IMY: en röjning som kan hota någons säkerhet",
    );
    expect(text).toContain(
      "De berörda bör troligen informeras\n• Informera den berörda genast via en säker kanal",
    );
  });

  it("shows when the people were told and the supplements sent to IMY, and stays a valid card of bounded size", () => {
    const notified = stored({
      status: "reported_to_imy",
      dsoAssessment: {
        notifyImy: true,
        informSubjects: true,
        assessedAt: "2026-11-20T10:00:00.000Z",
        assessedBy: { name: "D" },
      },
      imyReport: { reportedAt: "2026-11-20T12:00:00.000Z", reference: "DI-1", by: { name: "D" } },
      subjectsInformed: { at: "2026-11-20T13:00:00.000Z", method: "phone", by: { name: "D" } },
      imySupplements: [{ at: "2026-11-21T09:00:00.000Z", by: { name: "D" } }],
    });
    const text = textOf(card(notified));
    expect(text).toContain("De berörda informerade Informerade 2026-11-20 14:00 (telefon)");
    expect(text).toContain("Kompletteringar till IMY 1 kompletteringar, senast 2026-11-21 10:00");
    expect(cardErrors(card(notified))).toEqual([]);
    expect(JSON.stringify(card({ ...notified, additions: withAdditions(40).additions })).length).toBeLessThan(
      24_000,
    );
  });
});
