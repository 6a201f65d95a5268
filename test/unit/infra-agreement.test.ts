import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_KEYS } from "../../src/config.js";
import { CONTAINERS } from "../../src/store/containers.js";

const ROOT = path.resolve(__dirname, "../..");
const APP_SERVICE = "infra/modules/appservice.bicep";
const COSMOS = "infra/modules/cosmos.bicep";

/**
 * Settings the app reads that Azure deliberately leaves unset, each with the reason.
 * A key added to src/config.ts must be set in infra/modules/appservice.bicep or listed here.
 */
const OPTIONAL_IN_AZURE: Record<string, string> = {
  PORT: "App Service sets PORT for the Node container",
  HOST: "defaults to 0.0.0.0 once MicrosoftAppId is set",
  ALLOW_UNAUTHENTICATED_REMOTE: "local development only; must never be set in Azure",
  COSMOS_KEY: "Azure signs in with the managed identity; account keys are disabled",
  DATA_DIR: "the embedded store only (no COSMOS_ENDPOINT)",
  EMBEDDED_COSMOS_PORT: "the embedded store only (no COSMOS_ENDPOINT)",
  UNITS_FILE: "defaults to cards/org/units.json, which the municipality edits before deploying",
  ORGANISATION_FILE: "defaults to cards/org/organisation.json, which the municipality edits before deploying",
  SEND_RULES_FILE: "the baseline rules apply unless the municipality deploys its own override file",
  SEND_LEXICON_FILE: "the baseline words apply unless the municipality deploys its own lexicon file",
  DEADLINE_WATCH_SECONDS: "the default (every 60 s) suits production",
  DIGEST_SCHEDULE: "defaults to Monday 08:00; a municipality changes it only if it wants another time",
  DIGEST_TIMEZONE: "defaults to Europe/Stockholm",
  DIGEST_RATE_PER_SECOND: "defaults to 30/s, within Teams' 50/s per app and tenant",
  DIGEST_PER_CONVERSATION_PER_SECOND: "defaults to Teams' 7/s per conversation",
  DIGEST_MAX_ATTEMPTS: "defaults to 6 attempts",
  DIGEST_LEASE_SECONDS: "defaults to 60 s",
  TRAINING_CALENDAR_FILE:
    "defaults to cards/org/training-calendar.json, which the municipality edits before deploying",
};

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

/** The text of each `{ ... }` block that starts after a match of `start`, braces balanced. */
function blocksAfter(text: string, start: RegExp): string[] {
  const blocks: string[] = [];
  for (const match of text.matchAll(start)) {
    const open = text.indexOf("{", match.index! + match[0].length);
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        blocks.push(text.slice(open + 1, i));
        break;
      }
    }
  }
  return blocks;
}

/** Keys of the app settings objects (`var <anything>Settings = ... { KEY: value }`), top level only. */
function bicepAppSettingKeys(bicep: string): Set<string> {
  const keys = new Set<string>();
  for (const block of blocksAfter(bicep, /^var \w*Settings = /gm)) {
    let depth = 0;
    for (const line of block.split("\n")) {
      const key = depth === 0 ? /^\s*'?([A-Za-z_][A-Za-z0-9_]*)'?\s*:/.exec(line)?.[1] : undefined;
      if (key) keys.add(key);
      depth += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
    }
  }
  return keys;
}

interface BicepContainer {
  partitionKey: string;
  ttl: boolean;
}

/** The entries of `var containers = [ { name: '...' partitionKey: '...' ttl: ... } ]`. */
function bicepContainers(bicep: string): Map<string, BicepContainer> {
  const list = /^var containers = \[([\s\S]*?)^\]/m.exec(bicep)?.[1] ?? "";
  const found = new Map<string, BicepContainer>();
  for (const entry of list.matchAll(/\{([^}]*)\}/g)) {
    const body = entry[1]!;
    const name = /name:\s*'([^']+)'/.exec(body)?.[1];
    const partitionKey = /partitionKey:\s*'([^']+)'/.exec(body)?.[1];
    const ttl = /ttl:\s*(true|false)/.exec(body)?.[1];
    if (name && partitionKey && ttl) found.set(name, { partitionKey, ttl: ttl === "true" });
  }
  return found;
}

/** What is wrong between the keys the app reads and the Bicep app settings, one line per problem. */
function settingProblems(appKeys: readonly string[], bicep: string): string[] {
  const set = bicepAppSettingKeys(bicep);
  return appKeys
    .filter((key) => !set.has(key) && !(key in OPTIONAL_IN_AZURE))
    .map(
      (key) =>
        `src/config.ts reads ${key}, but ${APP_SERVICE} does not set it in appSettings: ` +
        `add it there, or to OPTIONAL_IN_AZURE in test/unit/infra-agreement.test.ts with the reason`,
    );
}

/** What is wrong between src/store/containers.ts and the Bicep containers, one line per problem. */
function containerProblems(
  app: Record<string, { partitionKey: string; ttl: boolean }>,
  bicep: string,
): string[] {
  const declared = bicepContainers(bicep);
  const problems: string[] = [];
  for (const [name, { partitionKey, ttl }] of Object.entries(app)) {
    const c = declared.get(name);
    if (!c) {
      problems.push(
        `container "${name}" (partition key ${partitionKey}) is in src/store/containers.ts but not in ` +
          `${COSMOS} (var containers): add { name: '${name}' partitionKey: '${partitionKey}' ttl: ${ttl} }`,
      );
      continue;
    }
    if (c.partitionKey !== partitionKey) {
      problems.push(
        `container "${name}": src/store/containers.ts partitions by ${partitionKey}, ${COSMOS} by ${c.partitionKey}`,
      );
    }
    if (c.ttl !== ttl) {
      problems.push(
        `container "${name}": src/store/containers.ts has ttl: ${ttl}, ${COSMOS} has ttl: ${c.ttl}`,
      );
    }
  }
  for (const name of declared.keys()) {
    if (!(name in app)) problems.push(`container "${name}" is in ${COSMOS} but the app does not use it`);
  }
  return problems;
}

describe("infrastructure and app agree", () => {
  it("every setting the app reads is set by the App Service settings in Bicep, or is listed as optional with a reason", () => {
    expect(ENV_KEYS).toContain("COSMOS_ENDPOINT");
    expect(settingProblems(ENV_KEYS, read(APP_SERVICE))).toEqual([]);
  });

  it("the optional list names only keys the app reads and Bicep leaves unset", () => {
    const set = bicepAppSettingKeys(read(APP_SERVICE));
    const known = new Set<string>(ENV_KEYS);
    const stale = Object.keys(OPTIONAL_IN_AZURE).filter((k) => !known.has(k) || set.has(k));
    expect(stale).toEqual([]);
  });

  it("no account key reaches the app: Cosmos DB is reached through the managed identity only", () => {
    const bicep = read(APP_SERVICE);
    expect(bicepAppSettingKeys(bicep).has("COSMOS_KEY")).toBe(false);
    expect(read(COSMOS)).toContain("disableLocalAuth: true");
    expect(read(COSMOS)).toContain("var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'");
  });

  it("every container the app uses is declared in Bicep with the same partition key and TTL", () => {
    expect(containerProblems(CONTAINERS, read(COSMOS))).toEqual([]);
  });

  it("a Bicep file that forgets a setting or a container is caught, naming what is missing and where", () => {
    const bicep = read(APP_SERVICE).replace(/^\s*COSMOS_ENDPOINT:.*$/m, "");
    expect(settingProblems(ENV_KEYS, bicep)).toEqual([
      `src/config.ts reads COSMOS_ENDPOINT, but ${APP_SERVICE} does not set it in appSettings: ` +
        "add it there, or to OPTIONAL_IN_AZURE in test/unit/infra-agreement.test.ts with the reason",
    ]);
    const withNewContainer = { ...CONTAINERS, digests: { partitionKey: "/orgId", ttl: true } };
    const wrongKey = read(COSMOS).replace("partitionKey: '/caseId'", "partitionKey: '/orgId'");
    expect(containerProblems(withNewContainer, wrongKey)).toEqual([
      `container "events": src/store/containers.ts partitions by /caseId, ${COSMOS} by /orgId`,
      `container "digests" (partition key /orgId) is in src/store/containers.ts but not in ${COSMOS} ` +
        "(var containers): add { name: 'digests' partitionKey: '/orgId' ttl: true }",
    ]);
  });

  it("the parameters file only sets parameters main.bicep declares, and gives every required one", () => {
    const main = read("infra/main.bicep");
    const declared = [...main.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => ({
      name: m[1]!,
      required: !m[2],
    }));
    const given = Object.keys(
      (JSON.parse(read("infra/main.parameters.json")) as { parameters: object }).parameters,
    );
    expect(given.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
    expect(declared.filter((d) => d.required && !given.includes(d.name)).map((d) => d.name)).toEqual([]);
  });
});
