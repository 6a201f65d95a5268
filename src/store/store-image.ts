/**
 * An in-memory mirror of what the embedded Cosmos server holds, kept as the
 * entries that rebuild it. The journal appends entries; a snapshot is this
 * image written out as entries; a restart replays them.
 */
export type JournalEntry =
  | { op: "db"; db: string }
  | { op: "dropdb"; db: string }
  | { op: "coll"; db: string; def: CollectionDefinition }
  | { op: "dropcoll"; db: string; coll: string }
  | { op: "put"; db: string; coll: string; doc: StoredDocument }
  | { op: "del"; db: string; coll: string; key: string };

export interface CollectionDefinition {
  id: string;
  partitionKey?: { paths: string[]; kind?: string };
  [property: string]: unknown;
}

export type StoredDocument = { id: string } & Record<string, unknown>;

interface Collection {
  def: CollectionDefinition;
  docs: Map<string, StoredDocument>;
}

/** The identity of a document inside its collection: partition key value and id. */
export function documentKey(partitionKeyValue: unknown, id: string): string {
  return JSON.stringify([partitionKeyValue ?? null, id]);
}

export function partitionKeyValue(def: CollectionDefinition, doc: Record<string, unknown>): unknown {
  const path = def.partitionKey?.paths[0];
  if (!path) return undefined;
  let value: unknown = doc;
  for (const segment of path.split("/").filter(Boolean)) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

/** Server-generated properties are recreated on replay, so they are not kept. */
function withoutSystemProperties(doc: StoredDocument): StoredDocument {
  const { _rid, _self, _etag, _ts, _attachments, ...rest } = doc;
  return rest as StoredDocument;
}

export class StoreImage {
  private readonly databases = new Map<string, Map<string, Collection>>();

  apply(entry: JournalEntry): void {
    switch (entry.op) {
      case "db":
        if (!this.databases.has(entry.db)) this.databases.set(entry.db, new Map());
        return;
      case "dropdb":
        this.databases.delete(entry.db);
        return;
      case "coll": {
        const colls = this.databases.get(entry.db) ?? new Map<string, Collection>();
        this.databases.set(entry.db, colls);
        const existing = colls.get(entry.def.id);
        colls.set(entry.def.id, { def: entry.def, docs: existing?.docs ?? new Map() });
        return;
      }
      case "dropcoll":
        this.databases.get(entry.db)?.delete(entry.coll);
        return;
      case "put": {
        const coll = this.databases.get(entry.db)?.get(entry.coll);
        if (!coll) return;
        const doc = withoutSystemProperties(entry.doc);
        coll.docs.set(documentKey(partitionKeyValue(coll.def, doc), doc.id), doc);
        return;
      }
      case "del":
        this.databases.get(entry.db)?.get(entry.coll)?.docs.delete(entry.key);
        return;
    }
  }

  /** Forgets documents whose `expiresAt` has passed (the embedded server has no TTL of its own). */
  dropExpired(now: Date): void {
    const stamp = now.toISOString();
    for (const colls of this.databases.values()) {
      for (const { docs } of colls.values()) {
        for (const [key, doc] of docs) {
          if (typeof doc.expiresAt === "string" && doc.expiresAt <= stamp) docs.delete(key);
        }
      }
    }
  }

  /** The shortest list of entries that rebuilds this image. */
  *entries(): Generator<JournalEntry> {
    for (const [db, colls] of this.databases) {
      yield { op: "db", db };
      for (const [coll, { def, docs }] of colls) {
        yield { op: "coll", db, def };
        for (const doc of docs.values()) yield { op: "put", db, coll, doc };
      }
    }
  }
}
