import type { IncidentDraft } from "../flows/incident/draft.js";
import type { Clock } from "../time/clock.js";
import { type Expiring, expiresIn, type Repository, type Stored } from "./repository.js";

/** A report nobody has touched for 14 days is gone (issue 3). */
export const DRAFT_LIFETIME_SECONDS = 14 * 24 * 3600;

/** A cancelled report is kept this long, so *Ångra* can bring it back (issue 16). */
export const CANCELLED_DRAFT_SECONDS = 24 * 3600;

const lifetimeOf = (draft: IncidentDraft) =>
  draft.status === "cancelled" ? CANCELLED_DRAFT_SECONDS : DRAFT_LIFETIME_SECONDS;

export type StoredDraft = Stored<IncidentDraft & Expiring>;

/** Incident drafts, one item per draft in the organisation's partition; each write renews the 14 days (24 hours once cancelled). */
export class DraftRepository {
  constructor(
    private readonly drafts: Repository<IncidentDraft & Expiring>,
    private readonly clock: Clock,
  ) {}

  get(orgId: string, id: string): Promise<StoredDraft | undefined> {
    return this.drafts.get(orgId, id);
  }

  /** The person's open draft, newest first if there are several. */
  async openOf(orgId: string, ownerAad: string): Promise<StoredDraft | undefined> {
    const found = await this.drafts.query(
      {
        query:
          'SELECT * FROM c WHERE c.orgId = @orgId AND c.ownerAad = @owner AND c.status = "open" AND c.kind = "incident-draft"',
        parameters: [
          { name: "@orgId", value: orgId },
          { name: "@owner", value: ownerAad },
        ],
      },
      orgId,
    );
    return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  create(draft: IncidentDraft): Promise<StoredDraft | undefined> {
    return this.drafts.createIfAbsent(expiresIn(draft, DRAFT_LIFETIME_SECONDS, this.clock.now()));
  }

  /** Writes only if nobody changed the draft since it was read; undefined when somebody did. */
  replace(draft: IncidentDraft, etag: string): Promise<StoredDraft | undefined> {
    return this.drafts.replaceIfMatch(expiresIn(draft, lifetimeOf(draft), this.clock.now()), etag);
  }
}
