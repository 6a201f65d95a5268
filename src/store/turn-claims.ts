import { createHash } from "node:crypto";
import type { Clock } from "../time/clock.js";
import { type Expiring, expiresIn, type Repository } from "./repository.js";

export interface TurnClaim extends Expiring {
  id: string;
  state: "started" | "done";
  /** When the turn started; a turn still "started" long after this was lost with its process. */
  startedAt?: string;
  /** The invoke response of the first delivery, replayed to a redelivery. */
  response?: { status: number; body?: unknown };
}

/** Teams redelivers within minutes; a day is ample to recognise a duplicate. */
const CLAIM_LIFETIME_SECONDS = 24 * 3600;

/**
 * A turn answers within Teams' 15 s or Teams gives up and redelivers; a claim
 * still "started" after this long belongs to a process that died mid-turn, so a
 * redelivery takes it over instead of being dropped.
 */
const ABANDONED_AFTER_MS = 20_000;

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
    private readonly clock: Clock,
  ) {}

  static idFor(channelId: string, conversationId: string, activityId: string): string {
    return `turn-${createHash("sha256").update(`${channelId}\n${conversationId}\n${activityId}`).digest("hex")}`;
  }

  async claim(id: string): Promise<ClaimResult> {
    const now = this.clock.now();
    const fresh = expiresIn(
      { id, state: "started" as const, startedAt: now.toISOString() },
      CLAIM_LIFETIME_SECONDS,
      now,
    );
    if (await this.repo.createIfAbsent(fresh)) return { kind: "first" };
    const existing = await this.repo.get(id, id);
    // Expired but not yet purged (embedded store): treat as new and take it over.
    if (!existing) {
      await this.repo.upsert(fresh);
      return { kind: "first" };
    }
    const abandoned =
      existing.state === "started" &&
      now.getTime() - Date.parse(existing.startedAt ?? "1970-01-01T00:00:00Z") > ABANDONED_AFTER_MS;
    // The etag makes the takeover atomic: of two redeliveries, one takes it over.
    if (abandoned && (await this.repo.replaceIfMatch(fresh, existing._etag))) return { kind: "first" };
    return { kind: "duplicate", claim: existing };
  }

  async complete(id: string, response?: TurnClaim["response"]): Promise<void> {
    await this.repo.upsert(
      expiresIn({ id, state: "done" as const, response }, CLAIM_LIFETIME_SECONDS, this.clock.now()),
    );
  }

  async release(id: string): Promise<void> {
    await this.repo.delete(id, id);
  }
}
