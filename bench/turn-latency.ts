/**
 * Turn latency under concurrency: N simulated Teams users (default 50) each
 * send messages through /api/messages; the connector capture server receives
 * the replies. Measures Värna's help turn and, in the same run and on the
 * same adapter, turn middleware and store, a bare echo bot as the baseline.
 *
 *   npm run bench -- --users 50 --turns 20
 */

import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { ActivityHandler, ConversationState } from "botbuilder";
import { startApp } from "../src/app.js";
import { createAdapter } from "../src/bot/adapter.js";
import { botEndpoint } from "../src/bot/endpoint.js";
import { turnMiddleware } from "../src/bot/turn-middleware.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/log.js";
import { type BotStateItem, CosmosBotStorage } from "../src/store/bot-storage.js";
import { ConversationReferences, type StoredConversation } from "../src/store/conversation-references.js";
import { Repository } from "../src/store/repository.js";
import type { Store } from "../src/store/store.js";
import { type TurnClaim, TurnClaims } from "../src/store/turn-claims.js";
import { type Clock, systemClock } from "../src/time/clock.js";
import { ConnectorServer } from "../test/support/connector.js";
import { TeamsClient } from "../test/support/teams-client.js";
import { openTestStore } from "../test/support/test-store.js";
import { aUser } from "../test/support/users.js";

const { values } = parseArgs({
  options: { users: { type: "string", default: "50" }, turns: { type: "string", default: "20" } },
});
const USERS = Number(values.users);
const TURNS = Number(values.turns);

/** The baseline: the same adapter, middleware and store as Värna, but the bot only echoes. */
async function startEchoBot(
  store: Store,
  clock: Clock,
): Promise<{ url: string; close: () => Promise<void> }> {
  const log = createLogger("silent");
  const adapter = createAdapter({ mode: "local" }, log);
  adapter.use(
    turnMiddleware({
      claims: new TurnClaims(new Repository<TurnClaim>(store.containers.botstate, (i) => i.id, clock), clock),
      conversations: new ConversationReferences(
        new Repository<StoredConversation>(store.containers.conversations, (i) => i.orgId, clock),
      ),
      defaultOrgId: "bench",
      clock,
      log,
    }),
  );
  const state = new ConversationState(
    new CosmosBotStorage(new Repository<BotStateItem>(store.containers.botstate, (i) => i.id, clock), clock),
  );
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const run = bot.run.bind(bot);
  bot.run = async (context) => {
    await run(context);
    await state.saveChanges(context);
  };
  const http = createHttpServer({
    bot: botEndpoint(adapter, bot, false, log),
    isReady: () => store.ping(),
    log,
  });
  await new Promise<void>((resolve) => http.server.listen(0, "127.0.0.1", resolve));
  const { port } = http.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => http.server.close(() => r())) };
}

async function measure(url: string, connector: ConnectorServer, text: string) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      const user = aUser();
      const chat = new TeamsClient(url, connector, user, {
        kind: "personal",
        id: `a:bench-${user.aadObjectId}`,
      });
      for (let i = 0; i < TURNS; i++) {
        const t0 = performance.now();
        const result = await chat.say(text);
        if (result.status !== 200 || result.sent.length !== 1)
          throw new Error(`unexpected turn result ${result.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { p50: at(50), p95: at(95), p99: at(99), throughput: latencies.length / seconds };
}

async function main(): Promise<void> {
  const clock = systemClock();
  const testStore = await openTestStore(clock);
  const connector = await new ConnectorServer().start();
  const config = loadConfig({ PORT: "0", LOG_LEVEL: "silent", DATA_DIR: testStore.dataDir });
  const varna = await startApp(config, { store: testStore.store, clock });
  const echo = await startEchoBot(testStore.store, clock);

  // Warm-up: JIT, connection pools, container metadata.
  await measure(echo.url, connector, "hej");
  await measure(varna.url, connector, "hjälp");
  const baseline = await measure(echo.url, connector, "hej");
  const help = await measure(varna.url, connector, "hjälp");

  const row = (name: string, r: typeof help) =>
    `| ${name.padEnd(22)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p95.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${r.throughput.toFixed(0).padStart(12)} |`;
  console.log(`\n${USERS} concurrent users × ${TURNS} turns each, embedded store, node ${process.version}\n`);
  console.log("| bot                    | p50 ms  | p95 ms  | p99 ms  | turns/second |");
  console.log("|------------------------|---------|---------|---------|--------------|");
  console.log(row("echo (baseline)", baseline));
  console.log(row("Värna help turn", help));
  console.log(
    `\nratio Värna/echo: p50 ${(help.p50 / baseline.p50).toFixed(2)}×, p95 ${(help.p95 / baseline.p95).toFixed(2)}×, p99 ${(help.p99 / baseline.p99).toFixed(2)}×, throughput ${(help.throughput / baseline.throughput).toFixed(2)}×`,
  );

  await echo.close();
  await varna.close();
  await connector.stop();
  await testStore.dispose();
}

void main();
