import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clockReadsIn } from "../support/clock-reads.js";

const SRC = path.resolve(__dirname, "../../src");
/** The clock module, and the dashboard page that runs in the person's browser. */
const MAY_READ_THE_CLOCK = ["time", "tab/page"];

describe("one clock for the whole program", () => {
  it("nothing in src/ reads the machine's clock except the clock module (and the tab's browser code)", () => {
    expect(clockReadsIn(SRC, MAY_READ_THE_CLOCK)).toEqual([]);
  });

  it("the check finds a planted read of the clock, in each of its forms", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "varna-clock-"));
    try {
      fs.mkdirSync(path.join(root, "cases"));
      fs.mkdirSync(path.join(root, "time"));
      fs.writeFileSync(
        path.join(root, "cases", "planted.ts"),
        [
          "export const a = new Date();",
          "export const b = Date.now();",
          "export const c = performance.now();",
          'export const d = new Date("2026-01-01");',
        ].join("\n"),
      );
      fs.writeFileSync(path.join(root, "time", "clock.ts"), "export const now = () => new Date();\n");
      expect(clockReadsIn(root, MAY_READ_THE_CLOCK)).toEqual([
        "cases/planted.ts:1",
        "cases/planted.ts:2",
        "cases/planted.ts:3",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
