import "dotenv/config";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../log.js";
import { openStore } from "../store/store.js";
import { systemClock } from "../time/clock.js";
import { caseScan, casesForMaintenance, organisationsWithCases, statsCounters } from "./counter-store.js";

/**
 * `npm run stats:rebuild [-- --org <id> ...] [--dry-run]`: recounts the
 * statistics counters from the cases, prints every difference, and (unless
 * --dry-run) stores the recount. With the embedded store, stop the bot first
 * (one process owns the data directory); in Azure, run it when few cases change.
 * Exit code 0 when all agreed or were repaired, 2 when --dry-run found differences.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { org: { type: "string", multiple: true }, "dry-run": { type: "boolean", default: false } },
  });
  const config = loadConfig(process.env);
  const clock = systemClock();
  const store = await openStore(config.store, clock);
  try {
    const counters = statsCounters(store, createLogger("warn"), clock);
    const orgs = values.org ?? (await organisationsWithCases(store));
    const write = !values["dry-run"];
    let differing = 0;
    for (const orgId of orgs) {
      const differences = await counters.rebuild(
        orgId,
        caseScan(casesForMaintenance(store, config.store), clock),
        write,
      );
      differing += differences.length;
      console.log(
        `${orgId}: ${differences.length === 0 ? "counters agree with the cases" : `${differences.length} document(s) differed${write ? ", repaired" : ""}`}`,
      );
      for (const d of differences) {
        const keys = Object.entries(d.keys).map(([key, [stored, counted]]) => `${key} ${stored}→${counted}`);
        console.log(`  ${d.id}: ${keys.join(", ")}`);
      }
    }
    return differing > 0 && !write ? 2 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `stats:rebuild: ${err.message}` : err);
    process.exit(1);
  },
);
