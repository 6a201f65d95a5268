import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const APP = {
  MicrosoftAppId: "6c1b2a3d-0000-4000-8000-00000000b07a",
  MicrosoftAppPassword: "secret",
  MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555",
};

describe("configuration", () => {
  it("starts with no environment at all: local mode, loopback only, embedded store in ./data", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.host).toBe("127.0.0.1");
    expect(config.auth).toEqual({ mode: "local" });
    expect(config.store).toMatchObject({ mode: "embedded", database: "varna" });
    expect(config.store.mode === "embedded" && config.store.dataDir.endsWith("/data")).toBe(true);
  });

  it("names the key and the problem in one line for a bad value", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/^PORT: /);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/^LOG_LEVEL: /);
    expect(() => loadConfig({ ADMIN_AAD_IDS: "not-a-guid" })).toThrow(
      /^ADMIN_AAD_IDS\.0: each entry must be an Entra object id/,
    );
  });

  it("never exposes an unauthenticated bot beyond loopback unless told to explicitly", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/would expose an unauthenticated bot/);
    expect(loadConfig({ ALLOW_UNAUTHENTICATED_REMOTE: "true" }).host).toBe("0.0.0.0");
    expect(loadConfig({ ALLOW_UNAUTHENTICATED_REMOTE: "false" }).host).toBe("127.0.0.1");
  });

  it("refuses production without an app id", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /MicrosoftAppId is required when NODE_ENV=production/,
    );
  });

  it("uses single-tenant authentication with an app id, and listens on all interfaces", () => {
    const config = loadConfig({ ...APP, NODE_ENV: "production" });
    expect(config.auth).toEqual({
      mode: "SingleTenant",
      appId: APP.MicrosoftAppId,
      password: "secret",
      tenantId: APP.MicrosoftAppTenantId,
    });
    expect(config.host).toBe("0.0.0.0");
  });

  it("asks for the password of a single-tenant bot, or a managed identity instead", () => {
    expect(() => loadConfig({ ...APP, MicrosoftAppPassword: "" })).toThrow(
      /MicrosoftAppPassword is required/,
    );
    const msi = loadConfig({ ...APP, MicrosoftAppPassword: "", MicrosoftAppType: "UserAssignedMSI" });
    expect(msi.auth).toEqual({
      mode: "UserAssignedMSI",
      appId: APP.MicrosoftAppId,
      tenantId: APP.MicrosoftAppTenantId,
    });
  });

  it("uses Azure Cosmos DB when an endpoint is set, with a key or the managed identity", () => {
    expect(
      loadConfig({ COSMOS_ENDPOINT: "https://x.documents.azure.com:443/", COSMOS_KEY: "k" }).store,
    ).toMatchObject({
      mode: "azure",
      key: "k",
    });
    expect(
      loadConfig({ COSMOS_ENDPOINT: "https://x.documents.azure.com:443/", AZURE_CLIENT_ID: "id" }).store,
    ).toMatchObject({
      mode: "azure",
      key: undefined,
      managedIdentityClientId: "id",
    });
    expect(() => loadConfig({ COSMOS_ENDPOINT: "not a url" })).toThrow(/^COSMOS_ENDPOINT: /);
  });
});
