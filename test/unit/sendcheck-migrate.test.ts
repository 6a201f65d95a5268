import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRuleTable } from "../../src/flows/sendcheck/load.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "varna-rules-v1-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function overrideFile(content: unknown): string {
  const file = path.join(tmp, `override-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("an override file written for the table before SDK and secure messaging were split", () => {
  const baseline = loadRuleTable();

  it("still loads, and its SDK cell now covers both SDK and secure messaging", () => {
    const file = overrideFile({
      version: "vaxby-2025-3",
      cells: [
        {
          information: "ordinary",
          channel: "sdk",
          verdict: "yes_if",
          condition: "colleagueNeeds",
          reason: "encryptedOk",
          rule: "sdk",
          alternative: "useSecureChannel",
        },
      ],
    });
    const table = loadRuleTable({ overrideFile: file });
    for (const channel of ["sdk", "secure_messaging"] as const)
      expect(table.decide({ information: "ordinary", recipient: "authority", channel }).verdict).toBe(
        "yes_if",
      );
    // The baseline's by-recipient rule still keeps SDK away from private persons.
    expect(table.decide({ information: "ordinary", recipient: "subject", channel: "sdk" }).verdict).toBe(
      "no",
    );
  });

  it("tightening ordinary data also tightens a personal identity number, never the other way round", () => {
    const tighter = overrideFile({
      version: "v1",
      cells: [
        {
          information: "ordinary",
          channel: "phone",
          verdict: "no",
          reason: "phoneReason",
          rule: "guideline",
          alternative: "callBack",
        },
      ],
    });
    const table = loadRuleTable({ overrideFile: tighter });
    expect(
      table.decide({ information: "personnummer", recipient: "colleague", channel: "phone" }).verdict,
    ).toBe("no");
    const looser = overrideFile({
      version: "v1",
      cells: [
        { information: "ordinary", channel: "usb", verdict: "yes", reason: "usbReason", rule: "guideline" },
      ],
    });
    expect(
      loadRuleTable({ overrideFile: looser }).decide({
        information: "personnummer",
        recipient: "colleague",
        channel: "usb",
      }).verdict,
    ).toBe(baseline.decide({ information: "personnummer", recipient: "colleague", channel: "usb" }).verdict);
  });

  it("is refused, naming the cell, when its SDK rule would now loosen what is said about a protected person", () => {
    const file = overrideFile({
      version: "v1",
      protectedRules: [
        {
          id: "protected-to-third-party",
          recipients: ["authority"],
          channels: ["sdk"],
          verdict: "yes_if",
          condition: "needToKnowAssessment",
          reason: "protectedEncrypted",
          rule: "osl-protected",
          alternative: "protectedAlt",
        },
      ],
    });
    expect(() => loadRuleTable({ overrideFile: file })).toThrow(
      /override-.*\.json: information=sekretessmarkering × recipient=other_unit × channel=sdk: the override would loosen a protected-data rule from "no" to "yes_if"/,
    );
  });
});
