import path from "node:path";
import { z } from "zod";
import { CARDS_DIR } from "./paths.js";

/** Environment variables are strings; "true"/"false" must not both mean true. */
const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** "a, b,c" → ["a", "b", "c"]; unset → []. */
const commaList = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const aadIdList = commaList.pipe(z.array(z.string().uuid("each entry must be an Entra object id (a GUID)")));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: z.enum(["SingleTenant", "UserAssignedMSI"]).default("SingleTenant"),
  ALLOW_UNAUTHENTICATED_REMOTE: booleanFlag,
  COSMOS_ENDPOINT: optionalText.pipe(z.string().url("must be an https URL").optional()),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "letters, digits, - and _ only")
    .default("varna"),
  AZURE_CLIENT_ID: optionalText,
  DATA_DIR: z.string().min(1).default("./data"),
  EMBEDDED_COSMOS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DEFAULT_ORG_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - and _ only")
    .default("local"),
  ADMIN_AAD_IDS: aadIdList,
  UNITS_FILE: optionalText,
  /** The tab's SSO Application ID URI(s) (api://<host>/<app id>), comma-separated; the app id itself is always accepted. */
  TAB_SSO_AUDIENCE: commaList.pipe(z.array(z.string().min(1).max(400))),
});

export type BotAuth =
  | { mode: "local" }
  | { mode: "SingleTenant"; appId: string; password: string; tenantId: string }
  | { mode: "UserAssignedMSI"; appId: string; tenantId: string };

export type StoreConfig =
  | { mode: "azure"; endpoint: string; key?: string; managedIdentityClientId?: string; database: string }
  | { mode: "embedded"; dataDir: string; port: number; database: string };

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  auth: BotAuth;
  store: StoreConfig;
  defaultOrgId: string;
  adminAadIds: string[];
  unitsFile: string;
  tabSsoAudiences: string[];
}

/** A configuration problem, phrased as the one line an administrator needs to fix it. */
export class ConfigError extends Error {}

function requireKey(value: string | undefined, key: string, why: string): string {
  if (!value) throw new ConfigError(`${key} is required ${why}`);
  return value;
}

function botAuth(env: z.infer<typeof EnvSchema>): BotAuth {
  if (!env.MicrosoftAppId) {
    if (env.NODE_ENV === "production") {
      // botbuilder silently disables authentication when the app id is empty.
      throw new ConfigError(
        "MicrosoftAppId is required when NODE_ENV=production (without it the bot accepts unauthenticated requests)",
      );
    }
    return { mode: "local" };
  }
  const tenantId = requireKey(env.MicrosoftAppTenantId, "MicrosoftAppTenantId", "for a single-tenant bot");
  if (env.MicrosoftAppType === "UserAssignedMSI") {
    return { mode: "UserAssignedMSI", appId: env.MicrosoftAppId, tenantId };
  }
  const password = requireKey(
    env.MicrosoftAppPassword,
    "MicrosoftAppPassword",
    "when MicrosoftAppType=SingleTenant (or set MicrosoftAppType=UserAssignedMSI)",
  );
  return { mode: "SingleTenant", appId: env.MicrosoftAppId, password, tenantId };
}

function listenHost(env: z.infer<typeof EnvSchema>, auth: BotAuth): string {
  if (auth.mode !== "local" || env.ALLOW_UNAUTHENTICATED_REMOTE) return env.HOST ?? "0.0.0.0";
  if (env.HOST && env.HOST !== "127.0.0.1" && env.HOST !== "localhost") {
    throw new ConfigError(
      `HOST=${env.HOST} would expose an unauthenticated bot; set MicrosoftAppId or ALLOW_UNAUTHENTICATED_REMOTE=true`,
    );
  }
  return "127.0.0.1";
}

/** Reads and validates the environment; throws ConfigError naming the first bad key. */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join(".") || "environment"}: ${issue.message}`);
  }
  const env = parsed.data;
  const auth = botAuth(env);
  const store: StoreConfig = env.COSMOS_ENDPOINT
    ? {
        mode: "azure",
        endpoint: env.COSMOS_ENDPOINT,
        key: env.COSMOS_KEY,
        managedIdentityClientId: env.AZURE_CLIENT_ID,
        database: env.COSMOS_DATABASE,
      }
    : {
        mode: "embedded",
        dataDir: path.resolve(env.DATA_DIR),
        port: env.EMBEDDED_COSMOS_PORT,
        database: env.COSMOS_DATABASE,
      };
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: listenHost(env, auth),
    logLevel: env.LOG_LEVEL,
    auth,
    store,
    defaultOrgId: env.DEFAULT_ORG_ID,
    adminAadIds: env.ADMIN_AAD_IDS,
    unitsFile: env.UNITS_FILE ? path.resolve(env.UNITS_FILE) : path.join(CARDS_DIR, "org", "units.json"),
    tabSsoAudiences: env.TAB_SSO_AUDIENCE,
  };
}
