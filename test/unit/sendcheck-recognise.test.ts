import { describe, expect, it } from "vitest";
import { isSendQuestion, recognise } from "../../src/flows/sendcheck/recognise.js";

describe("recognising a send question in free text", () => {
  it.each([
    [
      "får jag mejla personnummer till försäkringskassan?",
      { information: "ordinary", recipient: "authority", channel: "email" },
    ],
    ["can I send a home address by SMS?", { information: "ordinary", channel: "sms" }],
    [
      "Får jag skicka journalanteckningar i Teams till en kollega?",
      { information: "sensitive", recipient: "colleague", channel: "teams_chat" },
    ],
    [
      "kan jag posta ett brev till en person med skyddad folkbokföring?",
      { information: "skyddad_folkbokforing", channel: "letter" },
    ],
    [
      "may I share my screen in a meeting with another department about a pupil welfare case",
      { information: "sensitive", recipient: "other_unit", channel: "teams_meeting" },
    ],
    [
      "skicka uppgifter om en person med skyddad identitet via SDK till Skatteverket",
      { information: "protected_unknown", recipient: "authority", channel: "sdk" },
    ],
    [
      "can I send encrypted e-mail about someone with a confidentiality marking to the person themselves",
      { information: "sekretessmarkering", recipient: "subject", channel: "sdk" },
    ],
    [
      "får jag lägga en lista med personnummer på ett usb-minne",
      { information: "sensitive", channel: "usb" },
    ],
    [
      "kan jag ringa ett företag om fingerade personuppgifter",
      { information: "fingerade_personuppgifter", recipient: "external", channel: "phone" },
    ],
    ["send a message to Kivra with no personal data", { information: "none", channel: "digital_mailbox" }],
  ])("%s", (text, expected) => {
    expect(recognise(text)).toEqual(expected);
  });

  it("recognises nothing in text about something else", () => {
    expect(recognise("vad blir det för väder i morgon")).toEqual({});
  });

  it("takes commands and questions that answer two of the three questions, and nothing else", () => {
    expect(isSendQuestion("skicka")).toBe(true);
    expect(isSendQuestion("send")).toBe(true);
    expect(isSendQuestion("får jag göra så här")).toBe(true);
    expect(isSendQuestion("may i ask something")).toBe(true);
    expect(isSendQuestion("is it ok to sms a home address")).toBe(true);
    expect(isSendQuestion("skickade")).toBe(false);
    expect(isSendQuestion("rapportera")).toBe(false);
    expect(isSendQuestion("mina ärenden")).toBe(false);
    expect(isSendQuestion("jag tappade min telefon")).toBe(false);
    expect(isSendQuestion("jag skickade ett mejl med personnummer till fel kommun")).toBe(false);
    expect(isSendQuestion("ett mejl med personnummer till försäkringskassan, går det bra?")).toBe(true);
  });
});
