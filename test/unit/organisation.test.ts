import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadOrganisations } from "../../src/org/organisation.js";
import { loadUnits, Units } from "../../src/org/units.js";

const units = new Units([
  { id: "soc", sv: "Socialförvaltningen", en: "Social services" },
  { id: "skola", sv: "Utbildningsförvaltningen", en: "Education" },
]);

const org = (overrides: Record<string, unknown> = {}) => ({
  orgId: "*",
  name: { sv: "Exempelstads kommun", en: "Exempelstad Municipality" },
  organisationNumber: "212000-9903",
  dso: { name: "Dana Dataskydd", email: "dso@exempelstad.se", phone: "010-123 45 67" },
  controllers: [
    { id: "socialnamnden", name: { sv: "Socialnämnden", en: "Social Welfare Board" }, units: ["soc"] },
    { id: "utbildningsnamnden", name: { sv: "Utbildningsnämnden", en: "Education Board" }, units: ["skola"] },
  ],
  ...overrides,
});

function write(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "org-")), "organisation.json");
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("organisation configuration for the IMY notification", () => {
  it("ships an example that covers every default unit", () => {
    const config = loadConfig({});
    const shipped = loadOrganisations(config.organisationFile, loadUnits(config.unitsFile));
    expect(shipped.controllerFor("any-tenant", "socialforvaltningen", "sv")).toEqual({
      board: "Socialnämnden",
      municipality: "Exempelstads kommun",
      organisationNumber: "212000-9903",
    });
  });

  it("names the board that answers for the unit, with the municipality's organisation number, per organisation", () => {
    const own = org({
      orgId: "tenant-a",
      name: { sv: "Ankeby kommun", en: "Ankeby" },
      organisationNumber: "212000-9911",
    });
    const orgs = loadOrganisations(write({ organisations: [org(), own] }), units);
    expect(orgs.controllerFor("tenant-a", "skola", "en")).toEqual({
      board: "Education Board",
      municipality: "Ankeby",
      organisationNumber: "212000-9911",
    });
    expect(orgs.controllerFor("tenant-b", "soc", "sv")?.municipality).toBe("Exempelstads kommun");
    expect(orgs.dso("tenant-b")).toEqual({
      name: "Dana Dataskydd",
      email: "dso@exempelstad.se",
      phone: "010-123 45 67",
    });
  });

  it("says nothing for an organisation it does not know (the notification then says 'not yet known')", () => {
    const orgs = loadOrganisations(write({ organisations: [org({ orgId: "tenant-a" })] }), units);
    expect(orgs.controllerFor("tenant-b", "soc", "sv")).toBeUndefined();
    expect(orgs.dso("tenant-b")).toBeUndefined();
  });

  it.each([
    [
      "a wrong organisation number",
      org({ organisationNumber: "212000-9904" }),
      "organisation 1 (*): organisationNumber: not a valid organisation number",
    ],
    [
      "a unit that does not exist",
      org({
        controllers: [{ id: "a", name: { sv: "A", en: "A" }, units: ["soc", "skola", "fritid"] }],
      }),
      'organisation 1 (*): controllers.0.units.2: "fritid" is not a unit in UNITS_FILE',
    ],
    [
      "a unit under two boards",
      org({
        controllers: [
          { id: "a", name: { sv: "A", en: "A" }, units: ["soc", "skola"] },
          { id: "b", name: { sv: "B", en: "B" }, units: ["soc"] },
        ],
      }),
      'organisation 1 (*): controllers.1.units.0: "soc" already belongs to a',
    ],
    [
      "a unit without a board",
      org({ controllers: [{ id: "a", name: { sv: "A", en: "A" }, units: ["soc"] }] }),
      'organisation 1 (*): controllers: unit "skola" has no controller',
    ],
    [
      "a DSO without an e-mail address",
      org({ dso: { name: "D", email: "nope" } }),
      "organisation 1 (*): dso.email",
    ],
  ])("stops the start on %s, naming the file and the entry", (_what, entry, message) => {
    const file = write({ organisations: [entry] });
    expect(() => loadOrganisations(file, units)).toThrow(`${file}: ${message}`);
  });
});
