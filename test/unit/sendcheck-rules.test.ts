import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CHANNELS,
  type Channel,
  INFORMATION,
  RECIPIENTS,
  type Recipient,
  strictness,
  TABLE_INFORMATION,
  type Verdict,
} from "../../src/flows/sendcheck/answers.js";
import { BASELINE_RULES_FILE, loadRuleTable } from "../../src/flows/sendcheck/load.js";
import { ruleTableMarkdown } from "../../src/flows/sendcheck/markdown.js";
import {
  allAnswers,
  buildRuleTable,
  type RuleFile,
  RuleFileSchema,
} from "../../src/flows/sendcheck/rules.js";

const baselineFile = (): RuleFile =>
  RuleFileSchema.parse(JSON.parse(fs.readFileSync(BASELINE_RULES_FILE, "utf8")));
const V: Record<string, Verdict> = { Y: "yes", C: "yes_if", N: "no" };
const row = (letters: string) => letters.split(" ").map((l) => V[l]!);

/**
 * The table in shared/domain.md §3, channel by channel: e-mail | SDK | secure messaging | SMS |
 * Teams chat | Teams meeting | letter | phone | digital mailbox | USB.
 */
const DOMAIN_TABLE: Record<(typeof TABLE_INFORMATION)[number], Verdict[]> = {
  none: row("Y Y Y Y Y Y Y Y Y Y"),
  ordinary: row("C Y Y C C C Y C Y C"),
  personnummer: row("C Y Y N C C Y C Y C"),
  sensitive: row("N C C N N N C C C C"),
  sekretessmarkering: row("N C C N N N C C C N"),
  skyddad_folkbokforing: row("N C C N N N C C C N"),
  fingerade_personuppgifter: row("N N N N N N C N C N"),
};

/** What each condition must say (English), for every "yes, if" cell of the domain table. */
const CONDITIONS: [string, Channel, string][] = [
  ["ordinary", "email", "BCC"],
  ["ordinary", "sms", "nothing sensitive"],
  ["ordinary", "teams_chat", "without attached files"],
  ["ordinary", "teams_meeting", "checked who is in the meeting"],
  ["ordinary", "phone", "verified who"],
  ["ordinary", "usb", "encrypted"],
  ["personnummer", "email", "never in the subject line"],
  ["personnummer", "teams_chat", "only when the number is really needed"],
  ["personnummer", "usb", "encrypted"],
  ["sensitive", "sdk", "another authority by SDK when a provision allows"],
  ["sensitive", "secure_messaging", "their representative"],
  ["sensitive", "letter", "sealed"],
  ["sensitive", "phone", "secrecy assessment"],
  ["sensitive", "digital_mailbox", "the person themselves"],
  ["sensitive", "usb", "deleted as soon as"],
  ["sekretessmarkering", "sdk", "secrecy assessment"],
  ["sekretessmarkering", "secure_messaging", "identity"],
  ["sekretessmarkering", "letter", "Skatteverket's forwarding"],
  ["sekretessmarkering", "phone", "a colleague in the case"],
  ["sekretessmarkering", "digital_mailbox", "the person themselves"],
  ["skyddad_folkbokforing", "sdk", "secrecy assessment"],
  ["skyddad_folkbokforing", "letter", "Skatteverket's forwarding"],
  ["skyddad_folkbokforing", "phone", "the address is never mentioned"],
  ["skyddad_folkbokforing", "digital_mailbox", "the person themselves"],
  ["fingerade_personuppgifter", "letter", "never link the identities"],
  ["fingerade_personuppgifter", "digital_mailbox", "never link the identities"],
];

/** The effective table once the by-recipient, protected-data and guard rules apply (rows in INFORMATION order). */
const EFFECTIVE: Record<Recipient, string[]> = {
  colleague: [
    "Y Y Y Y Y Y Y Y Y Y",
    "C C C C C C C C N C",
    "C C C N C C C C N C",
    "N C C N N N C C N C",
    "N C C N N N C C N N",
    "N C C N N N C C N N",
    "N N N N N N C N N N",
    "N N N N N N C N N N",
  ],
  other_unit: [
    "Y Y Y Y Y Y Y Y Y Y",
    "C Y Y C C C Y C N C",
    "C Y Y N C C Y C N C",
    "N C C N N N C C N C",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
  ],
  authority: [
    "Y Y Y Y Y Y Y Y Y Y",
    "N Y Y C N C Y C N C",
    "N Y Y N N C Y C N C",
    "N C C N N N C C N C",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
  ],
  subject: [
    "Y Y Y Y Y Y Y Y Y Y",
    "N N Y C N C Y C Y C",
    "N N Y N N C Y C Y C",
    "N N C N N N C C C C",
    "N N C N N N C C C N",
    "N N C N N N C C C N",
    "N N N N N N C N C N",
    "N N N N N N C N C N",
  ],
  external: [
    "Y Y Y Y Y Y Y Y Y Y",
    "N C Y C N C Y C N C",
    "N C Y N N C Y C N C",
    "N C C N N N C C N C",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
    "N N N N N N N N N N",
  ],
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "varna-rules-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function overrideFile(content: unknown): string {
  const file = path.join(tmp, `override-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("the baseline reproduces every cell of the decision table in domain.md", () => {
  const cellsOnly = buildRuleTable({ ...baselineFile(), recipientRules: [], protectedRules: [] });
  const cases = TABLE_INFORMATION.flatMap((information) =>
    CHANNELS.map((channel, i) => [information, channel, DOMAIN_TABLE[information][i]!] as const),
  );

  it.each(cases)("%s by %s: %s", (information, channel, verdict) => {
    for (const recipient of RECIPIENTS) {
      const decision = cellsOnly.decide({ information, recipient, channel });
      expect(decision.verdict).toBe(verdict);
      expect(cellsOnly.texts[decision.reason]).toBeDefined();
      if (verdict !== "yes") expect(cellsOnly.texts[decision.alternative!]).toBeDefined();
    }
  });

  it.each(CONDITIONS)("%s by %s: yes, if the condition says %s", (information, channel, phrase) => {
    const decision = cellsOnly.decide({ information: information as never, recipient: "colleague", channel });
    expect(decision.verdict).toBe("yes_if");
    expect(decision.conditions.map((id) => cellsOnly.texts[id]!.en).join(" ")).toContain(phrase);
  });
});

describe("the by-recipient and protected-data rules", () => {
  const table = loadRuleTable();
  const cases = RECIPIENTS.flatMap((recipient) =>
    INFORMATION.flatMap((information, r) =>
      CHANNELS.map(
        (channel, c) => [recipient, information, channel, row(EFFECTIVE[recipient][r]!)[c]!] as const,
      ),
    ),
  );

  it.each(cases)("to %s, %s by %s: %s", (recipient, information, channel, verdict) => {
    expect(table.decide({ information, recipient, channel }).verdict).toBe(verdict);
  });

  it("never sends a person's own data through SDK: SDK does not reach a private person, secure messaging does", () => {
    for (const information of TABLE_INFORMATION.filter((i) => i !== "none")) {
      const d = table.decide({ information, recipient: "subject", channel: "sdk" });
      expect(d.verdict, information).toBe("no");
      expect(table.texts[d.reason]!.en).toContain("not to private individuals");
    }
    const d = table.decide({ information: "sensitive", recipient: "subject", channel: "sdk" });
    expect(table.texts[d.alternative!]!.en).toContain("secure messaging with e-ID");
  });

  it("anything about a protected person to a third party is a no, on every channel, with the DSO and Skatteverket route", () => {
    for (const information of [
      "sekretessmarkering",
      "skyddad_folkbokforing",
      "fingerade_personuppgifter",
    ] as const)
      for (const recipient of ["other_unit", "authority", "external"] as const)
        for (const channel of CHANNELS) {
          const d = table.decide({ information, recipient, channel });
          expect(d.verdict, `${information} ${recipient} ${channel}`).toBe("no");
          expect(table.texts[d.alternative!]!.en).toContain("Skatteverket's forwarding");
          expect(table.texts[d.alternative!]!.en).toContain("the case officer or the DSO");
        }
  });

  it("sensitive data leaving the unit is at best a yes, if, after a secrecy assessment, whatever the channel", () => {
    for (const recipient of ["other_unit", "authority", "external"] as const)
      for (const channel of CHANNELS) {
        const d = table.decide({ information: "sensitive", recipient, channel });
        expect(d.verdict, `${recipient} ${channel}`).not.toBe("yes");
        if (d.verdict === "yes_if")
          expect(d.conditions.map((id) => table.texts[id]!.en).join(" ")).toContain("secrecy assessment");
      }
  });

  it("a colleague in the same unit on the phone about a person with a confidentiality marking: yes, with the usual care", () => {
    const d = table.decide({ information: "sekretessmarkering", recipient: "colleague", channel: "phone" });
    expect(d.verdict).toBe("yes_if");
    expect(d.conditions.map((id) => table.texts[id]!.en).join(" ")).toContain("a colleague in the case");
  });

  it("a circumstance in the question only ever makes an answer stricter", () => {
    for (const circumstances of [
      ["unencrypted"],
      ["private_device"],
      ["attachment"],
      ["subject_line"],
    ] as const)
      for (const answers of allAnswers()) {
        const before = strictness(table.decide(answers).verdict);
        expect(strictness(table.decide(answers, circumstances).verdict)).toBeGreaterThanOrEqual(before);
      }
    const usb = { information: "ordinary", recipient: "colleague", channel: "usb" } as const;
    expect(table.decide(usb).verdict).toBe("yes_if");
    expect(table.decide(usb, ["unencrypted"]).verdict).toBe("no");
    const sms = { information: "ordinary", recipient: "subject", channel: "sms" } as const;
    expect(table.decide(sms, ["private_device"]).verdict).toBe("no");
  });

  it("of two kinds of information the stricter row never gives a looser answer (the recogniser's order)", () => {
    const order = ["none", "ordinary", "personnummer", "sensitive"] as const;
    for (const recipient of RECIPIENTS)
      for (const channel of CHANNELS)
        for (let i = 1; i < order.length; i++) {
          const looser = table.decide({ information: order[i - 1]!, recipient, channel }).verdict;
          const stricter = table.decide({ information: order[i]!, recipient, channel }).verdict;
          expect(strictness(stricter), `${order[i]} ${recipient} ${channel}`).toBeGreaterThanOrEqual(
            strictness(looser),
          );
        }
  });

  it("a protected-data rule wins over a more permissive recipient rule", () => {
    const file = baselineFile();
    const permissive = {
      id: "everything-by-letter",
      recipients: ["authority" as const],
      channels: ["letter" as const],
      verdict: "yes" as const,
      reason: "letterOrdinary",
      rule: "guideline",
    };
    const t = buildRuleTable({ ...file, recipientRules: [...file.recipientRules, permissive] });
    expect(t.decide({ information: "ordinary", recipient: "authority", channel: "letter" }).verdict).toBe(
      "yes",
    );
    const d = t.decide({
      information: "fingerade_personuppgifter",
      recipient: "authority",
      channel: "letter",
    });
    expect(d.verdict).toBe("no");
    expect(d.decidedBy).toEqual([
      "recipient rule everything-by-letter",
      "protected rule protected-to-third-party",
    ]);
  });

  it("when the protection level is unknown, the strictest level decides", () => {
    for (const recipient of RECIPIENTS)
      for (const channel of CHANNELS) {
        const unknown = table.decide({ information: "protected_unknown", recipient, channel }).verdict;
        const levels = (
          ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"] as const
        ).map((information) => table.decide({ information, recipient, channel }).verdict);
        expect(unknown).toBe(levels.includes("no") ? "no" : levels.includes("yes_if") ? "yes_if" : "yes");
      }
  });
});

describe("completeness: every combination resolves to exactly one verdict", () => {
  it("resolves all 400 combinations of the baseline", () => {
    const table = loadRuleTable();
    const all = [...allAnswers()];
    expect(all).toHaveLength(INFORMATION.length * RECIPIENTS.length * CHANNELS.length);
    for (const answers of all) expect(["yes", "yes_if", "no"]).toContain(table.decide(answers).verdict);
  });

  it("reports the first gap by name when a cell is missing", () => {
    const file = baselineFile();
    const incomplete = file.cells.filter((c) => !(c.information === "sensitive" && c.channel === "sms"));
    expect(() => buildRuleTable({ ...file, cells: incomplete })).toThrow(
      "gap at information=sensitive × channel=sms: no cell gives a verdict",
    );
  });

  it("reports a cell defined twice as a conflict", () => {
    const file = baselineFile();
    const twice = [
      ...file.cells,
      {
        ...file.cells.find((c) => c.information === "ordinary" && c.channel === "sdk")!,
        verdict: "no" as const,
        alternative: "useSdkOrSecure",
      },
    ];
    expect(() => buildRuleTable({ ...file, cells: twice })).toThrow(
      "conflict at information=ordinary × channel=sdk: the cell is defined twice",
    );
  });

  it("reports two recipient rules answering the same combination as a conflict, naming both", () => {
    const file = baselineFile();
    const overlapping = {
      ...file.recipientRules[1]!,
      id: "another-email-rule",
      recipients: ["external" as const],
    };
    expect(() => buildRuleTable({ ...file, recipientRules: [...file.recipientRules, overlapping] })).toThrow(
      'conflict at information=ordinary × recipient=external × channel=email: recipient rules "email-internal-only" and "another-email-rule" both apply',
    );
  });
});

describe("a municipality's override file", () => {
  const baseline = loadRuleTable();

  it("changes exactly the one cell it names, and carries its version and links", () => {
    const file = overrideFile({
      version: "vaxby-2026-1",
      references: { guideline: { link: "https://intranat.vaxby.se/riktlinje-kanaler" } },
      texts: {
        approvedRoom: {
          sv: "mötet hålls i kommunens godkända mötesrum för sekretess",
          en: "the meeting is held in the municipality's approved room for secret matters",
        },
      },
      cells: [
        {
          information: "sensitive",
          channel: "teams_meeting",
          verdict: "yes_if",
          condition: "approvedRoom",
          reason: "meetingSensitive",
          rule: "guideline",
          alternative: "meetingSensitiveAlt",
        },
      ],
    });
    const table = loadRuleTable({ overrideFile: file });
    expect(table.version).toBe("baseline-2027-01+vaxby-2026-1");
    expect(table.references.guideline!.link).toBe("https://intranat.vaxby.se/riktlinje-kanaler");
    for (const answers of allAnswers()) {
      const changed = answers.information === "sensitive" && answers.channel === "teams_meeting";
      const expected = changed ? "yes_if" : baseline.decide(answers).verdict;
      expect(table.decide(answers).verdict, JSON.stringify(answers)).toBe(expected);
    }
    expect(
      table.decide({ information: "sensitive", recipient: "colleague", channel: "teams_meeting" }).conditions,
    ).toEqual(["approvedRoom"]);
  });

  it.each([
    [
      "a verdict that does not exist",
      {
        information: "sensitive",
        channel: "email",
        verdict: "maybe",
        reason: "sensitiveUnencrypted",
        rule: "guideline",
      },
      "information=sensitive × channel=email.verdict",
    ],
    [
      "a 'yes, if' without its condition",
      {
        information: "ordinary",
        channel: "sms",
        verdict: "yes_if",
        reason: "smsReason",
        rule: "guideline",
        alternative: "useSecureChannel",
      },
      'information=ordinary × channel=sms: "yes_if" needs a condition',
    ],
    [
      "a text that is not defined",
      { information: "none", channel: "usb", verdict: "yes", reason: "noSuchText", rule: "guideline" },
      'information=none × channel=usb: reason text "noSuchText" is not defined',
    ],
    [
      "a loosened protected-data rule",
      {
        information: "skyddad_folkbokforing",
        channel: "email",
        verdict: "yes",
        reason: "encryptedOk",
        rule: "guideline",
      },
      'information=skyddad_folkbokforing × recipient=colleague × channel=email: the override would loosen a protected-data rule from "no" to "yes"',
    ],
  ])("is refused for %s, naming the cell", (_, cell, message) => {
    const file = overrideFile({ version: "broken-1", cells: [cell] });
    expect(() => loadRuleTable({ overrideFile: file })).toThrow(message);
    expect(() => loadRuleTable({ overrideFile: file })).toThrow(file);
  });

  it("is refused when it is not JSON at all", () => {
    const file = overrideFile("{ not json");
    expect(() => loadRuleTable({ overrideFile: file })).toThrow(/cannot be read as JSON/);
  });
});

describe("the review table for the DSO", () => {
  it("prints every recipient's information × channel table as Markdown", () => {
    const table = loadRuleTable();
    const md = ruleTableMarkdown(table, "en", (key) => key);
    expect(md).toContain("(baseline-2027-01)");
    for (const recipient of RECIPIENTS) expect(md).toContain(`## recipient.${recipient}`);
    const rows = md.split("\n").filter((l) => l.startsWith("| information."));
    expect(rows).toHaveLength(RECIPIENTS.length * INFORMATION.length);
    expect(rows.every((r) => r.split(" | ").length === CHANNELS.length + 1)).toBe(true);
    expect(md).toContain(
      "| information.fingerade_personuppgifter | N | N | N | N | N | N | C: it is sent as to anyone",
    );
  });
});
