import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { TAB_ADMIN, tabGet } from "../support/tab.js";
import { TEST_TENANT } from "../support/teams-client.js";
import { TestClock } from "../support/test-clock.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

const APP_ID = randomUUID();
const SSO_URI = `api://varna.example.se/${APP_ID}`;
const clock = new TestClock();
let app: App;
let ts: TestStore;
let microsoftKey: CryptoKey;
let strangerKey: CryptoKey;

/** A Teams SSO token as Entra ID issues it, signed with `key`; `claims` overrides what the test is about. */
async function ssoToken(
  claims: Record<string, unknown> = {},
  key = microsoftKey,
  kid = "microsoft-1",
): Promise<string> {
  const { iss, aud, exp, ...rest } = {
    iss: `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`,
    aud: SSO_URI,
    exp: Math.floor(clock.now().getTime() / 1000) + 3600,
    oid: TAB_ADMIN,
    tid: TEST_TENANT,
    ...claims,
  } as Record<string, unknown>;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: "RS256", kid })
    .setIssuer(iss as string)
    .setAudience(aud as string)
    .setIssuedAt()
    .setExpirationTime(exp as number)
    .sign(key);
}

const statistics = (token: string) => tabGet(app.url, "/tab/api/statistics?from=2026-01&to=2026-12", token);

beforeAll(async () => {
  const microsoft = await generateKeyPair("RS256");
  microsoftKey = microsoft.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  const jwk: JWK = {
    ...(await exportJWK(microsoft.publicKey)),
    kid: "microsoft-1",
    alg: "RS256",
    use: "sig",
  };
  ts = await openTestStore(clock);
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATA_DIR: ts.dataDir,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: "test-secret",
    MicrosoftAppTenantId: TEST_TENANT,
    ADMIN_AAD_IDS: TAB_ADMIN,
    TAB_SSO_AUDIENCE: SSO_URI,
  });
  app = await startApp(config, {
    store: ts.store,
    clock,
    log: createLogger("silent"),
    tabKeys: createLocalJWKSet({ keys: [jwk] }),
  });
});
afterAll(async () => {
  await app?.close();
  await ts?.dispose();
});

describe("with an app id, the tab accepts only Teams SSO tokens signed by Microsoft for this app and tenant", () => {
  it("an administrator's SSO token gets the statistics (v2 and v1 issuers, URI or app id as audience)", async () => {
    expect((await statistics(await ssoToken())).status).toBe(200);
    const v1 = await ssoToken({ iss: `https://sts.windows.net/${TEST_TENANT}/`, aud: APP_ID });
    expect((await statistics(v1)).status).toBe(200);
  });

  it("a staff member's valid token gets 403", async () => {
    expect((await statistics(await ssoToken({ oid: randomUUID() }))).status).toBe(403);
  });

  it.each([
    ["signed with another key", () => ssoToken({}, strangerKey)],
    ["signed with another key under Microsoft's key id", () => ssoToken({}, strangerKey, "microsoft-1")],
    ["for another app", () => ssoToken({ aud: `api://elsewhere/${randomUUID()}` })],
    ["from another tenant", () => ssoToken({ iss: "https://login.microsoftonline.com/other-tenant/v2.0" })],
    ["naming another tenant in tid", () => ssoToken({ tid: randomUUID() })],
    ["expired", () => ssoToken({ exp: Math.floor(clock.now().getTime() / 1000) - 3600 })],
    ["without an object id", () => ssoToken({ oid: undefined })],
    ["the local development token", async () => `dev:${TAB_ADMIN}`],
  ])("a token %s gets 401", async (_what, token) => {
    expect((await statistics(await token())).status).toBe(401);
  });
});
