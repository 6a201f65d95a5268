import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";

const run = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/rules-table.ts"), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", ...env },
  });

describe("npm run rules:table", () => {
  it("prints the effective table, with the municipality's override, for the DSO to review", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-cli-"));
    const file = path.join(dir, "kommun.json");
    fs.writeFileSync(file, JSON.stringify({ version: "kommun-7" }));
    try {
      const { stdout } = await cli(["en"], { SEND_RULES_FILE: file });
      expect(stdout).toContain("# May I send this? – effective rule table (baseline-2027-01+kommun-7)");
      expect(stdout).toContain("## The person the information is about");
      expect(stdout.split("\n").filter((l) => l.startsWith("| Protected personal data"))).toHaveLength(20);
      expect(stdout).toContain("| Säker digital kommunikation (SDK) – between organisations |");
      expect(stdout).toContain("Secure messaging with e-ID login – to a person");
      expect(stdout.split("\n").filter((l) => l.startsWith("| A personal identity number"))).toHaveLength(5);
      expect(stdout).toContain("## When the question says …");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a broken override with the cell named, and a failing exit code", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-cli-"));
    const file = path.join(dir, "kommun.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ version: "x", cells: [{ information: "none", channel: "sms", verdict: "yes_if" }] }),
    );
    try {
      await expect(cli([], { SEND_RULES_FILE: file })).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining("information=none × channel=sms.reason"),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
