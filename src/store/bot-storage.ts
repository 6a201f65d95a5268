import { createHash } from "node:crypto";
import type { Storage, StoreItems } from "botbuilder";
import type { Clock } from "../time/clock.js";
import { type Expiring, expiresIn, type Repository } from "./repository.js";

export interface BotStateItem extends Expiring {
  id: string;
  key: string;
  document: Record<string, unknown>;
}

/** Bot state for a conversation is kept for 30 days after its last write. */
const STATE_LIFETIME_SECONDS = 30 * 24 * 3600;

/** Cosmos ids may not hold '/', '\\', '?' or '#', and botbuilder keys do; a hash is safe and fixed in length. */
export function stateId(key: string): string {
  return `state-${createHash("sha256").update(key).digest("hex")}`;
}

/**
 * botbuilder's `Storage` over the shared Cosmos client, so conversation state
 * lives in the same store as everything else (and survives restarts).
 * An `eTag` other than "*" on a write makes it conditional, as botbuilder expects.
 */
export class CosmosBotStorage implements Storage {
  constructor(
    private readonly repo: Repository<BotStateItem>,
    private readonly clock: Clock,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const stored = await this.repo.get(stateId(key), stateId(key));
        if (stored) items[key] = { ...stored.document, eTag: stored._etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...document } = value as { eTag?: string } & Record<string, unknown>;
        const item = expiresIn({ id: stateId(key), key, document }, STATE_LIFETIME_SECONDS, this.clock.now());
        if (!eTag || eTag === "*") {
          await this.repo.upsert(item);
          return;
        }
        const written = await this.repo.replaceIfMatch(item, eTag);
        if (!written)
          throw new Error(`bot state changed by another turn (etag mismatch) for ${stateId(key)}`);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.repo.delete(stateId(key), stateId(key))));
  }
}
