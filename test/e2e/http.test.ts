import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aUser, type Harness, startHarness } from "../support/harness.js";

let local: Harness;
let authenticated: Harness;

beforeAll(async () => {
  [local, authenticated] = await Promise.all([
    startHarness(),
    startHarness({
      env: {
        MicrosoftAppId: "6c1b2a3d-0000-4000-8000-00000000b07a",
        MicrosoftAppPassword: "not-a-real-secret",
        MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555",
        HOST: "127.0.0.1",
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([local?.close(), authenticated?.close()]);
});

async function post(h: Harness, body: string, headers: Record<string, string> = {}) {
  return fetch(`${h.app.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("the HTTP endpoint", () => {
  it("answers /healthz and /readyz while the store is up", async () => {
    expect((await fetch(`${local.app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${local.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("answers malformed JSON with 400 and keeps running", async () => {
    expect((await post(local, "{not json")).status).toBe(400);
    expect((await fetch(`${local.app.url}/healthz`)).status).toBe(200);
  });

  it("answers an activity without conversation, sender or service URL with 400, naming the fields", async () => {
    const response = await post(local, JSON.stringify({ type: "message", text: "hej" }));
    expect(response.status).toBe(400);
    expect((await response.json()).fields).toEqual(
      expect.arrayContaining(["serviceUrl", "conversation", "from"]),
    );
  });

  it("answers a request over 256 KB with 413 and nothing reaches the bot", async () => {
    const chat = local.personal(aUser());
    const huge = chat.activity({ type: "message", text: "x".repeat(300 * 1024) });
    const before = local.connector.captured.length;
    expect((await post(local, JSON.stringify(huge))).status).toBe(413);
    expect(local.connector.captured.length).toBe(before);
  });
});

describe("security headers", () => {
  it("the tab's page may be framed by Teams only and loads only from its own origin", async () => {
    const page = await fetch(`${local.app.url}/tab/index.html`);
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com .*https:\/\/\*\.cloud\.microsoft/,
    );
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("API answers, refusals and unknown paths are data: nosniff, nothing may load or frame them, no internals", async () => {
    for (const [path, init] of [
      ["/tab/api/setup", {}],
      ["/tab/api/cases", {}],
      ["/healthz", {}],
      ["/no/such/path", {}],
      ["/api/messages", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }],
    ] as const) {
      const response = await fetch(`${local.app.url}${path}`, init);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("content-security-policy"), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(await response.text(), path).not.toMatch(/does not exist|Error|at \//);
    }
  });
});

describe("authentication when an app id is configured", () => {
  it("rejects a POST without a token with 401 and does not answer it", async () => {
    const chat = authenticated.personal(aUser());
    const before = authenticated.connector.captured.length;
    const response = await post(
      authenticated,
      JSON.stringify(chat.activity({ type: "message", text: "hjälp" })),
    );
    expect(response.status).toBe(401);
    expect(authenticated.connector.captured.length).toBe(before);
  });

  it("rejects a garbage bearer token with 401", async () => {
    const chat = authenticated.personal(aUser());
    const response = await post(
      authenticated,
      JSON.stringify(chat.activity({ type: "message", text: "hjälp" })),
      {
        authorization: "Bearer garbage",
      },
    );
    expect(response.status).toBe(401);
  });

  it("still accepts the same request in local mode, where no app id is set", async () => {
    const result = await local.personal(aUser()).say("hjälp");
    expect(result.status).toBe(200);
    expect(result.cards).toHaveLength(1);
  });
});
