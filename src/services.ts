import type { ProactiveSender } from "./bot/proactive.js";
import type { ConfiguredRoles } from "./bot/roles.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Organisations } from "./org/organisation.js";
import type { Units } from "./org/units.js";
import type { Repositories } from "./store/repositories.js";
import type { Store } from "./store/store.js";
import type { Clock } from "./time/clock.js";

/**
 * What features are built from: configuration, the store and its repositories
 * (cases, conversations, drafts, the DSO channel, unit managers, job claims,
 * digest jobs, send-check counters), and the clock (injected so tests control time).
 */
export interface AppServices extends Repositories {
  config: Config;
  store: Store;
  log: Logger;
  clock: Clock;
  units: Units;
  /** The controllers, organisation number and DSO contact for the IMY notification (ORGANISATION_FILE). */
  organisations: Organisations;
  /** rolesOf() for every role check (bot and tab); DSO = DSO channel team members + DSO_AAD_IDS. */
  roles: ConfiguredRoles;
  /** Sends, updates and roster look-ups outside a turn, with retries (escalation). */
  proactive: ProactiveSender;
}
