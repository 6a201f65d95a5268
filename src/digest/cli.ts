import "dotenv/config";
import { ConfigError, loadConfig } from "../config.js";
import { loadUnits } from "../org/units.js";
import { openRepositories } from "../store/repositories.js";
import { openStore } from "../store/store.js";
import { systemClock } from "../time/clock.js";
import { loadTrainingCalendar } from "./calendar.js";
import { dryRun } from "./dry-run.js";
import { productionDigestPorts } from "./ports.js";

const USAGE = `usage: npm run digest -- --dry-run [--org ORG_ID]

Prints, as text, the digest every registered manager would get if a run started now.
Nothing is sent. Runs are sent by the app on its schedule
(DIGEST_SCHEDULE) or when an administrator writes "digest now" to Värna.
With the embedded store (no COSMOS_ENDPOINT), stop the app first: its data
directory belongs to one process at a time.`;

/** `npm run digest -- --dry-run`: the digests a run would send now, as text, read from the configured store. */
async function main(args: string[]): Promise<number> {
  if (!args.includes("--dry-run")) {
    console.error(USAGE);
    return 2;
  }
  const orgAt = args.indexOf("--org");
  const config = loadConfig(process.env);
  const units = loadUnits(config.unitsFile);
  const calendar = loadTrainingCalendar(config.digest.trainingCalendarFile);
  const clock = systemClock();
  const store = await openStore(config.store, clock);
  try {
    const { cases, conversations, digestJobs: jobs, ...repositories } = openRepositories(store, clock);
    const { managers, stats } = productionDigestPorts(repositories);
    const digests = await dryRun({
      sources: {
        cases,
        jobs,
        stats,
        calendar,
        unitName: (id, locale) => units.name(id, locale),
        timeZone: config.digest.timeZone,
      },
      managers,
      localeOf: async ({ orgId, aadObjectId }) => (await conversations.forUser(orgId, aadObjectId))?.locale,
      now: clock.now(),
      orgIds: orgAt >= 0 && args[orgAt + 1] ? [args[orgAt + 1]!] : undefined,
    });
    for (const d of digests) console.log(`=== ${d.orgId} / ${d.aadObjectId}\n${d.text}\n`);
    const count = digests.length;
    console.log(`${count} digests would be sent (dry run: nothing was sent).`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? `Värna cannot start: ${err.message}` : err);
    process.exit(1);
  });
