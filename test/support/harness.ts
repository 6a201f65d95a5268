import { afterEach } from "vitest";
import { type App, type AppOptions, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { ConnectorServer } from "./connector.js";
import { TeamsClient, type TestUser } from "./teams-client.js";
import { openTestStore, type TestStore } from "./test-store.js";

export interface Harness {
  app: App;
  connector: ConnectorServer;
  testStore: TestStore;
  /** A person's personal chat with the bot. */
  personal(user: TestUser): TeamsClient;
  /** A person posting in a team channel. */
  inChannel(user: TestUser, channel: { teamId: string; channelId: string }): TeamsClient;
  /** Moves the app's clock (the store and connector keep real time). */
  setNow(date: Date): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  now?: Date;
  /** The digest's seams (managers, counters) as the test sets them up. */
  digest?: AppOptions["digest"];
}

export { aUser } from "./users.js";

/**
 * Starts the real app on a free port over its own embedded store, with a
 * connector capture server standing in for Teams. After each test it fails
 * if any card the bot sent did not parse as an Adaptive Card 1.5.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const testStore = await openTestStore();
  const connector = await new ConnectorServer().start();
  let now = options.now;
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATA_DIR: testStore.dataDir,
    ...options.env,
  });
  const app = await startApp(config, {
    store: testStore.store,
    clock: () => (now ? new Date(now) : new Date()),
    log: createLogger(config.logLevel),
    digest: options.digest,
  });
  afterEach(() => {
    const invalid = connector.invalidCards.splice(0);
    if (invalid.length) throw new Error(`the bot sent cards that do not parse: ${JSON.stringify(invalid)}`);
  });
  return {
    app,
    connector,
    testStore,
    personal: (user) =>
      new TeamsClient(app.url, connector, user, { kind: "personal", id: `a:personal-${user.aadObjectId}` }),
    inChannel: (user, { teamId, channelId }) =>
      new TeamsClient(app.url, connector, user, {
        kind: "channel",
        id: `${channelId};messageid=1`,
        teamId,
        channelId,
      }),
    setNow: (date) => {
      now = date;
    },
    async close() {
      await app.close();
      await connector.stop();
      await testStore.dispose();
    },
  };
}
