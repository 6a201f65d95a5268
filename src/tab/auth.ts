import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import { z } from "zod";
import type { Principal } from "../bot/roles.js";
import type { BotAuth } from "../config.js";

/** Microsoft's signing keys for Entra ID tokens (v1 and v2). */
export const MICROSOFT_JWKS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";

/** Local development only: `dev:<Entra object id>` stands for a signed-in user of the default organisation. */
export const DEV_TOKEN_PREFIX = "dev:";

export type TabAuthMode =
  | { mode: "entra"; audiences: string[]; tenantId: string; keys: JWTVerifyGetKey }
  | { mode: "development"; orgId: string };

export interface TabAuthOptions {
  auth: BotAuth;
  defaultOrgId: string;
  /** Extra accepted audiences (the Application ID URI of the tab's SSO, e.g. api://host/<app id>). */
  ssoAudiences: string[];
  /** Injected in tests (a local key set); otherwise Microsoft's published keys. */
  keys?: JWTVerifyGetKey;
}

/**
 * The development token is accepted only when the bot runs without an app id
 * (local mode, which config refuses in production); with an app id every
 * request needs a Teams SSO token signed by Microsoft for this app and tenant.
 */
export function tabAuthMode(options: TabAuthOptions): TabAuthMode {
  if (options.auth.mode === "local") return { mode: "development", orgId: options.defaultOrgId };
  return {
    mode: "entra",
    audiences: [options.auth.appId, `api://${options.auth.appId}`, ...options.ssoAudiences],
    tenantId: options.auth.tenantId,
    keys: options.keys ?? createRemoteJWKSet(new URL(MICROSOFT_JWKS_URL)),
  };
}

const ClaimsSchema = z.object({
  oid: z.string().min(1).max(64),
  tid: z.string().min(1).max(64),
});

const DevTokenSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** The signed-in person behind a bearer token, or undefined when the token is missing or not valid. */
export async function principalOf(
  header: string | undefined,
  mode: TabAuthMode,
  now: Date,
): Promise<Principal | undefined> {
  const token = /^Bearer (\S+)$/i.exec(header ?? "")?.[1];
  if (!token) return undefined;
  if (mode.mode === "development") {
    const oid = DevTokenSchema.safeParse(token.startsWith(DEV_TOKEN_PREFIX) ? token.slice(4) : undefined);
    return oid.success ? { orgId: mode.orgId, aadObjectId: oid.data } : undefined;
  }
  try {
    const { payload } = await jwtVerify(token, mode.keys, {
      issuer: [
        `https://login.microsoftonline.com/${mode.tenantId}/v2.0`,
        `https://sts.windows.net/${mode.tenantId}/`,
      ],
      audience: mode.audiences,
      algorithms: ["RS256"],
      clockTolerance: 60,
      currentDate: now,
    });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.tid !== mode.tenantId) return undefined;
    return { orgId: claims.data.tid, aadObjectId: claims.data.oid };
  } catch {
    return undefined;
  }
}
