import type { AddressInfo } from "node:net";
import { ConversationState } from "botbuilder";
import type { JWTVerifyGetKey } from "jose";
import { type BotIdentityEndpoints, createAdapter } from "./bot/adapter.js";
import { createDigest, type DigestPorts } from "./bot/digest-feature.js";
import { botEndpoint } from "./bot/endpoint.js";
import { ProactiveSender } from "./bot/proactive.js";
import { ConfiguredRoles } from "./bot/roles.js";
import { turnMiddleware } from "./bot/turn-middleware.js";
import { VarnaBot } from "./bot/varna-bot.js";
import { VerbRouter } from "./bot/verb-router.js";
import { milestonesOf } from "./cases/milestones.js";
import type { Config } from "./config.js";
import { loadTrainingCalendar } from "./digest/calendar.js";
import { productionDigestPorts } from "./digest/ports.js";
import type { DigestService } from "./digest/service.js";
import { createFeatures } from "./features.js";
import { createHttpServer } from "./http/server.js";
import { createLogger, type Logger } from "./log.js";
import { loadOrganisations } from "./org/organisation.js";
import { loadUnits } from "./org/units.js";
import type { AppServices } from "./services.js";
import { type BotStateItem, CosmosBotStorage } from "./store/bot-storage.js";
import { openRepositories } from "./store/repositories.js";
import { Repository } from "./store/repository.js";
import { openStore, type Store } from "./store/store.js";
import { type TurnClaim, TurnClaims } from "./store/turn-claims.js";
import { statsCounters } from "./tab/counter-store.js";
import { tabRoutes } from "./tab/routes.js";
import { sendCheckSummaries } from "./tab/sendcheck-summary.js";
import { trackEvent } from "./telemetry-events.js";
import type { Clock } from "./time/clock.js";

export interface App {
  url: string;
  services: AppServices;
  /** Runs one pass of every feature's background work (the deadline watcher) and waits for it. */
  runBackground(): Promise<void>;
  /** Resolves when the work started after turns and on timers (channel posts, messages, digests) has finished. */
  settled(): Promise<void>;
  digest: DigestService;
  /** Stops taking requests, waits for turns in flight, then closes the store. */
  close(): Promise<void>;
}

/** How long shutdown waits for turns in flight before it stops anyway (App Service allows about 30 s). */
const SHUTDOWN_GRACE_MS = 10_000;

export interface AppOptions {
  /** The program's one clock (index.ts passes the machine's; tests a clock they set and advance). */
  clock: Clock;
  log?: Logger;
  /** An already open store (tests share one per file); otherwise the configured store is opened. */
  store?: Store;
  /** Replaces the digest's seams (managers, counters, transport); tests use it. */
  digest?: Partial<DigestPorts>;
  /** The key set Teams SSO tokens are checked against (tests sign with a local key); default Microsoft's. */
  tabKeys?: JWTVerifyGetKey;
  /** Where Bot Framework tokens are checked (tests sign with a local key behind a local stand-in); default Microsoft's. */
  botIdentity?: BotIdentityEndpoints;
}

/** Builds and starts the whole bot: store → adapter → bot → HTTP server. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const { clock } = options;
  // Configuration files are checked before anything is started, so a bad file stops the start cleanly.
  const units = loadUnits(config.unitsFile);
  const organisations = loadOrganisations(config.organisationFile, units);
  const calendar = loadTrainingCalendar(config.digest.trainingCalendarFile);
  const store = options.store ?? (await openStore(config.store, clock));
  const adapter = createAdapter(config.auth, log, options.botIdentity);
  // The connector client already retries 429 and 5xx three times itself; these outer attempts cover 412 and longer outages.
  const proactive = new ProactiveSender(
    adapter,
    config.auth.mode === "local" ? "" : config.auth.appId,
    log,
    {
      attempts: 4,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
    },
    clock,
  );
  const repositories = openRepositories(store, clock);
  const services: AppServices = {
    config,
    store,
    log,
    clock,
    ...repositories,
    units,
    organisations,
    roles: new ConfiguredRoles({
      adminAadIds: config.adminAadIds,
      dsoAadIds: config.dsoAadIds,
      dsoTeam: async (orgId) => {
        const channel = await repositories.dsoChannels.get(orgId);
        return channel ? proactive.teamMembers(channel.reference, channel.teamId) : [];
      },
      clock,
    }),
    proactive,
  };

  const botState = new Repository<BotStateItem>(store.containers.botstate, (i) => i.id, clock);
  const conversationState = new ConversationState(new CosmosBotStorage(botState, clock));
  // Milestones go to Application Insights as ids-only events (a no-op without a connection string).
  services.cases.onChange(async ({ before, after }) => {
    for (const milestone of milestonesOf(before, after))
      trackEvent(milestone, { orgId: after.orgId, caseId: after.id, code: after.category });
  });
  const digest = createDigest(services, adapter, calendar, {
    ...productionDigestPorts(services),
    ...options.digest,
  });
  const features = createFeatures(services, { digest: digest.feature });
  const router = new VerbRouter(features, services.roles, log);
  const bot = new VarnaBot({
    features,
    router,
    conversationState,
    defaultOrgId: config.defaultOrgId,
    clock,
    log,
  });

  adapter.use(
    turnMiddleware({
      claims: new TurnClaims(new Repository<TurnClaim>(store.containers.botstate, (i) => i.id, clock), clock),
      conversations: services.conversations,
      defaultOrgId: config.defaultOrgId,
      clock,
      log,
    }),
  );

  const counters = statsCounters(store, log, clock);
  services.cases.onChange(counters.listener);
  const http = createHttpServer({
    bot: botEndpoint(adapter, bot, config.auth.mode !== "local", log),
    tenantId: config.auth.mode === "local" ? undefined : config.auth.tenantId,
    isReady: () => store.ping(),
    log,
    routes: features.flatMap((f) => f.routes ?? []),
    extensions: [
      tabRoutes(services, {
        counters,
        keys: options.tabKeys,
        sendChecks: sendCheckSummaries(services.sendCheckCounters),
      }),
    ],
  });
  await new Promise<void>((resolve, reject) => {
    http.server.server.once("error", reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  const background = features.flatMap((f) => (f.background ? [f.background] : []));
  for (const work of background) work.start();
  log.info(
    { event: "app.started", port, host: config.host, auth: config.auth.mode, store: config.store.mode },
    "Värna is listening",
  );

  digest.service.start();

  return {
    url,
    services,
    async runBackground() {
      await Promise.all(background.map((work) => work.runOnce()));
    },
    async settled() {
      await Promise.all([digest.service.settled(), ...background.map((work) => work.settled())]);
    },
    digest: digest.service,
    async close() {
      // Stop taking turns first and let those in flight finish, then stop the background senders.
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      await untilOrAfter(http.whenIdle(), SHUTDOWN_GRACE_MS);
      await Promise.all([digest.service.stop(), ...background.map((work) => work.stop())]);
      await closed;
      if (!options.store) await store.close();
      log.info({ event: "app.stopped" }, "Värna stopped");
    },
  };
}

/**
 * Waits for `work`, but no longer than `ms` of real time: shutdown is bounded by the
 * platform's patience, not by the program's clock (which tests move).
 */
function untilOrAfter(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, cap]).finally(() => clearTimeout(timer));
}
