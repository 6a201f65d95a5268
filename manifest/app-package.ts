import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { unzipSync, zipSync } from "fflate";
import { PNG } from "pngjs";
import { z } from "zod";

/** The folder with the template, localization files and icons. */
export const MANIFEST_DIR = path.dirname(__filename);

/** Microsoft's published Teams manifest schemas, from the @microsoft/app-manifest package (validated offline). */
const SCHEMA_DIR = path.join(
  path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
  "build",
  "json-schemas",
  "teams",
  "v1.22",
);

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "must be a GUID");
const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => u.startsWith("https://"), "must start with https://");

/** What the template needs from the environment (or .env). */
export const PackageEnvSchema = z
  .object({
    TEAMS_APP_ID: guid,
    MicrosoftAppId: guid,
    SSO_APP_ID: guid,
    BOT_DOMAIN: z
      .string()
      .trim()
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        "must be a host name such as varna-bot.azurewebsites.net (no https://, no path)",
      ),
    APP_VERSION: z
      .string()
      .trim()
      .regex(/^\d+\.\d+\.\d+$/, "must look like 1.2.3")
      .optional(),
    PUBLISHER_NAME: z.string().trim().min(1).max(32).default("Värna"),
    WEBSITE_URL: httpsUrl.optional(),
    PRIVACY_URL: httpsUrl.optional(),
    TERMS_URL: httpsUrl.optional(),
  })
  .transform((env) => {
    const website = env.WEBSITE_URL ?? `https://${env.BOT_DOMAIN}/`;
    return {
      ...env,
      WEBSITE_URL: website,
      PRIVACY_URL: env.PRIVACY_URL ?? website,
      TERMS_URL: env.TERMS_URL ?? website,
    };
  });

export type PackageEnv = z.output<typeof PackageEnvSchema>;

/** A problem an administrator can act on, phrased as one line. */
export class PackageError extends Error {}

/** Validates the environment; throws PackageError naming the first bad key. */
export function packageEnvFrom(source: NodeJS.ProcessEnv): PackageEnv {
  const parsed = PackageEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join(".");
    const message = issue.code === "invalid_type" && source[key] === undefined ? "is not set" : issue.message;
    throw new PackageError(`${key} ${message}`);
  }
  return parsed.data;
}

function appVersion(env: PackageEnv): string {
  if (env.APP_VERSION) return env.APP_VERSION;
  const pkg = JSON.parse(readFileSync(path.join(MANIFEST_DIR, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Fills `${{KEY}}` placeholders in the template; every placeholder must have a value. */
export function renderManifest(template: string, env: PackageEnv): string {
  const values: Record<string, string> = { ...env, APP_VERSION: appVersion(env) };
  return template.replace(/\$\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new PackageError(`the manifest template uses \${{${key}}}, which has no value`);
    // JSON.stringify escapes quotes and backslashes; strip the surrounding quotes it adds.
    return JSON.stringify(value).slice(1, -1);
  });
}

/** The files of the package, by name. The template's localization files and icons come from `dir`. */
export function appPackageFiles(env: PackageEnv, dir = MANIFEST_DIR): Record<string, Uint8Array> {
  const manifestText = renderManifest(readFileSync(path.join(dir, "manifest.template.json"), "utf8"), env);
  const manifest = parseJson(manifestText, "manifest.template.json") as ManifestShape;
  const files: Record<string, Uint8Array> = { "manifest.json": Buffer.from(manifestText) };
  const referenced = [
    manifest.icons?.color,
    manifest.icons?.outline,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ];
  for (const name of referenced) {
    if (typeof name !== "string") continue;
    files[name] = readFileSync(path.join(dir, name));
  }
  return files;
}

/** Zips the files with a fixed timestamp, so the same input gives the same package. */
export function zipPackage(files: Record<string, Uint8Array>): Uint8Array {
  const mtime = new Date("2024-01-01T00:00:00Z");
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]])));
}

interface ManifestShape {
  manifestVersion?: unknown;
  icons?: { color?: unknown; outline?: unknown };
  localizationInfo?: { additionalLanguages?: { languageTag: string; file: unknown }[] };
  bots?: { commandLists?: { commands?: { title: string; description: string }[] }[] }[];
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new PackageError(`${name} is not valid JSON: ${(err as Error).message}`);
  }
}

const validators = new Map<string, ValidateFunction>();

function schemaValidator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    // The published schemas use patterns that are only valid without the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), "utf8")));
    validators.set(file, validate);
  }
  return validate;
}

function schemaProblems(file: string, data: unknown, name: string): string[] {
  const validate = schemaValidator(file);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${name}${e.instancePath || ""}: ${e.message}${paramsText(e.params)}`,
  );
}

function paramsText(params: Record<string, unknown>): string {
  const detail = params.additionalProperty ?? params.allowedValues ?? params.pattern;
  return detail === undefined ? "" : ` (${Array.isArray(detail) ? detail.join(", ") : String(detail)})`;
}

const ICON_SIZES = { color: 192, outline: 32 } as const;

function iconProblems(files: Record<string, Uint8Array>, manifest: ManifestShape): string[] {
  const problems: string[] = [];
  for (const kind of ["color", "outline"] as const) {
    const name = manifest.icons?.[kind];
    if (typeof name !== "string") continue; // the schema reports a missing icon
    const data = files[name];
    if (!data) {
      problems.push(`${name}: the ${kind} icon is not in the package`);
      continue;
    }
    let png: PNG;
    try {
      png = PNG.sync.read(Buffer.from(data));
    } catch {
      problems.push(`${name}: the ${kind} icon is not a PNG`);
      continue;
    }
    const size = ICON_SIZES[kind];
    if (png.width !== size || png.height !== size) {
      problems.push(`${name}: the ${kind} icon is ${png.width}×${png.height}, it must be ${size}×${size}`);
    }
    if (kind === "outline" && !whiteOnTransparent(png)) {
      problems.push(`${name}: the outline icon must be white on a transparent background`);
    }
  }
  return problems;
}

/** Teams' rule for the outline icon: every visible pixel is white, the rest transparent. */
function whiteOnTransparent(png: PNG): boolean {
  let transparent = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) return false;
  }
  return transparent > 0;
}

/** Every command of the default language must have a title and description in each other language. */
function localizationProblems(files: Record<string, Uint8Array>, manifest: ManifestShape): string[] {
  const problems: string[] = [];
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    if (typeof file !== "string") continue;
    const data = files[file];
    if (!data) {
      problems.push(`${file}: the ${languageTag} localization file is not in the package`);
      continue;
    }
    const strings = parseJson(Buffer.from(data).toString("utf8"), file) as Record<string, unknown>;
    problems.push(...schemaProblems("MicrosoftTeams.Localization.schema.json", strings, file));
    manifest.bots?.forEach((bot, b) => {
      bot.commandLists?.forEach((list, l) => {
        list.commands?.forEach((_, c) => {
          for (const field of ["title", "description"]) {
            const key = `bots[${b}].commandLists[${l}].commands[${c}].${field}`;
            if (typeof strings[key] !== "string") problems.push(`${file}: "${key}" is missing`);
          }
        });
      });
    });
  }
  return problems;
}

/** Checks a built package the way Teams would; returns every problem found (empty when it is fine). */
export function validateAppPackage(zip: Uint8Array): string[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    return ["the package is not a zip file"];
  }
  const manifestBytes = files["manifest.json"];
  if (!manifestBytes) return ["manifest.json is not at the root of the package"];
  let manifest: ManifestShape;
  try {
    manifest = parseJson(Buffer.from(manifestBytes).toString("utf8"), "manifest.json") as ManifestShape;
  } catch (err) {
    return [(err as Error).message];
  }
  if (manifest.manifestVersion !== "1.22") {
    return [`manifest.json: manifestVersion must be "1.22", the schema version validated against`];
  }
  return [
    ...schemaProblems("MicrosoftTeams.schema.json", manifest, "manifest.json"),
    ...iconProblems(files, manifest),
    ...localizationProblems(files, manifest),
  ];
}

/** Builds and validates the package; throws PackageError listing the problems when it is not valid. */
export function buildAppPackage(env: PackageEnv, dir = MANIFEST_DIR): Uint8Array {
  const zip = zipPackage(appPackageFiles(env, dir));
  const problems = validateAppPackage(zip);
  if (problems.length > 0) {
    throw new PackageError(`the app package is not valid:\n  ${problems.join("\n  ")}`);
  }
  return zip;
}
