import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  appPackageFiles,
  buildAppPackage,
  MANIFEST_DIR,
  PackageError,
  packageEnvFrom,
  validateAppPackage,
  zipPackage,
} from "../../manifest/app-package.js";

const ENV = {
  TEAMS_APP_ID: "6f1c2a9e-0b7d-4c55-9a51-2d3e4f5a6b7c",
  MicrosoftAppId: "0d9a8b7c-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
  SSO_APP_ID: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
  BOT_DOMAIN: "varna-kommun.azurewebsites.net",
};

/** A copy of manifest/ to break on purpose. */
function manifestCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), "varna-manifest-"));
  for (const f of ["manifest.template.json", "en.json", "color.png", "outline.png"]) {
    cpSync(path.join(MANIFEST_DIR, f), path.join(dir, f));
  }
  change(dir);
  return dir;
}

function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
}

function png(size: number, rgba: [number, number, number, number]): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let i = 0; i < image.data.length; i += 4) image.data.set(rgba, i);
  return PNG.sync.write(image);
}

function problemsOf(dir: string): string {
  try {
    buildAppPackage(packageEnvFrom(ENV), dir);
  } catch (err) {
    if (err instanceof PackageError) return err.message;
    throw err;
  }
  throw new Error("the package was accepted");
}

describe("the Teams app package", () => {
  it("an administrator builds the package from the environment and it passes the schema, icon and language checks", () => {
    const zip = buildAppPackage(packageEnvFrom(ENV));
    expect(validateAppPackage(zip)).toEqual([]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["color.png", "en.json", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(Buffer.from(files["manifest.json"]!).toString("utf8"));
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(ENV.MicrosoftAppId);
    expect(manifest.bots[0].scopes).toEqual(["personal", "team", "groupChat"]);
    expect(manifest.validDomains).toEqual([ENV.BOT_DOMAIN]);
    expect(manifest.webApplicationInfo).toEqual({
      id: ENV.SSO_APP_ID,
      resource: `api://${ENV.BOT_DOMAIN}/${ENV.SSO_APP_ID}`,
    });
    expect(manifest.configurableTabs[0].configurationUrl).toBe(`https://${ENV.BOT_DOMAIN}/tab/config.html`);
    expect(manifest.developer.privacyUrl).toBe(`https://${ENV.BOT_DOMAIN}/`);
    const titles = (scope: string) =>
      manifest.bots[0].commandLists
        .find((l: { scopes: string[] }) => l.scopes.includes(scope))
        .commands.map((c: { title: string }) => c.title);
    expect(titles("personal")).toEqual(["rapportera", "skicka", "mina ärenden", "hjälp"]);
    expect(titles("team")).toEqual(expect.arrayContaining(["setup dso", "digest now", "rapportera"]));
    const en = JSON.parse(Buffer.from(files["en.json"]!).toString("utf8"));
    expect(en["bots[0].commandLists[0].commands[2].title"]).toBe("my cases");
  });

  it("the same environment gives the same package, byte for byte", () => {
    const env = packageEnvFrom(ENV);
    expect(Buffer.from(buildAppPackage(env)).equals(Buffer.from(buildAppPackage(env)))).toBe(true);
  });

  it("a manifest with a property Teams does not know is refused, naming the property", () => {
    const dir = manifestCopy((d) =>
      editJson(path.join(d, "manifest.template.json"), (m) => {
        m.botCommands = [];
      }),
    );
    expect(problemsOf(dir)).toContain("manifest.json: must NOT have additional properties (botCommands)");
  });

  it("a bot in a scope Teams does not offer is refused", () => {
    const dir = manifestCopy((d) =>
      editJson(path.join(d, "manifest.template.json"), (m) => {
        (m.bots as { scopes: string[] }[])[0]!.scopes = ["personal", "meeting"];
      }),
    );
    expect(problemsOf(dir)).toContain(
      "manifest.json/bots/0/scopes/1: must be equal to one of the allowed values",
    );
  });

  it("a colour icon of the wrong size is refused", () => {
    const dir = manifestCopy((d) => writeFileSync(path.join(d, "color.png"), png(100, [31, 78, 121, 255])));
    expect(problemsOf(dir)).toContain("color.png: the color icon is 100×100, it must be 192×192");
  });

  it("an outline icon that is not white on transparent is refused", () => {
    const dir = manifestCopy((d) => writeFileSync(path.join(d, "outline.png"), png(32, [31, 78, 121, 255])));
    expect(problemsOf(dir)).toContain(
      "outline.png: the outline icon must be white on a transparent background",
    );
  });

  it("an English translation that misses a command is refused, naming the key", () => {
    const dir = manifestCopy((d) =>
      editJson(path.join(d, "en.json"), (en) => {
        delete en["bots[0].commandLists[1].commands[0].title"];
      }),
    );
    expect(problemsOf(dir)).toContain('en.json: "bots[0].commandLists[1].commands[0].title" is missing');
  });

  it("a zip without manifest.json at its root is refused", () => {
    const files = appPackageFiles(packageEnvFrom(ENV));
    const { "manifest.json": manifest, ...rest } = files;
    expect(manifest).toBeDefined();
    expect(validateAppPackage(zipPackage({ ...rest, "app/manifest.json": manifest! }))).toEqual([
      "manifest.json is not at the root of the package",
    ]);
  });

  it("a missing or malformed id in the environment stops the build with one line naming the key", () => {
    const { MicrosoftAppId: _, ...withoutBot } = ENV;
    expect(() => packageEnvFrom(withoutBot)).toThrow("MicrosoftAppId is not set");
    expect(() => packageEnvFrom({ ...ENV, BOT_DOMAIN: "https://varna.example.se/" })).toThrow(
      "BOT_DOMAIN must be a host name such as varna-bot.azurewebsites.net (no https://, no path)",
    );
    expect(() => packageEnvFrom({ ...ENV, SSO_APP_ID: "api://varna" })).toThrow("SSO_APP_ID must be a GUID");
  });

  it("a publisher name with quotes still gives a valid manifest", () => {
    const zip = buildAppPackage(packageEnvFrom({ ...ENV, PUBLISHER_NAME: 'Kommun "Norr"' }));
    const manifest = JSON.parse(Buffer.from(unzipSync(zip)["manifest.json"]!).toString("utf8"));
    expect(manifest.developer.name).toBe('Kommun "Norr"');
  });
});
