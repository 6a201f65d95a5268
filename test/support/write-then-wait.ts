/**
 * Child process for the durability test: opens the embedded store in the
 * given data directory, writes items, prints "acknowledged <n>" after each
 * write the server acknowledged, and then waits to be killed.
 */
import { openStore } from "../../src/store/store.js";
import { systemClock } from "../../src/time/clock.js";

async function main(): Promise<void> {
  const [dataDir, database, countText] = process.argv.slice(2);
  const store = await openStore(
    { mode: "embedded", dataDir: dataDir!, port: 0, database: database! },
    systemClock(),
  );
  const count = Number(countText);
  for (let i = 0; i < count; i++) {
    await store.containers.cases.items.create({ id: `case-${i}`, orgId: "org-kill", kind: "probe", n: i });
    process.stdout.write(`acknowledged ${i}\n`);
  }
  setInterval(() => undefined, 60_000);
}

void main();
