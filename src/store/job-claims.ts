import { randomUUID } from "node:crypto";
import type { Clock } from "../time/clock.js";
import { type Expiring, expiresIn, type Repository } from "./repository.js";

/**
 * Claims are purged a year after they were made (Cosmos TTL; honoured on read in
 * embedded mode): long after any reminder, post or run they guard is relevant,
 * so the container does not grow for ever.
 */
const CLAIM_LIFETIME_SECONDS = 365 * 24 * 3600;

/**
 * A claim on a one-off job (a deadline reminder, posting a case): whoever
 * creates or takes over the document under its etag does the job; `done`
 * makes it final. A claim whose holder died is taken over after its lease.
 */
export interface JobClaim extends Expiring {
  kind: "claim";
  id: string;
  orgId: string;
  owner: string;
  state: "claimed" | "done";
  leaseUntil: string;
  attempts: number;
  doneAt?: string;
}

export class JobClaims {
  /** Identifies this process among the instances sharing the store. */
  readonly owner = randomUUID();

  constructor(
    private readonly repo: Repository<JobClaim>,
    private readonly clock: Clock,
  ) {}

  /** True when this instance now holds the job; false when it is done or held by someone else. */
  async claim(orgId: string, id: string, leaseSeconds: number): Promise<boolean> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    const fresh: JobClaim = expiresIn(
      {
        kind: "claim" as const,
        id,
        orgId,
        owner: this.owner,
        state: "claimed" as const,
        leaseUntil,
        attempts: 1,
      },
      CLAIM_LIFETIME_SECONDS,
      now,
    );
    if (await this.repo.createIfAbsent(fresh)) return true;
    const current = await this.repo.get(orgId, id);
    if (!current || current.state === "done" || current.leaseUntil > now.toISOString()) return false;
    const taken = await this.repo.replaceIfMatch(
      { ...current, owner: this.owner, leaseUntil, attempts: current.attempts + 1 },
      current._etag,
    );
    return taken !== undefined;
  }

  async isDone(orgId: string, id: string): Promise<boolean> {
    return (await this.repo.get(orgId, id))?.state === "done";
  }

  /** The job is finished for good. */
  async complete(orgId: string, id: string): Promise<void> {
    await this.repo.update(orgId, id, (current) =>
      current.owner === this.owner
        ? { ...current, state: "done", doneAt: this.clock.now().toISOString() }
        : undefined,
    );
  }

  /** The job failed: let the next attempt (here or elsewhere) take it at once. */
  async release(orgId: string, id: string): Promise<void> {
    await this.repo.update(orgId, id, (current) =>
      current.owner === this.owner && current.state === "claimed"
        ? { ...current, leaseUntil: new Date(0).toISOString() }
        : undefined,
    );
  }
}
