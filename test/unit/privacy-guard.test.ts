import { describe, expect, it } from "vitest";
import { BAR, evaluate, loadSet, meetsBar, rate } from "../../eval/guard/evaluate.js";
import { explainFindings } from "../../src/privacy/explain.js";
import { FINDING_KINDS, type FindingKind, findIdentifyingData } from "../../src/privacy/guard.js";
import { NAME_DATA } from "../../src/privacy/name-data.js";
import { findNames } from "../../src/privacy/names.js";
import { findPersonalNumbers } from "../../src/privacy/personal-number.js";

/** [text, what the guard must find (empty: the text is clean)] */
const TABLE: [string, FindingKind[]][] = [
  // personal identity numbers: 10 and 12 digits, with -, + or no separator, valid check digit
  ["Mejlet gällde 811218-9876 och skickades fel.", ["personal_number"]],
  ["Personnummer 19811218-9876 syntes i fönsterkuvertet.", ["personal_number"]],
  ["pnr 8112189876 i ämnesraden", ["personal_number"]],
  ["198112189876 stod i bilagan", ["personal_number"]],
  ["Den äldre mannen, 121212+1212, fick fel brev.", ["personal_number"]],
  ["samordningsnummer 701063-2391 i listan", ["personal_number"]],
  ["född på skottdagen: 000229-0005", ["personal_number"]],
  ["(811218-9876)", ["personal_number"]],
  ["med mellanslag: 811218 9876", ["personal_number"]],
  ["inklistrat från Word: 19811218–9876", ["personal_number"]],
  ["med minustecken 811218−9876", ["personal_number"]],
  ["luft runt strecket: 811218 - 9876", ["personal_number"]],
  ["skrivet som datum 1981-12-18-9876", ["personal_number"]],
  ["ref-811218-9876 i ämnesraden", ["personal_number"]],
  ["helbreddssiffror ８１１２１８-９８７６", ["personal_number"]],
  // look like personal numbers but are not
  ["811218-9875 (fel kontrollsiffra)", []],
  ["811318-9876 har ingen månad 13", []],
  ["810230-1234 har rätt kontrollsiffra men 30 februari finns inte", []],
  ["19000229-0000: 1900 var inget skottår", []],
  ["Ärende 2026-11-20 kl 14.30 gällde en elev.", []],
  ["Mötet 2026-11-20–2026-11-21 ställdes in.", []],
  ["Diarienummer SN 2026/1234 skickades fel.", []],
  ["Fakturanummer 12345678901234 i bilagan", []],
  ["Beloppet var 15 000 kronor.", []],
  ["Ungefär 250 personer och 1200 poster berördes.", []],
  ["Ordernummer 8112189876543 skickades", []],
  ["Ärende PUI-2026-0001 och diarienummer 2026-1234", []],
  ["Mejlet skickades till fel mottagare kl. 14:30 den 2026-11-20; 3 personer berörs.", []],
  // e-mail addresses
  ["Jag skickade till anna.andersson@exempel.se av misstag", ["email"]],
  ["mottagaren (kalle+test@mail.example.com) bekräftade", ["email"]],
  ["Mailed it to j.smith@council.gov.uk by mistake", ["email"]],
  ["Skickat till fel @-adress i Teams", []],
  ["Adressen slutade på @kommun.se men var fel person", []],
  // phone numbers
  ["Ring henne på 070-123 45 67", ["phone"]],
  ["sms till 0701234567 gick fel", ["phone"]],
  ["Numret +46 70 123 45 67 stod i brevet", ["phone"]],
  ["Hennes nummer 0046701234567", ["phone"]],
  ["Växeln 08-123 456 78 svarade", ["phone"]],
  ["fast telefon 031-12 34 56", ["phone"]],
  ["ring +44 20 7946 0958", ["phone"]],
  ["Det hände kl 08.30 och upptäcktes 10.15", []],
  ["Version 0.5 av rutinen", []],
  // street addresses and postcodes
  ["Brevet gick till Storgatan 12 i stället", ["address"]],
  ["Hon bor nu på Östra Hamngatan 5B", ["address"]],
  ["storgatan 3 lgh 1102", ["address"]],
  ["adressen Björkvägen 27, 123 45 Småstad", ["address", "postcode"]],
  ["postnummer 123 45", ["postcode"]],
  ["SE-123 45 Småstad", ["postcode"]],
  ["Sent to 12 Baker Street by mistake", ["address"]],
  ["Vägen till kontoret var avstängd", []],
  ["Det hände på gatan utanför entrén", []],
  ["Vi tog bussen till Centralstationen", []],
  ["Everything was sent to the wrong team at 3 pm", []],
  // street names of other shapes, and postcodes without a space
  ["Hon bor på Lärkgången 7", ["address"]],
  ["Beslutet skickades till Drottning Kristinas väg 8", ["address"]],
  ["Han har flyttat till Tallstigen", ["address"]],
  ["Box 123", ["address"]],
  ["12345 Stockholm", ["postcode"]],
  ["Handlingsplan 2026 är inte antagen", []],
  ["Arkivet ligger på plan 3", []],
  // phone numbers and what only looks like one
  ["Mobil: 070–123 45 67", ["phone"]],
  ["+46 (0)70 123 45 67", ["phone"]],
  ["Receptionen har öppet 0800-1600", []],
  ["Händelsen inträffade 04/03/2026", []],
  // names of people, and words that are also names
  ["Mejlet om Aisha Mohammed gick till fel skola", ["name"]],
  ["Kalle Svensson fick fel beslut", ["name"]],
  ["Brukaren Stig fick fel medicin", ["name"]],
  ["Hon heter Fatima", ["name"]],
  ["Hans mamma ringde till skolan", []],
  ["Vi gick längs en stig och bo kvar-principen gäller", []],
  ["Barnet fick vård på Astrid Lindgrens barnsjukhus", []],
  ["Mejlet skickades till Region Skåne", []],
  // case numbers of other systems, not the organisation's own references
  ["Klientens ärendenummer i Treserva 2023-4567", ["case_number"]],
  ["Journalnummer 123456 skickades fel", ["case_number"]],
  ["IT-ärende 45678 gällde den låsta datorn", []],
  // several kinds at once
  ["811218-9876, Storgatan 12, 070-123 45 67", ["personal_number", "phone", "address"]],
  ["Kontakt: a@b.se eller 0701234567", ["phone", "email"]],
];

describe("the privacy guard", () => {
  it("has a table of at least 40 examples", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.filter(([, kinds]) => kinds.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it.each(TABLE)("%s → %j", (text, kinds) => {
    expect(findIdentifyingData(text)).toEqual([...kinds].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
  });

  it("tells personal identity numbers from coordination numbers and says where each one is", () => {
    const text = "811218-9876 och 701063-2391, inte 811218-9875";
    const found = findPersonalNumbers(text);
    expect(found.map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([
      ["personnummer", "811218-9876"],
      ["samordningsnummer", "701063-2391"],
    ]);
  });
});

const ORDER: FindingKind[] = [...FINDING_KINDS];

describe("the privacy guard on its labelled set (npm run eval:guard)", () => {
  const tuning = loadSet("tuning");
  const heldBack = loadSet("held-back");

  it("has at least 550 strings, about a quarter held back, both identifying and ordinary text", () => {
    const all = [...tuning, ...heldBack];
    expect(all.length).toBeGreaterThanOrEqual(550);
    expect(heldBack.length / all.length).toBeGreaterThanOrEqual(0.2);
    for (const part of [tuning, heldBack]) {
      expect(part.filter((e) => e.kinds.length > 0).length).toBeGreaterThan(50);
      expect(part.filter((e) => e.kinds.length === 0).length).toBeGreaterThan(50);
    }
    for (const kind of FINDING_KINDS)
      expect(
        all.some((e) => e.kinds.includes(kind)),
        kind,
      ).toBe(true);
  });

  it.each([
    ["tuning", tuning],
    ["held-back", heldBack],
  ] as const)(
    `catches >= ${100 * BAR.recall} %% with <= ${100 * BAR.falseAlarms} %% false alarms on the %s part`,
    (_, part) => {
      const figures = evaluate(part, findIdentifyingData);
      const listed = [...figures.misses, ...figures.alarms].map(
        (r) => `${r.entry.text} → ${r.found.join(",")}`,
      );
      expect(rate(figures.recall), listed.join("\n")).toBeGreaterThanOrEqual(BAR.recall);
      expect(rate(figures.falseAlarms), listed.join("\n")).toBeLessThanOrEqual(BAR.falseAlarms);
    },
  );

  it("the bar fails a guard that lets everything through or refuses everything", () => {
    expect(meetsBar(evaluate(tuning, () => []))).toBe(false);
    expect(meetsBar(evaluate(tuning, () => ["name"]))).toBe(false);
  });
});

describe("names", () => {
  it("come from name statistics with their source and year", () => {
    expect(NAME_DATA.firstNames.size).toBeGreaterThan(500);
    expect(NAME_DATA.surnames.size).toBeGreaterThan(300);
    for (const name of ["mohammed", "muhammad", "ali", "fatima", "aisha", "anna", "lars"])
      expect(NAME_DATA.firstNames.has(name), name).toBe(true);
    for (const name of ["andersson", "yilmaz", "nguyen", "kaya", "hussein", "ahmed"])
      expect(NAME_DATA.surnames.has(name), name).toBe(true);
  });

  it("says where the name is, so a caller could blank it out", () => {
    const text = "Beslutet om Mirela Hodžić skickades till Lina Hassan.";
    expect(findNames(text).map(([a, b]) => text.slice(a, b))).toEqual(["Mirela Hodžić", "Lina Hassan"]);
  });

  it("are allowed in a field meant for a name, and nothing else is", () => {
    expect(findIdentifyingData("Eva Lindberg", { allow: ["name"] })).toEqual([]);
    expect(findIdentifyingData("Eva Lindberg 070-123 45 67", { allow: ["name"] })).toEqual(["phone"]);
  });
});

describe("why a text was refused", () => {
  it("names every kind found and how to rewrite it, in Swedish and English, without repeating the text", () => {
    const text = "Kalle Svensson, 811218-9876";
    const kinds = findIdentifyingData(text);
    const sv = explainFindings(kinds, "sv");
    expect(sv).toContain("Texten verkar innehålla personnummer och namn på personer.");
    expect(sv).toContain("Skriv ”brukaren”, ”eleven” eller ”kollegan” i stället för namnet.");
    const en = explainFindings(kinds, "en");
    expect(en).toContain("The text seems to contain personal identity numbers and names of people.");
    expect(en).toContain("instead of the name");
    for (const said of [sv, en]) {
      expect(said).not.toContain("Kalle");
      expect(said).not.toContain("9876");
    }
  });

  it("has words for every kind in both languages", () => {
    for (const locale of ["sv", "en"] as const)
      for (const kind of FINDING_KINDS) expect(explainFindings([kind], locale).length).toBeGreaterThan(30);
  });
});
