import type { AddressInfo } from "node:net";
import { ConversationState } from "botbuilder";
import type { JWTVerifyGetKey } from "jose";
import { createAdapter } from "./bot/adapter.js";
import { ConfiguredRoles } from "./bot/roles.js";
import { turnMiddleware } from "./bot/turn-middleware.js";
import { VarnaBot } from "./bot/varna-bot.js";
import { VerbRouter } from "./bot/verb-router.js";
import type { Case } from "./cases/case.js";
import type { CaseEvent } from "./cases/case-event.js";
import type { Config } from "./config.js";
import { createFeatures } from "./features.js";
import { createHttpServer } from "./http/server.js";
import { createLogger, type Logger } from "./log.js";
import { loadUnits } from "./org/units.js";
import type { AppServices } from "./services.js";
import { type BotStateItem, CosmosBotStorage } from "./store/bot-storage.js";
import { CaseRepository, type CaseSequence } from "./store/case-repository.js";
import { ConversationReferences, type StoredConversation } from "./store/conversation-references.js";
import { Repository } from "./store/repository.js";
import { openStore, type Store } from "./store/store.js";
import { type TurnClaim, TurnClaims } from "./store/turn-claims.js";
import { statsCounters } from "./tab/counter-store.js";
import { tabRoutes } from "./tab/routes.js";

export interface App {
  url: string;
  services: AppServices;
  /** Stops taking requests, waits for turns in flight, then closes the store. */
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  clock?: () => Date;
  /** An already open store (tests share one per file); otherwise the configured store is opened. */
  store?: Store;
  /** The key set Teams SSO tokens are checked against (tests sign with a local key); default Microsoft's. */
  tabKeys?: JWTVerifyGetKey;
}

/** Builds and starts the whole bot: store → adapter → bot → HTTP server. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  // Configuration files are checked before anything is started, so a bad file stops the start cleanly.
  const units = loadUnits(config.unitsFile);
  const store = options.store ?? (await openStore(config.store));
  const services: AppServices = {
    config,
    store,
    log,
    clock,
    cases: new CaseRepository(
      new Repository<Case | CaseSequence>(store.containers.cases, (i) => i.orgId, clock),
      new Repository<CaseEvent>(store.containers.events, (i) => i.caseId, clock),
      clock,
    ),
    conversations: new ConversationReferences(
      new Repository<StoredConversation>(store.containers.conversations, (i) => i.orgId, clock),
    ),
    units,
    roles: new ConfiguredRoles(config.adminAadIds),
  };

  const botState = new Repository<BotStateItem>(store.containers.botstate, (i) => i.id, clock);
  const conversationState = new ConversationState(new CosmosBotStorage(botState, clock));
  const features = createFeatures(services);
  const router = new VerbRouter(features, services.roles, log);
  const bot = new VarnaBot({
    features,
    router,
    conversationState,
    defaultOrgId: config.defaultOrgId,
    clock,
    log,
  });

  const adapter = createAdapter(config.auth, log);
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
  const tab = tabRoutes(services, { counters, keys: options.tabKeys });
  const http = createHttpServer({ adapter, bot, isReady: () => store.ping(), log, routes: [tab] });
  await new Promise<void>((resolve, reject) => {
    http.server.server.once("error", reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  log.info(
    { event: "app.started", port, host: config.host, auth: config.auth.mode, store: config.store.mode },
    "Värna is listening",
  );

  return {
    url,
    services,
    async close() {
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      const deadline = Date.now() + 10_000;
      while (http.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!options.store) await store.close();
      log.info({ event: "app.stopped" }, "Värna stopped");
    },
  };
}
