import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_KEYS } from "../../src/config.js";
import { ROOT } from "../../src/paths.js";

describe(".env.example", () => {
  it("documents every key the configuration reads, each with a comment above it", () => {
    const lines = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8").split("\n");
    const undocumented = ENV_KEYS.filter((key) => {
      const at = lines.findIndex((line) => new RegExp(`^#? ?${key}=`).test(line));
      return at < 1 || !lines[at - 1]!.startsWith("#");
    });
    expect(undocumented).toEqual([]);
  });
});
