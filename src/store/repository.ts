import type { Container, SqlQuerySpec } from "@azure/cosmos";
import type { Clock } from "../time/clock.js";
import { ConcurrencyError, guarded, statusOf } from "./errors.js";

export type Stored<T> = T & { _etag: string };

/** Items that expire carry both: `ttl` for Azure Cosmos, `expiresAt` for the embedded store (honoured on read). */
export interface Expiring {
  expiresAt?: string;
  ttl?: number;
}

export function expiresIn<T extends object>(item: T, seconds: number, now: Date): T & Expiring {
  return { ...item, ttl: seconds, expiresAt: new Date(now.getTime() + seconds * 1000).toISOString() };
}

function isExpired(item: Expiring, now: Date): boolean {
  return item.expiresAt !== undefined && item.expiresAt <= now.toISOString();
}

/** Enough for a burst of writers on one document (e.g. the case number sequence); each retry backs off with jitter. */
const MAX_UPDATE_ATTEMPTS = 12;

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
}

/**
 * The one place that speaks Cosmos item operations. Domain repositories wrap it
 * with their own types; they never see the SDK.
 */
export class Repository<T extends { id: string }> {
  constructor(
    private readonly container: Container,
    private readonly partitionOf: (item: T) => string,
    private readonly clock: Clock,
  ) {}

  async get(partition: string, id: string): Promise<Stored<T> | undefined> {
    return guarded(async () => {
      try {
        const { resource } = await this.container.item(id, partition).read<Stored<T>>();
        if (!resource || isExpired(resource as Expiring, this.clock.now())) return undefined;
        return resource;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }

  /** Creates the item; returns undefined when an item with that id already exists (409). */
  async createIfAbsent(item: T): Promise<Stored<T> | undefined> {
    return guarded(async () => {
      try {
        const { resource } = await this.container.items.create<T>(item);
        return resource as Stored<T>;
      } catch (err) {
        if (statusOf(err) === 409) return undefined;
        throw err;
      }
    });
  }

  async upsert(item: T): Promise<Stored<T>> {
    return guarded(async () => {
      const { resource } = await this.container.items.upsert<T>(item);
      return resource as unknown as Stored<T>;
    });
  }

  /**
   * Read–change–replace guarded by the etag; retried when another writer won.
   * `change` returns undefined to leave the item as it is.
   */
  async update(
    partition: string,
    id: string,
    change: (current: Stored<T>) => T | undefined,
  ): Promise<Stored<T> | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.get(partition, id);
      if (!current) return undefined;
      const next = change(current);
      if (next === undefined) return current;
      const written = await this.replaceIfMatch(next, current._etag);
      if (written) return written;
      await backoff(attempt);
    }
    throw new ConcurrencyError(id);
  }

  /** Replaces only if nobody wrote since `etag`; undefined when somebody did (412). */
  async replaceIfMatch(item: T, etag: string): Promise<Stored<T> | undefined> {
    return guarded(async () => {
      try {
        const { resource } = await this.container
          .item(item.id, this.partitionOf(item))
          .replace<T>(item, { accessCondition: { type: "IfMatch", condition: etag } });
        return resource as Stored<T>;
      } catch (err) {
        if (statusOf(err) === 412) return undefined;
        throw err;
      }
    });
  }

  async delete(partition: string, id: string): Promise<void> {
    await guarded(async () => {
      try {
        await this.container.item(id, partition).delete();
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    });
  }

  /**
   * One page of a query within a partition; `continuation` is the token the
   * previous page returned (opaque, from Cosmos). Same WHERE rule as `query`.
   */
  async queryPage(
    spec: SqlQuerySpec,
    partition: string,
    page: { size: number; continuation?: string },
  ): Promise<{ items: Stored<T>[]; continuation?: string }> {
    return guarded(async () => {
      const { resources, continuationToken } = await this.container.items
        .query<Stored<T>>(spec, {
          partitionKey: partition,
          maxItemCount: page.size,
          continuationToken: page.continuation,
        })
        .fetchNext();
      const now = this.clock.now();
      return {
        items: resources.filter((r) => !isExpired(r as Expiring, now)),
        continuation: continuationToken,
      };
    });
  }

  /** Queries must filter on the partition key in WHERE: the embedded server ignores the partitionKey option. */
  async query(spec: SqlQuerySpec, partition?: string): Promise<Stored<T>[]> {
    return guarded(async () => {
      const { resources } = await this.container.items
        .query<Stored<T>>(spec, partition === undefined ? {} : { partitionKey: partition })
        .fetchAll();
      const now = this.clock.now();
      return resources.filter((r) => !isExpired(r as Expiring, now));
    });
  }
}
