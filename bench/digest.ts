/**
 * A digest run for many managers (default 5,000) against the connector
 * capture server, at the configured rate (DIGEST_RATE_PER_SECOND, default 30/s).
 * Prints the achieved rate against the limit, the busiest second, and the
 * total time; checks that every manager got exactly one digest.
 *
 *   npm run bench:digest -- --recipients 5000 --rate 30 --throttle 0.05
 */

import { parseArgs } from "node:util";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { systemClock } from "../src/time/clock.js";
import { ConnectorServer } from "../test/support/connector.js";
import { personalConversationId, rememberPersonalChat, TestManagers } from "../test/support/digest.js";
import { TEST_TENANT } from "../test/support/teams-client.js";
import { openTestStore } from "../test/support/test-store.js";

const { values } = parseArgs({
  options: {
    recipients: { type: "string", default: "5000" },
    rate: { type: "string", default: process.env.DIGEST_RATE_PER_SECOND ?? "30" },
    throttle: { type: "string", default: "0" },
  },
});
const RECIPIENTS = Number(values.recipients);
const THROTTLED = Number(values.throttle);

async function main(): Promise<void> {
  const clock = systemClock();
  const testStore = await openTestStore(clock);
  const connector = await new ConnectorServer().start();
  const config = loadConfig({
    PORT: "0",
    LOG_LEVEL: "silent",
    DATA_DIR: testStore.dataDir,
    DIGEST_RATE_PER_SECOND: values.rate,
  });
  const managers = new TestManagers();
  const units = ["socialforvaltningen", "utbildningsforvaltningen", "vard-och-omsorg", "kultur-och-fritid"];
  const list = Array.from({ length: RECIPIENTS }, (_, i) =>
    managers.add({ unitIds: [units[i % units.length]!] }),
  );
  const app = await startApp(config, { store: testStore.store, digest: { managers }, clock });

  console.log(`setting up ${RECIPIENTS} managers who have talked to the bot…`);
  for (let i = 0; i < list.length; i += 50)
    await Promise.all(
      list.slice(i, i + 50).map((m) => rememberPersonalChat(app, connector.url, m.aadObjectId)),
    );
  if (THROTTLED > 0) {
    const every = Math.round(1 / THROTTLED);
    const throttled = new Set(
      list.filter((_, i) => i % every === 0).map((m) => personalConversationId(m.aadObjectId)),
    );
    connector.fail(429, {
      times: throttled.size,
      retryAfterSeconds: 1,
      matches: (c) => c.kind === "send" && throttled.has(c.conversationId),
    });
  }

  const started = performance.now();
  const startedAt = Date.now();
  await app.digest.runNow(TEST_TENANT);
  await app.digest.settled();
  const totalSeconds = (performance.now() - started) / 1000;

  const sends = connector.captured.filter((c) => c.kind === "send" && c.at >= startedAt);
  const perConversation = new Map<string, number>();
  for (const s of sends)
    perConversation.set(s.conversationId, (perConversation.get(s.conversationId) ?? 0) + 1);
  const times = sends.map((s) => s.at).sort((a, b) => a - b);
  const sendingSeconds = (times.at(-1)! - times[0]!) / 1000;
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
  const missed = list.filter((m) => !perConversation.has(personalConversationId(m.aadObjectId))).length;

  console.log(`\ndigest run: ${RECIPIENTS} managers, embedded store, node ${process.version}\n`);
  console.log(`| configured limit      | ${config.digest.ratePerSecond.toFixed(1).padStart(8)} msg/s |`);
  console.log(`| achieved (sending)    | ${(sends.length / sendingSeconds).toFixed(1).padStart(8)} msg/s |`);
  console.log(`| busiest 1-s window    | ${String(busiest).padStart(8)} msgs  |`);
  console.log(`| first digest after    | ${((times[0]! - startedAt) / 1000).toFixed(1).padStart(8)} s     |`);
  console.log(`| total time (run)      | ${totalSeconds.toFixed(1).padStart(8)} s     |`);
  console.log(
    `| rate budget           | ${(RECIPIENTS / config.digest.ratePerSecond).toFixed(1).padStart(8)} s     |`,
  );
  console.log(
    `\ndelivered ${perConversation.size}/${RECIPIENTS}, duplicates ${duplicates}, missed ${missed}`,
  );

  await app.close();
  await connector.stop();
  await testStore.dispose();
  if (duplicates || missed) process.exit(1);
}

void main();
