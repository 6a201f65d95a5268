import { afterEach } from "vitest";
import { type App, type AppOptions, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { ConnectorServer } from "./connector.js";
import { TeamsClient, type TestUser } from "./teams-client.js";
import { TestClock } from "./test-clock.js";
import { openTestStore, type TestStore } from "./test-store.js";

export interface Harness {
  app: App;
  connector: ConnectorServer;
  testStore: TestStore;
  /** A person's personal chat with the bot. */
  personal(user: TestUser): TeamsClient;
  /** A person posting in a team channel. */
  inChannel(user: TestUser, channel: { teamId: string; channelId: string }): TeamsClient;
  /** Starts another instance of the app on the same store and connector (as a second App Service instance would run). */
  startInstance(): Promise<App>;
  /** The clock of the app and every instance started from the harness: tests set and advance it. */
  clock: TestClock;
  /** Stops the app and its store and starts both again on the same data, as a restarted process would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Where the clock starts (default: the machine's date when the harness starts). */
  now?: Date;
  /** The digest's seams (managers, counters) as the test sets them up. */
  digest?: AppOptions["digest"];
  /** Where Bot Framework tokens are checked (a local stand-in, with an app id set in `env`). */
  botIdentity?: AppOptions["botIdentity"];
}

export { aUser } from "./users.js";

/**
 * Starts the real app on a free port over its own embedded store, with a
 * connector capture server standing in for Teams. After each test it fails
 * if any card the bot sent did not parse as an Adaptive Card 1.5.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock(options.now);
  const testStore = await openTestStore(clock);
  const connector = await new ConnectorServer().start();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATA_DIR: testStore.dataDir,
    ...options.env,
  });
  const start = () =>
    startApp(config, {
      store: testStore.store,
      clock,
      log: createLogger(config.logLevel),
      digest: options.digest,
      botIdentity: options.botIdentity,
    });
  let app = await start();
  const others: App[] = [];
  afterEach(() => {
    const invalid = connector.invalidCards.splice(0);
    if (invalid.length) throw new Error(`the bot sent cards that do not parse: ${JSON.stringify(invalid)}`);
  });
  return {
    get app() {
      return app;
    },
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
    async startInstance() {
      const other = await start();
      others.push(other);
      return other;
    },
    clock,
    async restart() {
      await app.close();
      await testStore.store.close();
      await testStore.reopen();
      app = await start();
    },
    async close() {
      for (const other of others) await other.close();
      await app.close();
      await connector.stop();
      await testStore.dispose();
    },
  };
}
