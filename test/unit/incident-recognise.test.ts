import { describe, expect, it } from "vitest";
import { isUrgent, readReport } from "../../src/flows/incident/recognise.js";
import { HELD_BACK, type Phrasing, TUNING } from "./incident-phrasings.js";

// Saturday 21 November 2026, 15:00 in Stockholm.
const NOW = new Date("2026-11-21T14:00:00Z");

function misread(p: Phrasing): string[] {
  const r = readReport(p.text, NOW);
  if (!r) return ["not read as a report"];
  const wrong: string[] = [];
  if (p.ask && r.category) wrong.push(`category ${r.category}, should ask`);
  if (p.category && r.category !== p.category)
    wrong.push(`category ${r.category ?? "asked"}, not ${p.category}`);
  if (p.type && r.type !== p.type) wrong.push(`type ${r.type}, not ${p.type}`);
  if (p.protectionLevel && r.protectionLevel !== p.protectionLevel)
    wrong.push(`protection ${r.protectionLevel}, not ${p.protectionLevel}`);
  if (p.urgent !== undefined && isUrgent(r) !== p.urgent) wrong.push(`urgent ${isUrgent(r)}`);
  return wrong;
}

describe("reading a report from free text", () => {
  it.each(TUNING)("$text", (p) => {
    expect(misread(p)).toEqual([]);
  });

  it("reads the held-back phrasings without filing a wrong category", () => {
    const results = HELD_BACK.map((p) => ({ p, wrong: misread(p) }));
    // A category the reader chose that is not the expected one would be filed silently: never allowed.
    const wrongCategory = results.filter(
      ({ p }) =>
        p.category && readReport(p.text, NOW)?.category && readReport(p.text, NOW)?.category !== p.category,
    );
    expect(wrongCategory.map((r) => r.p.text)).toEqual([]);
    const right = results.filter((r) => r.wrong.length === 0).length;
    // 15 of 20 when first run, none of them a wrong category: asking instead of reading costs one question.
    expect(right / results.length).toBeGreaterThanOrEqual(0.75);
  });

  it("leaves questions before sending to 'May I send this?'", () => {
    for (const text of [
      "får jag skicka personnummer med mejl",
      "kan jag skicka ett brev till en person med skyddad folkbokföring",
      "may I send a health record by email",
    ])
      expect(readReport(text, NOW), text).toBeUndefined();
  });

  it("is not a report when nothing happened", () => {
    for (const text of ["hej", "vad blir det för väder i morgon", "tack så mycket", "hur mår du"])
      expect(readReport(text, NOW), text).toBeUndefined();
  });

  it("reads 'nästan' as a near miss only when it says something nearly happened", () => {
    expect(readReport("jag skickade nästan ett mejl till fel person", NOW)?.type).toBe("near_miss");
    expect(readReport("nästan 200 elever fick mejlet, det gick till fel klass", NOW)?.type).toBe("incident");
    expect(readReport("I almost sent it to the wrong person but did not", NOW)?.type).toBe("near_miss");
    expect(readReport("höll på att skicka till fel person men hann inte stoppa det", NOW)?.type).toBe(
      "incident",
    );
  });

  it("reads a protected person without a level as 'don't know', and 'no protected data' as none", () => {
    expect(
      readReport("mejl till fel person om någon med skyddade personuppgifter", NOW)?.protectionLevel,
    ).toBe("unknown");
    expect(readReport("mejl till fel person, inga skyddade personuppgifter", NOW)?.protectionLevel).toBe(
      "none",
    );
    expect(readReport("mejl till fel person", NOW)?.protectionLevel).toBeUndefined();
  });

  it("marks a threat to someone's safety as urgent", () => {
    const r = readReport("jag skickade mejlet till fel person och hon är hotad av mottagaren", NOW)!;
    expect(r.safetyThreat).toBe(true);
    expect(isUrgent(r)).toBe(true);
    expect(isUrgent(readReport("jag skickade ett mejl till fel person", NOW)!)).toBe(false);
  });

  it("suggests data and people from the words, for the person to confirm", () => {
    const r = readReport("en kollega har tittat i journaler för patienter hen inte jobbar med", NOW)!;
    expect(r.dataCategories).toContain("health");
    expect(r.subjectGroups).toContain("patients");
  });

  it("uses the text as the description only when it says more than a command", () => {
    expect(readReport("rapportera", NOW)?.describes).toBe(false);
    expect(readReport("jag skickade ett mejl till fel person", NOW)?.describes).toBe(true);
  });
});
