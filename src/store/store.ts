import { type Container, CosmosClient, type Database } from "@azure/cosmos";
import { ManagedIdentityCredential } from "@azure/identity";
import type { StoreConfig } from "../config.js";
import type { Clock } from "../time/clock.js";
import { CONTAINERS, type ContainerName } from "./containers.js";
import { type EmbeddedCosmos, startEmbeddedCosmos } from "./embedded-cosmos.js";
import { guarded } from "./errors.js";

export interface Store {
  readonly containers: Record<ContainerName, Container>;
  /** True when the database answers a cheap read within the timeout. */
  ping(): Promise<boolean>;
  /** The embedded server, when running in embedded mode (tests stop and restart it to simulate outages). */
  readonly embedded?: EmbeddedCosmos;
  close(): Promise<void>;
}

/** Short timeouts: a turn must answer within seconds, so an outage is reported rather than waited out. */
const CONNECTION_POLICY = {
  requestTimeout: 5_000,
  retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 200, maxWaitTimeInSeconds: 4 },
};

function clientFor(config: StoreConfig, embedded?: EmbeddedCosmos): CosmosClient {
  if (config.mode === "embedded" && embedded) {
    return new CosmosClient({
      endpoint: embedded.endpoint,
      key: embedded.key,
      connectionPolicy: { ...CONNECTION_POLICY, enableEndpointDiscovery: false },
    });
  }
  if (config.mode !== "azure") throw new Error("embedded store not started");
  if (config.key)
    return new CosmosClient({
      endpoint: config.endpoint,
      key: config.key,
      connectionPolicy: CONNECTION_POLICY,
    });
  // No key: the app's managed identity holds a Cosmos DB data-plane role (see infra/).
  const credential = new ManagedIdentityCredential(
    config.managedIdentityClientId ? { clientId: config.managedIdentityClientId } : {},
  );
  return new CosmosClient({
    endpoint: config.endpoint,
    aadCredentials: credential,
    connectionPolicy: CONNECTION_POLICY,
  });
}

async function ensureContainers(database: Database): Promise<Record<ContainerName, Container>> {
  const entries = await Promise.all(
    (Object.keys(CONTAINERS) as ContainerName[]).map(async (name) => {
      const { partitionKey, ttl } = CONTAINERS[name];
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: [partitionKey] },
        ...(ttl ? { defaultTtl: -1 } : {}),
      });
      return [name, container] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ContainerName, Container>;
}

/** Opens the configured store (starting the embedded server if no endpoint is set) and creates what is missing. */
export async function openStore(config: StoreConfig, clock: Clock): Promise<Store> {
  const embedded =
    config.mode === "embedded"
      ? await startEmbeddedCosmos({ dataDir: config.dataDir, port: config.port, now: clock.now() })
      : undefined;
  const client = clientFor(config, embedded);
  const { database } = await guarded(() => client.databases.createIfNotExists({ id: config.database }));
  const containers = await guarded(() => ensureContainers(database));
  return {
    containers,
    embedded,
    async ping() {
      try {
        await database.read({ abortSignal: AbortSignal.timeout(2_000) });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      client.dispose();
      await embedded?.stop();
    },
  };
}
