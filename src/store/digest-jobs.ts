import type { Locale } from "../cards/locale.js";
import type { Clock } from "../time/clock.js";
import { type Expiring, expiresIn, type Repository, type Stored } from "./repository.js";

/** Runs and their outbox are kept for a quarter (the record of who got what), snoozes until they end. */
const RUN_KEPT_SECONDS = 90 * 24 * 3600;

export interface Lease {
  owner: string;
  /** Real time (epoch ms): leases are about live processes, not the business clock. */
  until: number;
}

/** One digest run for one organisation: scheduled (one per ISO week) or started by an administrator. */
export interface DigestRun extends Expiring {
  kind: "digestRun";
  id: string;
  orgId: string;
  /** "2026-W48" for the weekly run, "manual-…" for one an administrator started. */
  runKey: string;
  /** The week the digests describe. */
  week: string;
  state: "preparing" | "sending" | "done";
  lease?: Lease;
  recipients?: number;
  createdAt: string;
  finishedAt?: string;
  /** Set (etag-guarded) before the administrators' summary is sent, so it goes out at most once. */
  reportedAt?: string;
}

export type OutboxState = "pending" | "sending" | "sent" | "unreachable" | "failed";

/** One recipient of a run. `sending` means claimed: the message may or may not have reached Teams. */
export interface OutboxItem extends Expiring {
  kind: "digestItem";
  id: string;
  orgId: string;
  runId: string;
  aadObjectId: string;
  name: string;
  unitIds: string[];
  locale?: Locale;
  state: OutboxState;
  attempts: number;
  claimedBy?: string;
  lastStatus?: number;
  reason?: string;
  sentAt?: string;
}

export interface DigestSnooze extends Expiring {
  kind: "digestSnooze";
  id: string;
  orgId: string;
  aadObjectId: string;
  caseId: string;
  until: string;
}

export type DigestJob = DigestRun | OutboxItem | DigestSnooze;

export function runId(runKey: string): string {
  return `digest-run-${runKey}`;
}

/** Runs, outbox items and snoozes in the `jobs` container (partition /orgId). */
export class DigestJobs {
  constructor(
    private readonly repo: Repository<DigestJob>,
    private readonly clock: Clock,
  ) {}

  /** Creates the run once: every instance that asks for the same key gets the same run. */
  async ensureRun(orgId: string, runKey: string, week: string): Promise<Stored<DigestRun>> {
    const id = runId(runKey);
    const now = this.clock.now();
    const fresh: DigestRun = expiresIn(
      {
        kind: "digestRun" as const,
        id,
        orgId,
        runKey,
        week,
        state: "preparing" as const,
        createdAt: now.toISOString(),
      },
      RUN_KEPT_SECONDS,
      now,
    );
    const created = await this.repo.createIfAbsent(fresh);
    return (created ?? (await this.repo.get(orgId, id))) as Stored<DigestRun>;
  }

  async run(orgId: string, id: string): Promise<Stored<DigestRun> | undefined> {
    const found = await this.repo.get(orgId, id);
    return found?.kind === "digestRun" ? (found as Stored<DigestRun>) : undefined;
  }

  async unfinishedRuns(orgId: string): Promise<Stored<DigestRun>[]> {
    return (await this.repo.query(
      {
        query: 'SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = "digestRun" AND c.state != "done"',
        parameters: [{ name: "@orgId", value: orgId }],
      },
      orgId,
    )) as Stored<DigestRun>[];
  }

  /** Writes `next` only if the run is unchanged since `current` was read; undefined when someone else wrote. */
  replaceRun(next: DigestRun, current: Stored<DigestRun>): Promise<Stored<DigestRun> | undefined> {
    return this.repo.replaceIfMatch(next, current._etag) as Promise<Stored<DigestRun> | undefined>;
  }

  itemId(run: DigestRun, aadObjectId: string): string {
    return `${run.id}~${aadObjectId}`;
  }

  /** Adds a recipient once and returns the item; an item that already exists is returned as it is. */
  async addItem(
    run: DigestRun,
    recipient: Pick<OutboxItem, "aadObjectId" | "name" | "unitIds" | "locale">,
  ): Promise<Stored<OutboxItem> | undefined> {
    const now = this.clock.now();
    const id = this.itemId(run, recipient.aadObjectId);
    const created = await this.repo.createIfAbsent(
      expiresIn(
        {
          kind: "digestItem" as const,
          id,
          orgId: run.orgId,
          runId: run.id,
          ...recipient,
          state: "pending" as const,
          attempts: 0,
        },
        RUN_KEPT_SECONDS,
        now,
      ),
    );
    return (created ?? (await this.repo.get(run.orgId, id))) as Stored<OutboxItem> | undefined;
  }

  async items(run: DigestRun, states?: readonly OutboxState[]): Promise<Stored<OutboxItem>[]> {
    const filter = states ? ` AND ARRAY_CONTAINS(@states, c.state)` : "";
    return (await this.repo.query(
      {
        query: `SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = "digestItem" AND c.runId = @runId${filter}`,
        parameters: [
          { name: "@orgId", value: run.orgId },
          { name: "@runId", value: run.id },
          ...(states ? [{ name: "@states", value: [...states] }] : []),
        ],
      },
      run.orgId,
    )) as Stored<OutboxItem>[];
  }

  replaceItem(next: OutboxItem, current: Stored<OutboxItem>): Promise<Stored<OutboxItem> | undefined> {
    return this.repo.replaceIfMatch(next, current._etag) as Promise<Stored<OutboxItem> | undefined>;
  }

  /** Hides one case from one manager's digests until `until` (a later snooze replaces an earlier one). */
  async snooze(orgId: string, aadObjectId: string, caseId: string, until: Date): Promise<void> {
    const now = this.clock.now();
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    await this.repo.upsert(
      expiresIn(
        {
          kind: "digestSnooze" as const,
          id: `digest-snooze-${aadObjectId}~${caseId}`,
          orgId,
          aadObjectId,
          caseId,
          until: until.toISOString(),
        },
        seconds,
        now,
      ),
    );
  }

  /** Every snooze in force in the organisation, as manager → case ids. */
  async snoozes(orgId: string): Promise<Map<string, Set<string>>> {
    const found = (await this.repo.query(
      {
        query: 'SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = "digestSnooze" AND c.until > @now',
        parameters: [
          { name: "@orgId", value: orgId },
          { name: "@now", value: this.clock.now().toISOString() },
        ],
      },
      orgId,
    )) as DigestSnooze[];
    const byManager = new Map<string, Set<string>>();
    for (const s of found) {
      const set = byManager.get(s.aadObjectId) ?? new Set<string>();
      set.add(s.caseId);
      byManager.set(s.aadObjectId, set);
    }
    return byManager;
  }
}
