import type http from "node:http";
import type { AddressInfo } from "node:net";
import { CosmosClient } from "@azure/cosmos";
import { Journal, type Release } from "./journal.js";
import { type CollectionDefinition, documentKey, type JournalEntry } from "./store-image.js";

/** The well-known emulator key: the embedded server does not check it, the SDK needs one. */
export const EMBEDDED_KEY =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  port: number;
  /** Stops serving; the data stays on disk. */
  stop(): Promise<void>;
}

export interface EmbeddedCosmosOptions {
  dataDir: string;
  port?: number;
  compactAfterBytes?: number;
  /** Decides what expired while the server was down (the journal is replayed without it). */
  now: Date;
}

/** `/dbs[/db[/colls[/coll[/docs[/doc]]]]]`, decoded; `kind` names the last resource type in the path. */
type Route = { kind: "dbs" | "colls" | "docs"; db?: string; coll?: string; doc?: string };

function route(url: string | undefined): Route | undefined {
  const segments = (url ?? "").split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent);
  const [dbs, db, colls, coll, docs, doc] = segments;
  if (dbs !== "dbs" || segments.length > 6) return undefined;
  if (docs !== undefined) return docs === "docs" ? { kind: "docs", db, coll, doc } : undefined;
  if (colls !== undefined) return colls === "colls" ? { kind: "colls", db, coll } : undefined;
  return { kind: "dbs", db };
}

function isTrue(req: http.IncomingMessage, header: string): boolean {
  return String(req.headers[header] ?? "").toLowerCase() === "true";
}

/**
 * Starts @vercel/cosmosdb-server on loopback with every acknowledged write
 * journaled to `dataDir` first, and replays what the directory holds before
 * it answers anyone. The server itself keeps data only in memory.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions): Promise<EmbeddedCosmos> {
  const journal = new Journal(options.dataDir, options.compactAfterBytes);
  const replay = journal.load(options.now);
  // Loaded only in embedded mode: a deployment against Azure Cosmos DB never needs the embedded server.
  const { createHttpServer } = await import("@vercel/cosmosdb-server");
  const server = createHttpServer({ keepAlive: true } as http.ServerOptions);
  let recording = false;

  /** Turns a successful write into the journal entry that reproduces it. */
  function entryFor(req: http.IncomingMessage, status: number, body: string): JournalEntry | undefined {
    const r = route(req.url);
    if (status >= 300 || !r) return undefined;
    if (req.method === "DELETE") {
      if (r.kind === "docs" && r.doc) {
        const [pk] = JSON.parse(String(req.headers["x-ms-documentdb-partitionkey"] ?? "[]")) as unknown[];
        // The SDK sends `[{}]` for a document without a partition key value.
        const value = pk && typeof pk === "object" && Object.keys(pk).length === 0 ? undefined : pk;
        return { op: "del", db: r.db!, coll: r.coll!, key: documentKey(value, r.doc) };
      }
      if (r.kind === "colls" && r.coll) return { op: "dropcoll", db: r.db!, coll: r.coll };
      return r.db ? { op: "dropdb", db: r.db } : undefined;
    }
    const resource = JSON.parse(body) as { id: string } & Record<string, unknown>;
    if (r.kind === "docs") return { op: "put", db: r.db!, coll: r.coll!, doc: resource };
    if (r.kind === "colls") return { op: "coll", db: r.db!, def: resource as CollectionDefinition };
    return { op: "db", db: resource.id };
  }

  const [handler] = server.listeners("request") as ((
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const isWrite =
      req.method === "DELETE" ||
      req.method === "PUT" ||
      req.method === "PATCH" ||
      (req.method === "POST" &&
        !isTrue(req, "x-ms-documentdb-isquery") &&
        req.headers["content-type"] !== "application/query+json");
    if (isWrite && isTrue(req, "x-ms-cosmos-is-batch-request")) {
      // Batches cannot be journaled entry by entry; nothing in Värna uses them.
      res.statusCode = 400;
      res.end(
        JSON.stringify({ code: "BadRequest", message: "batches are not supported by the embedded store" }),
      );
      return;
    }
    if (isWrite && recording) {
      const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
      res.end = ((chunk?: unknown) => {
        const entry = entryFor(req, res.statusCode, typeof chunk === "string" ? chunk : String(chunk ?? ""));
        const release: Release = (durable) => {
          if (durable) {
            end(chunk);
            return;
          }
          // Not on disk, so not acknowledged: the SDK sees a service error and the person is asked to try again.
          res.statusCode = 503;
          end(
            JSON.stringify({
              code: "ServiceUnavailable",
              message: "the embedded store cannot write to its data directory",
            }),
          );
        };
        if (entry) journal.append(entry, release);
        else release(true);
        return res;
      }) as typeof res.end;
    }
    handler!(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  await replayInto(endpoint, replay);
  journal.compact();
  recording = true;

  return {
    endpoint,
    key: EMBEDDED_KEY,
    port,
    async stop() {
      recording = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await journal.close();
    },
  };
}

/** Rebuilds the server's memory from the journal through the real SDK, a few writes at a time. */
async function replayInto(endpoint: string, entries: JournalEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const client = new CosmosClient({
    endpoint,
    key: EMBEDDED_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const writes: Promise<unknown>[] = [];
  for (const entry of entries) {
    if (entry.op === "db") await client.databases.createIfNotExists({ id: entry.db });
    else if (entry.op === "coll") {
      await Promise.all(writes.splice(0));
      await client.database(entry.db).containers.createIfNotExists(entry.def as never);
    } else if (entry.op === "put") {
      writes.push(client.database(entry.db).container(entry.coll).items.upsert(entry.doc));
      if (writes.length >= 64) await Promise.all(writes.splice(0));
    }
  }
  await Promise.all(writes);
  client.dispose();
}
