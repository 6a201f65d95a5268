import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSendQuestion } from "../../src/flows/sendcheck/check.js";
import { LexiconError, loadLexicon } from "../../src/flows/sendcheck/lexicon.js";
import { indexLexicon } from "../../src/flows/sendcheck/mentions.js";
import { understand } from "../../src/flows/sendcheck/understand.js";

const index = indexLexicon(loadLexicon());
const facts = (text: string) => {
  const u = understand(text, index);
  return { ...u.facts, missing: u.missing, conflicts: u.conflicts.map((c) => c.fact) };
};

describe("reading a send question as it is written", () => {
  it.each([
    ["vårdplanen", "får jag mejla vårdplanen till en kollega"],
    ["LVM-utredningen", "kan jag skicka LVM-utredningen till en kollega med brev"],
    ["sjukintygen", "kan jag skicka sjukintygen till en kollega med brev"],
    ["delegationsbeslutet", "kan jag skicka delegationsbeslutet till en kollega med brev"],
    ["genomförandeplanen", "kan jag skicka genomförandeplanen till en kollega med brev"],
    ["orosanmälan", "kan jag skicka orosanmälan till en kollega med brev"],
    ["åtgärdsprogrammet", "kan jag skicka åtgärdsprogrammet till en kollega med brev"],
  ])("a compound or inflected form is still sensitive: %s", (_, text) => {
    expect(facts(text).information).toBe("sensitive");
  });

  it("matches whole words: a journalist is a recipient, not a journal; a court is not a unit of the municipality", () => {
    expect(facts("får jag mejla namnet till journalisten")).toMatchObject({
      information: "ordinary",
      recipient: "external",
      recipientKind: "press",
    });
    expect(facts("får jag skicka ett namn till förvaltningsrätten med brev")).toMatchObject({
      recipient: "authority",
      recipientKind: "court",
    });
    // "folkbokföring" ends like "ring" and "person" like "son": neither is split.
    expect(facts("ett brev till personen med skyddad folkbokföring").channel).toBe("letter");
  });

  it("reads no question mark, dialect, typos and missing diacritics", () => {
    expect(facts("e de ok att ja mejlar adressen till kollegan")).toMatchObject({
      information: "ordinary",
      recipient: "colleague",
      channel: "email",
    });
    expect(facts("far jag skicka ett personummer till en kolega pa sms")).toMatchObject({
      information: "personnummer",
      recipient: "colleague",
      channel: "sms",
    });
    expect(facts("kan jag ringa en person med skyddad folkbokforing").information).toBe(
      "skyddad_folkbokforing",
    );
  });

  it("reads negation and conditions within the clause", () => {
    expect(facts("mejla ett schema utan personuppgifter till leverantören").information).toBe("none");
    expect(
      facts("usb-minnet är inte krypterat, får jag ge det till kollegan med namnlistan").circumstances,
    ).toEqual(["unencrypted"]);
    expect(facts("lägga namnen på ett okrypterat usb till en kollega").circumstances).toEqual([
      "unencrypted",
    ]);
    expect(facts("får jag sms:a en adress till kollegan från min privata mobil").circumstances).toEqual([
      "private_device",
    ]);
    // "inte bara mejla": the negation is of "bara", not of what is sent.
    expect(facts("kan jag inte bara mejla namnen till kollegan").information).toBe("ordinary");
    // "inte via sms utan med brev": the letter is the channel.
    expect(facts("inte via sms utan med brev till klienten, adressen").channel).toBe("letter");
  });

  it("reads who gets it, not whom it is about or who sends it", () => {
    expect(facts("kan socialtjänsten mejla skolan om eleven och hans diagnos")).toMatchObject({
      recipient: "other_unit",
      recipientKind: "school",
    });
    expect(facts("kan jag ringa patientens dotter om vårdplanen")).toMatchObject({
      recipient: "external",
      recipientKind: "relative",
    });
    expect(facts("får jag mejla en kollega på Försäkringskassan ett namn")).toMatchObject({
      recipient: "authority",
    });
    expect(facts("får jag sms:a hans kollega ett namn")).toMatchObject({ recipientKind: "private_person" });
  });

  it("encrypted e-mail is SDK to an organisation and secure messaging to a person", () => {
    expect(facts("krypterad e-post med utredningen till Försäkringskassan").channel).toBe("sdk");
    expect(facts("krypterad e-post med beslutet till klienten").channel).toBe("secure_messaging");
    expect(facts("krypterad e-post med beslutet")).toMatchObject({
      missing: ["recipient"],
      conflicts: ["channel"],
    });
  });

  it("is careful when unsure: the strictest information wins, two channels are a question, nothing is guessed", () => {
    expect(facts("mejla namn och diagnos till en kollega").information).toBe("sensitive");
    expect(facts("mejla en adress till en person med sekretessmarkering").information).toBe(
      "sekretessmarkering",
    );
    expect(facts("sekretessmarkering eller skyddad folkbokföring, får jag mejla").information).toBe(
      "protected_unknown",
    );
    expect(facts("får jag mejla eller sms:a en adress till kollegan")).toMatchObject({
      conflicts: ["channel"],
    });
    expect(facts("får jag skicka det här")).toMatchObject({
      missing: ["information", "recipient", "channel"],
    });
  });

  it("a Teams chat with nobody named is read as internal (a colleague), and says so", () => {
    expect(facts("får jag lägga journalanteckningar i en Teamskanal")).toMatchObject({
      recipient: "colleague",
      channel: "teams_chat",
      missing: [],
    });
    expect(facts("får jag ta upp journalen på ett möte").missing).toEqual(["recipient"]);
  });

  it("reads a personal identity number pasted into the question as the information", () => {
    expect(facts("får jag sms:a 19121212-1212 till kollegan").information).toBe("personnummer");
    expect(facts("får jag mejla en lista med personnummer till kollegan").information).toBe("sensitive");
  });
});

describe("telling a send question from other messages", () => {
  it("takes commands and questions that name two of the three facts, and no reports of what happened", () => {
    const q = (text: string) => isSendQuestion(text, index);
    expect(q("skicka")).toBe(true);
    expect(q("får jag göra så här")).toBe(true);
    expect(q("is it ok to sms a home address")).toBe(true);
    expect(q("funkar det att mejla vårdplanen till hemtjänsten")).toBe(true);
    expect(q("vårdplanen till hemtjänsten via mejl")).toBe(true);
    expect(q("skickade")).toBe(false);
    expect(q("rapportera")).toBe(false);
    expect(q("mina ärenden")).toBe(false);
    expect(q("chefer")).toBe(false);
    expect(q("jag tappade min telefon")).toBe(false);
    expect(q("jag skickade ett mejl med personnummer till fel kommun")).toBe(false);
    expect(q("ett mejl med personnummer till försäkringskassan, går det bra?")).toBe(true);
  });
});

describe("a municipality's own words", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-lexicon-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (content: unknown) => {
    const file = path.join(dir, `lexicon-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it("are added to the baseline: a local system name and a new recipient kind", () => {
    const file = write({
      version: "vaxby-1",
      information: { sensitive: ["procapita"] },
      recipients: { family_law: ["familjerätten"] },
      kinds: { family_law: { class: "other_unit", label: { sv: "familjerätten", en: "family law" } } },
    });
    const local = indexLexicon(loadLexicon({ overrideFile: file }));
    expect(understand("får jag mejla utdraget ur procapita till familjerätten", local).facts).toMatchObject({
      information: "sensitive",
      recipient: "other_unit",
      recipientKind: "family_law",
      channel: "email",
    });
  });

  it("are refused at start, naming the entry, when a word points to an unknown kind or means two things", () => {
    const unknownKind = write({ version: "x", recipients: { nobody: ["ingen alls"] } });
    expect(() => loadLexicon({ overrideFile: unknownKind })).toThrow(LexiconError);
    expect(() => loadLexicon({ overrideFile: unknownKind })).toThrow(`${unknownKind}: recipients.nobody`);
    const twice = write({ version: "x", channels: { sms: ["mejl"] } });
    expect(() => loadLexicon({ overrideFile: twice })).toThrow(
      'channels: "mejl" is listed for both email and sms',
    );
    const badId = write({ version: "x", information: { secret: ["hemligt"] } });
    expect(() => loadLexicon({ overrideFile: badId })).toThrow(
      `${badId}: information: Unrecognized key: "secret"`,
    );
  });
});
