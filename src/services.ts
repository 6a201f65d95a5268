import type { RoleResolver } from "./bot/roles.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Units } from "./org/units.js";
import type { CaseRepository } from "./store/case-repository.js";
import type { ConversationReferences } from "./store/conversation-references.js";
import type { DraftRepository } from "./store/draft-repository.js";
import type { Store } from "./store/store.js";

/** What features are built from: configuration, the store and the clock (injected so tests control time). */
export interface AppServices {
  config: Config;
  store: Store;
  log: Logger;
  clock: () => Date;
  cases: CaseRepository;
  units: Units;
  roles: RoleResolver;
  conversations: ConversationReferences;
  /** Incident reports in progress (one per person, 14 days). */
  drafts: DraftRepository;
}
