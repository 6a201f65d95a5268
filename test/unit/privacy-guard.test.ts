import { describe, expect, it } from "vitest";
import { type FindingKind, findIdentifyingData } from "../../src/privacy/guard.js";
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

const ORDER: FindingKind[] = ["personal_number", "phone", "email", "address", "postcode"];
