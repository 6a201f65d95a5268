import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { ConnectorServer } from "../support/connector.js";
import { freshDataDir } from "../support/data-dir.js";
import { aUser } from "../support/harness.js";
import { freePort, startBot, waitHealthy } from "../support/process.js";
import { TEST_TENANT, TeamsClient } from "../support/teams-client.js";
import { TestClock } from "../support/test-clock.js";

let connector: ConnectorServer;
let dataDir: string;
beforeAll(async () => {
  connector = await new ConnectorServer().start();
  dataDir = freshDataDir("varna-process");
});
afterAll(async () => {
  await connector?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the real entry point (src/index.ts)", () => {
  it("keeps what a person did when the process is killed with SIGKILL, and shuts down cleanly on SIGTERM", async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const user = aUser();

    const first = startBot(env);
    await waitHealthy(port);
    const chat = new TeamsClient(`http://127.0.0.1:${port}`, connector, user, {
      kind: "personal",
      id: `a:${user.aadObjectId}`,
    });
    const [install] = await chat.install();
    expect(install.cards).toHaveLength(1);
    first.child.kill("SIGKILL");
    await first.exit;

    const second = startBot(env);
    await waitHealthy(port);
    // Installed before the crash, so the person is not greeted a second time.
    const [again] = await chat.install();
    expect(again.cards).toHaveLength(0);
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);

    const store = await openStore({ mode: "embedded", dataDir, port: 0, database: "varna" }, new TestClock());
    const stored = await store.containers.conversations.item(`user-${user.aadObjectId}`, TEST_TENANT).read();
    await store.close();
    expect(stored.resource?.aadObjectId).toBe(user.aadObjectId);
  }, 90_000);

  it("refuses to start in production without an app id, naming the key", async () => {
    const bot = startBot({ NODE_ENV: "production", PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await bot.exit).toBe(1);
    expect(bot.stderr()).toContain("MicrosoftAppId is required when NODE_ENV=production");
  }, 30_000);

  it("stops on a bad setting with one line naming the key", async () => {
    const bot = startBot({ PORT: "not-a-port", DATA_DIR: dataDir });
    expect(await bot.exit).toBe(1);
    expect(bot.stderr()).toMatch(/^Värna cannot start: PORT: /m);
  }, 30_000);
});
