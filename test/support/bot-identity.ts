import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { BotIdentityEndpoints } from "../../src/bot/adapter.js";

/** The issuer of the Bot Framework's tokens to bots (botbuilder's public-cloud value). */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface TokenOptions {
  /** Claims that replace the valid defaults (set one to `undefined` to leave it out). */
  claims?: Record<string, unknown>;
  /** Sign with a key the stand-in does not publish. */
  foreignKey?: boolean;
  kid?: string;
}

/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys
 * (login.botframework.com), so botbuilder's own validator checks tokens the
 * test signs. The key carries the `msteams` endorsement as the real ones do.
 */
export class BotIdentityStandIn {
  readonly kid = `test-${randomUUID().slice(0, 8)}`;
  private server?: http.Server;
  private privateKey?: CryptoKey;
  private foreign?: CryptoKey;
  url = "";

  async start(): Promise<this> {
    const pair = await generateKeyPair("RS256", { extractable: true });
    this.privateKey = pair.privateKey;
    this.foreign = (await generateKeyPair("RS256")).privateKey;
    const jwk = {
      ...(await exportJWK(pair.publicKey)),
      kid: this.kid,
      use: "sig",
      endorsements: ["msteams"],
    };
    this.server = http.createServer((req, res) => {
      const body =
        req.url === "/v1/.well-known/openidconfiguration"
          ? {
              issuer: BOT_FRAMEWORK_ISSUER,
              jwks_uri: `${this.url}/keys`,
              id_token_signing_alg_values_supported: ["RS256"],
            }
          : req.url === "/keys"
            ? { keys: [jwk] }
            : undefined;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  endpoints(): BotIdentityEndpoints {
    return {
      openIdMetadataUrl: `${this.url}/v1/.well-known/openidconfiguration`,
      tokenIssuer: BOT_FRAMEWORK_ISSUER,
    };
  }

  /** A token as the Bot Framework sends it to the bot `appId` for activities from `serviceUrl`, valid for an hour. */
  async token(appId: string, serviceUrl: string, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: BOT_FRAMEWORK_ISSUER,
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 3600,
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: options.kid ?? this.kid, typ: "JWT" })
      .sign(options.foreignKey ? this.foreign! : this.privateKey!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}

/** A URL where nothing listens: the identity metadata is unreachable. */
export async function unreachableEndpoints(): Promise<BotIdentityEndpoints> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return {
    openIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    tokenIssuer: BOT_FRAMEWORK_ISSUER,
  };
}
