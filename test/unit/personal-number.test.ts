import { describe, expect, it } from "vitest";
import {
  containsPersonalNumber,
  containsPersonalNumberLike,
  findPersonalNumbers,
} from "../../src/privacy/personal-number.js";

describe("finding personal identity numbers in free text", () => {
  it.each([
    ["ten digits with a dash", "hennes nummer är 121212-1212 tror jag", "personnummer"],
    ["ten digits without a dash", "pnr 8112189876", "personnummer"],
    ["twelve digits with a dash", "19121212-1212", "personnummer"],
    ["twelve digits", "198112189876.", "personnummer"],
    ["a person over a hundred (plus sign)", "121212+1212", "personnummer"],
    ["a coordination number (day + 60)", "samordningsnummer 701063-2391", "samordningsnummer"],
    ["the date parts apart with dots", "81.12.18-9876", "personnummer"],
    ["the date parts apart with spaces", "1981 12 18-9876", "personnummer"],
    ["the date written with dashes", "1981-12-18-9876", "personnummer"],
    ["an en dash pasted from Word", "811218–9876", "personnummer"],
  ])("finds %s", (_, text, kind) => {
    const found = findPersonalNumbers(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe(kind);
    expect(text.slice(found[0]!.start, found[0]!.end).replace(/\D/g, "")).toMatch(/^\d{10}(\d{2})?$/);
  });

  it.each([
    ["a wrong check digit", "121212-1213"],
    ["a phone number", "ring 070-123 45 67 eller 0701234567"],
    ["an impossible month", "121312-1214"],
    ["a century that is no century", "25121212-1212"],
    ["digits inside a longer number", "ordernummer 991212121212121"],
    ["a case number", "KS 2024/1234"],
  ])("ignores %s", (_, text) => {
    expect(containsPersonalNumber(text)).toBe(false);
  });

  it("does not read a date and a time as one", () => {
    expect(containsPersonalNumber("Upptäckt 2026-03-04 1430 av en kollega")).toBe(false);
  });

  it.each([
    ["a wrong check digit where the text says it is one", "pnr 811218-9875", true],
    ["a wrong check digit in a coordination number", "samordningsnummer 701063-2392", true],
    ["the last four masked", "personnummer 850412-XXXX", true],
    ["masked with asterisks, no word needed", "19850412-**** stod i rubriken", true],
    ["a wrong check digit with nothing saying so", "811218-9875 (fel kontrollsiffra)", false],
    ["an impossible month even where it says pnr", "pnr 811318-9876", false],
  ])("counts as personal-number-like: %s", (_, text, expected) => {
    expect(containsPersonalNumberLike(text)).toBe(expected);
  });

  it("finds every number in a pasted list", () => {
    expect(findPersonalNumbers("121212-1212, 811218-9876 och 850709-9805")).toHaveLength(3);
  });
});
