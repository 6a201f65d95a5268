import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadUnits } from "../../src/org/units.js";

function write(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "units-")), "units.json");
  fs.writeFileSync(file, content);
  return file;
}

describe("units configuration", () => {
  it("ships a default list of Swedish municipal units with English names", () => {
    const units = loadUnits(loadConfig({}).unitsFile);
    expect(units.has("socialforvaltningen")).toBe(true);
    expect(units.name("socialforvaltningen", "sv")).toBe("Socialförvaltningen");
    expect(units.name("socialforvaltningen", "en")).toBe("Social services");
  });

  it("refuses a municipality's file with duplicate ids, naming the file and the problem", () => {
    const file = write(
      JSON.stringify({
        units: [
          { id: "a", sv: "A", en: "A" },
          { id: "a", sv: "B", en: "B" },
        ],
      }),
    );
    expect(() => loadUnits(file)).toThrow(`${file}: units: unit ids must be unique`);
  });

  it("refuses a unit id with capitals or spaces, naming the entry", () => {
    const file = write(JSON.stringify({ units: [{ id: "Social Förvaltning", sv: "S", en: "S" }] }));
    expect(() => loadUnits(file)).toThrow(/units\.0\.id: lower-case letters/);
  });

  it("refuses a file that is not JSON", () => {
    expect(() => loadUnits(write("units: [}"))).toThrow(/cannot be read as JSON/);
  });
});
