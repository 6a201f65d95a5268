import type { ProactiveSender } from "./bot/proactive.js";
import type { ConfiguredRoles } from "./bot/roles.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Units } from "./org/units.js";
import type { CaseRepository } from "./store/case-repository.js";
import type { ConversationReferences } from "./store/conversation-references.js";
import type { DraftRepository } from "./store/draft-repository.js";
import type { DsoChannels } from "./store/dso-channels.js";
import type { JobClaims } from "./store/job-claims.js";
import type { Store } from "./store/store.js";
import type { UnitManagers } from "./store/unit-managers.js";

/** What features are built from: configuration, the store and the clock (injected so tests control time). */
export interface AppServices {
  config: Config;
  store: Store;
  log: Logger;
  clock: () => Date;
  cases: CaseRepository;
  units: Units;
  /** rolesOf() for every role check (bot and tab); DSO = DSO channel team members + DSO_AAD_IDS. */
  roles: ConfiguredRoles;
  conversations: ConversationReferences;
  /** Incident reports in progress (one per person, 14 days). */
  drafts: DraftRepository;
  /** Sends, updates and roster look-ups outside a turn, with retries (escalation, digest). */
  proactive: ProactiveSender;
  dsoChannels: DsoChannels;
  /** The registry of managers per unit (action plans, weekly digest). */
  unitManagers: UnitManagers;
  /** One-off jobs claimed under an etag, so one instance does each (reminders, posts). */
  jobs: JobClaims;
}
