import type { Case } from "../cases/case.js";
import type { CaseEvent } from "../cases/case-event.js";
import type { IncidentDraft } from "../flows/incident/draft.js";
import type { WeeklyCounters } from "../flows/sendcheck/counters.js";
import type { Clock } from "../time/clock.js";
import { CaseRepository, type CaseSequence } from "./case-repository.js";
import { ConversationReferences, type StoredConversation } from "./conversation-references.js";
import { type DigestJob, DigestJobs } from "./digest-jobs.js";
import { DraftRepository } from "./draft-repository.js";
import { type DsoChannel, DsoChannels } from "./dso-channels.js";
import { type JobClaim, JobClaims } from "./job-claims.js";
import { type Expiring, Repository } from "./repository.js";
import { SendCheckCounters } from "./sendcheck-counters.js";
import type { Store } from "./store.js";
import { UnitManagers, type UnitManagersItem } from "./unit-managers.js";

export type Repositories = ReturnType<typeof openRepositories>;

/** Every domain repository over the store's containers; the app and the command-line tools share this wiring. */
export function openRepositories(store: Store, clock: Clock) {
  const { containers } = store;
  return {
    cases: new CaseRepository(
      new Repository<Case | CaseSequence>(containers.cases, (i) => i.orgId, clock),
      new Repository<CaseEvent>(containers.events, (i) => i.caseId, clock),
      clock,
    ),
    conversations: new ConversationReferences(
      new Repository<StoredConversation>(containers.conversations, (i) => i.orgId, clock),
    ),
    drafts: new DraftRepository(
      new Repository<IncidentDraft & Expiring>(containers.drafts, (i) => i.orgId, clock),
      clock,
    ),
    dsoChannels: new DsoChannels(new Repository<DsoChannel>(containers.settings, (i) => i.orgId, clock)),
    unitManagers: new UnitManagers(
      new Repository<UnitManagersItem>(containers.settings, (i) => i.orgId, clock),
      clock,
    ),
    jobs: new JobClaims(new Repository<JobClaim>(containers.jobs, (i) => i.orgId, clock), clock),
    digestJobs: new DigestJobs(new Repository<DigestJob>(containers.jobs, (i) => i.orgId, clock), clock),
    sendCheckCounters: new SendCheckCounters(
      new Repository<WeeklyCounters>(containers.sendcheckCounters, (c) => c.orgId, clock),
    ),
  };
}
