import { createHash } from "node:crypto";
import { type Expiring, expiresIn, type Repository } from "./repository.js";

export interface TurnClaim extends Expiring {
  id: string;
  state: "started" | "done";
  /** The invoke response of the first delivery, replayed to a redelivery. */
  response?: { status: number; body?: unknown };
}

/** Teams redelivers within minutes; a day is ample to recognise a duplicate. */
const CLAIM_LIFETIME_SECONDS = 24 * 3600;

export type ClaimResult = { kind: "first" } | { kind: "duplicate"; claim: TurnClaim };

/**
 * Makes turns idempotent: the first delivery of an activity id creates the
 * claim (an atomic create, so two instances cannot both win); a redelivery
 * finds it and does no work. A turn that failed releases its claim so that
 * Teams' retry can do the work.
 */
export class TurnClaims {
  constructor(
    private readonly repo: Repository<TurnClaim>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  static idFor(channelId: string, conversationId: string, activityId: string): string {
    return `turn-${createHash("sha256").update(`${channelId}\n${conversationId}\n${activityId}`).digest("hex")}`;
  }

  async claim(id: string): Promise<ClaimResult> {
    const created = await this.repo.createIfAbsent(
      expiresIn({ id, state: "started" as const }, CLAIM_LIFETIME_SECONDS, this.clock()),
    );
    if (created) return { kind: "first" };
    const existing = await this.repo.get(id, id);
    // Expired but not yet purged (embedded store): treat as new and take it over.
    if (!existing) {
      await this.repo.upsert(
        expiresIn({ id, state: "started" as const }, CLAIM_LIFETIME_SECONDS, this.clock()),
      );
      return { kind: "first" };
    }
    return { kind: "duplicate", claim: existing };
  }

  async complete(id: string, response?: TurnClaim["response"]): Promise<void> {
    await this.repo.upsert(
      expiresIn({ id, state: "done" as const, response }, CLAIM_LIFETIME_SECONDS, this.clock()),
    );
  }

  async release(id: string): Promise<void> {
    await this.repo.delete(id, id);
  }
}
