import path from "node:path";
import { Cron } from "croner";
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
  ORGANISATION_FILE: optionalText,
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  SEND_RULES_FILE: optionalText,
  SEND_LEXICON_FILE: optionalText,
  DSO_AAD_IDS: aadIdList,
  DEADLINE_WATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  PUBLIC_URL: optionalText.pipe(z.string().url("must be the bot's public https URL").optional()),
  DIGEST_SCHEDULE: z.string().trim().min(1).default("0 8 * * 1"),
  DIGEST_TIMEZONE: z
    .string()
    .default("Europe/Stockholm")
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Stockholm"),
  DIGEST_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(30),
  DIGEST_PER_CONVERSATION_PER_SECOND: z.coerce.number().positive().max(50).default(7),
  DIGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  DIGEST_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TRAINING_CALENDAR_FILE: optionalText,
  /** The tab's SSO Application ID URI(s) (api://<host>/<app id>), comma-separated; the app id itself is always accepted. */
  TAB_SSO_AUDIENCE: commaList.pipe(z.array(z.string().min(1).max(400))),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every environment key the app reads (the .env.example and infra agreement tests use this list). */
export const ENV_KEYS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

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
  /** The controllers (boards), organisation number and DSO contact the IMY notification names. */
  organisationFile: string;
  /** Application Insights connection string; telemetry is off without it. */
  telemetryConnectionString?: string;
  /** A municipality's override of the "may I send?" rule table (JSON); validated when the app starts. */
  sendRulesFile?: string;
  /** A municipality's words for the send check's recogniser (JSON, added to rules/sendcheck-lexicon.json). */
  sendLexiconFile?: string;
  /** People who hold the DSO role besides the members of the DSO channel's team. */
  dsoAadIds: string[];
  /** How often the deadline watcher looks at open cases; 0 turns it off. */
  deadlineWatchSeconds: number;
  /** The bot's public base URL, for download links (the IMY export); none means no link is offered. */
  publicUrl?: string;
  digest: DigestConfig;
  /** Audiences accepted on the dashboard tab's Teams SSO tokens (besides the app id). */
  tabSsoAudiences: string[];
}

/** The weekly manager digest: when it runs, how fast it may send, how long a sender's lease lasts. */
export interface DigestConfig {
  /** Cron pattern (croner, 5 or 6 fields) read in `timeZone`. */
  schedule: string;
  timeZone: string;
  ratePerSecond: number;
  perConversationPerSecond: number;
  maxAttempts: number;
  leaseSeconds: number;
  trainingCalendarFile: string;
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

function validSchedule(pattern: string, timezone: string): string {
  try {
    new Cron(pattern, { timezone, paused: true }).stop();
  } catch (err) {
    throw new ConfigError(`DIGEST_SCHEDULE: not a cron pattern (${(err as Error).message})`);
  }
  return pattern;
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
    organisationFile: env.ORGANISATION_FILE
      ? path.resolve(env.ORGANISATION_FILE)
      : path.join(CARDS_DIR, "org", "organisation.json"),
    telemetryConnectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING,
    ...(env.SEND_RULES_FILE ? { sendRulesFile: path.resolve(env.SEND_RULES_FILE) } : {}),
    ...(env.SEND_LEXICON_FILE ? { sendLexiconFile: path.resolve(env.SEND_LEXICON_FILE) } : {}),
    dsoAadIds: env.DSO_AAD_IDS,
    deadlineWatchSeconds: env.DEADLINE_WATCH_SECONDS,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ""),
    digest: {
      schedule: validSchedule(env.DIGEST_SCHEDULE, env.DIGEST_TIMEZONE),
      timeZone: env.DIGEST_TIMEZONE,
      ratePerSecond: env.DIGEST_RATE_PER_SECOND,
      perConversationPerSecond: env.DIGEST_PER_CONVERSATION_PER_SECOND,
      maxAttempts: env.DIGEST_MAX_ATTEMPTS,
      leaseSeconds: env.DIGEST_LEASE_SECONDS,
      trainingCalendarFile: env.TRAINING_CALENDAR_FILE
        ? path.resolve(env.TRAINING_CALENDAR_FILE)
        : path.join(CARDS_DIR, "org", "training-calendar.json"),
    },
    tabSsoAudiences: env.TAB_SSO_AUDIENCE,
  };
}
