import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotIdentityStandIn, unreachableEndpoints } from "../support/bot-identity.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { postHead, rawRequest } from "../support/raw-http.js";
import { TEST_TENANT, TeamsClient } from "../support/teams-client.js";

/**
 * Production authentication through botbuilder's own validator: tokens are
 * signed here and published by a local stand-in for the Bot Framework's
 * OpenID metadata, so nothing of the SDK is mocked.
 */
const APP_ID = randomUUID();
const env = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: "not-a-real-secret",
  MicrosoftAppTenantId: TEST_TENANT,
  HOST: "127.0.0.1",
};
let identity: BotIdentityStandIn;
let bot: Harness;
let unreachable: Harness;

beforeAll(async () => {
  identity = await new BotIdentityStandIn().start();
  [bot, unreachable] = await Promise.all([
    startHarness({ env, botIdentity: identity.endpoints() }),
    startHarness({ env, botIdentity: await unreachableEndpoints() }),
  ]);
});
afterAll(async () => {
  await Promise.all([bot?.close(), unreachable?.close(), identity?.stop()]);
});

/** A person's chat whose every request carries `authorization`. */
function chatWith(h: Harness, authorization: string | undefined): TeamsClient {
  const user = aUser();
  return new TeamsClient(
    h.app.url,
    h.connector,
    user,
    { kind: "personal", id: `a:personal-${user.aadObjectId}` },
    TEST_TENANT,
    authorization,
  );
}

const validToken = (h: Harness) => identity.token(APP_ID, h.connector.url);
/** An invoke answered in the HTTP response itself (no outbound call, which would need Entra ID). */
const myCases = (chat: TeamsClient) => chat.execute("cases.mine", {});

describe("Bot Framework tokens when an app id is configured", () => {
  it("serves a request whose token the Bot Framework signed for this bot and this serviceUrl", async () => {
    const result = await myCases(chatWith(bot, `Bearer ${await validToken(bot)}`));
    expect(result.status).toBe(200);
    expect(result.cards).toHaveLength(1);
  });

  const forged: [string, () => Promise<string>][] = [
    [
      "a wrong issuer",
      () => identity.token(APP_ID, bot.connector.url, { claims: { iss: "https://evil.example" } }),
    ],
    [
      "another bot's audience",
      () => identity.token(APP_ID, bot.connector.url, { claims: { aud: randomUUID() } }),
    ],
    [
      "an expired token",
      async () => {
        const past = Math.floor(Date.now() / 1000) - 7200;
        return identity.token(APP_ID, bot.connector.url, {
          claims: { iat: past, nbf: past, exp: past + 600 },
        });
      },
    ],
    [
      "a token not valid yet",
      async () => {
        const later = Math.floor(Date.now() / 1000) + 7200;
        return identity.token(APP_ID, bot.connector.url, { claims: { nbf: later, exp: later + 3600 } });
      },
    ],
    [
      "an unknown signing key",
      () => identity.token(APP_ID, bot.connector.url, { foreignKey: true, kid: "unknown" }),
    ],
    [
      "a known key id over a forged signature",
      () => identity.token(APP_ID, bot.connector.url, { foreignKey: true }),
    ],
    [
      "alg: none",
      async () => {
        const [, payload] = (await validToken(bot)).split(".");
        const header = Buffer.from(JSON.stringify({ alg: "none", kid: identity.kid, typ: "JWT" })).toString(
          "base64url",
        );
        return `${header}.${payload}.`;
      },
    ],
    [
      "a token with its signature cut off",
      async () => {
        const [header, payload] = (await validToken(bot)).split(".");
        return `${header}.${payload}.`;
      },
    ],
    ["a token issued for another serviceUrl", () => identity.token(APP_ID, "https://smba.evil.example/")],
    [
      "a token without a serviceUrl claim",
      () => identity.token(APP_ID, "", { claims: { serviceurl: undefined } }),
    ],
  ];

  it.each(forged)("refuses %s with a plain 401, and nothing reaches the bot", async (_name, token) => {
    const chat = chatWith(bot, `Bearer ${await token()}`);
    const before = bot.connector.captured.length;
    const result = await myCases(chat);
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: "authorization required" });
    expect(bot.connector.captured.length).toBe(before);
    expect(
      await bot.testStore.store.containers.conversations
        .item(`user-${chat.user.aadObjectId}`, TEST_TENANT)
        .read(),
    ).toMatchObject({ statusCode: 404 });
  });

  it("answers 503 when the identity metadata cannot be fetched, with the reason in the log only", async () => {
    const token = await identity.token(APP_ID, unreachable.connector.url);
    const result = await myCases(chatWith(unreachable, `Bearer ${token}`));
    expect(result.status).toBe(503);
    expect(result.body).toEqual({ error: "service unavailable" });
  });

  it("refuses a request without a bearer token before reading its body", async () => {
    const port = Number(new URL(bot.app.url).port);
    // The head announces 100 KB but only 10 bytes follow: the answer comes without waiting for the rest.
    const response = await rawRequest(port, {
      head: postHead(["Content-Type: application/json", "Content-Length: 100000"]),
      body: '{"type":"m',
    });
    expect(response.status).toBe(401);
    expect(response.text).toContain('{"error":"authorization required"}');
  });

  it("refuses Web Chat and other tenants' activities with 403, even with a valid token", async () => {
    const chat = chatWith(bot, `Bearer ${await validToken(bot)}`);
    const webChat = await chat.post(chat.activity({ type: "message", text: "hjälp", channelId: "webchat" }));
    expect(webChat.status).toBe(403);
    const stranger = "99999999-2222-3333-4444-555555555555";
    const otherTenant = await chat.post(
      chat.activity({
        type: "message",
        text: "hjälp",
        conversation: { id: "a:x", conversationType: "personal", tenantId: stranger },
        channelData: { tenant: { id: stranger } },
      }),
    );
    expect(otherTenant.status).toBe(403);
  });
});
