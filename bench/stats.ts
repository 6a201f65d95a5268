/**
 * `npm run bench:stats`: the dashboard's statistics endpoint for one
 * organisation with 100,000 cases (a national-scale year) on the embedded
 * store, against computing the same numbers by scanning the cases.
 *
 * Environment: BENCH_CASES (default 100000), BENCH_REQUESTS (default 200), BENCH_SCANS (default 1).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startApp } from "../src/app.js";
import { CASE_TYPES, CATEGORIES, type Case, PROTECTION_LEVELS } from "../src/cases/case.js";
import { imyDeadline } from "../src/cases/deadline.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { openStore } from "../src/store/store.js";
import { caseScan, casesForMaintenance } from "../src/tab/counter-store.js";
import { recount } from "../src/tab/counters.js";
import { statisticsFrom } from "../src/tab/statistics.js";
import { systemClock } from "../src/time/clock.js";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
/** Scanning 100,000 cases on the embedded store takes minutes (its cost grows faster than linearly). */
const SCANS = Number(process.env.BENCH_SCANS ?? 1);
const ORG = "bench-org";
const ADMIN = randomUUID();
const UNITS = [
  "kommunstyrelsen",
  "socialforvaltningen",
  "utbildningsforvaltningen",
  "vard-och-omsorg",
  "samhallsbyggnad",
  "kultur-och-fritid",
  "arbetsmarknad",
  "kommunala-bolag",
];
const HOUR = 3600_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** What every benchmark case shares (the statistics do not look at these fields). */
const TEMPLATE = {
  occurredApproximate: true,
  ongoing: false,
  breachTypes: ["availability"],
  dataCategories: ["health"],
  subjectGroups: ["patients"],
  approxSubjects: 3,
  approxRecords: 12,
  encrypted: "unknown",
  seenByUnauthorised: "no",
  processorInvolved: "unknown",
  cause: "technical_fault",
  description: "Benchmark case.",
  measuresTaken: [],
  otherReports: [],
  preliminary: { severity: "low", reasons: [], notifyImyLikely: false, informSubjectsLikely: false },
  reporter: { aadObjectId: "bench-reporter", name: "Bench" },
  manager: { name: "Bench" },
  contactConsent: false,
  additions: [],
} satisfies Partial<Case>;

/** A varied year of cases: units, types, categories, protection levels, assessments and IMY reports. */
function aYearOfCases(): Case[] {
  const start = Date.UTC(2026, 0, 1);
  const span = 365 * 24 * HOUR;
  return Array.from({ length: CASES }, (_, i) => {
    const discovered = new Date(start + Math.floor((i / CASES) * span));
    const created = new Date(discovered.getTime() + (i % 97) * HOUR);
    const assessed = i % 3 !== 0;
    const notify = assessed && i % 4 === 0;
    const stamp = created.toISOString();
    return {
      ...TEMPLATE,
      kind: "case",
      id: `case-${i}`,
      number: `PUI-2026-${String(i + 1).padStart(6, "0")}`,
      orgId: ORG,
      type: CASE_TYPES[i % 5 === 0 ? 1 : 0]!,
      category: CATEGORIES[i % CATEGORIES.length]!,
      unitId: UNITS[i % UNITS.length]!,
      protectionLevel: PROTECTION_LEVELS[i % PROTECTION_LEVELS.length]!,
      occurredFrom: discovered.toISOString(),
      discoveredAt: discovered.toISOString(),
      deadlineAt: imyDeadline(discovered).toISOString(),
      discoveredBy: i % 7 === 0 ? "external" : "internal",
      status: notify ? "reported_to_imy" : assessed ? "assessed" : "reported",
      dsoAssessment: assessed
        ? {
            notifyImy: notify,
            informSubjects: false,
            assessedAt: new Date(created.getTime() + (i % 30) * HOUR).toISOString(),
            assessedBy: { name: "DSO" },
          }
        : undefined,
      imyReport: notify
        ? {
            reportedAt: new Date(discovered.getTime() + (i % 90) * HOUR).toISOString(),
            reference: "x",
            by: { name: "DSO" },
          }
        : undefined,
      createdAt: stamp,
      updatedAt: stamp,
    } satisfies Case;
  });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "varna-bench-stats-"));
  const storeConfig = { mode: "embedded", dataDir, port: 0, database: "bench" } as const;
  const clock = systemClock();
  const store = await openStore(storeConfig, clock);
  try {
    const seedStart = performance.now();
    const cases = aYearOfCases();
    await inParallel(cases, 16, (c) => store.containers.cases.items.create(c));
    const counters = [...recount(ORG, cases).values()];
    await inParallel(counters, 16, (d) => store.containers.stats.items.upsert(d));
    const seconds = ((performance.now() - seedStart) / 1000).toFixed(1);
    console.log(`seeded ${cases.length} cases and ${counters.length} counter documents in ${seconds} s`);
    cases.length = 0;

    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      DEFAULT_ORG_ID: ORG,
      ADMIN_AAD_IDS: ADMIN,
    });
    const app = await startApp(config, { store, log: createLogger("silent"), clock });
    const url = `${app.url}/tab/api/statistics?from=2026-01&to=2026-12`;
    const headers = { authorization: `Bearer dev:${ADMIN}` };
    const served = (await (await fetch(url, { headers })).json()) as ReturnType<typeof statisticsFrom>;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const endpoint: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      await (await fetch(url, { headers })).json();
      endpoint.push(performance.now() - t0);
    }
    const endpointHeap = process.memoryUsage().heapUsed - heapBefore;
    endpoint.sort((a, b) => a - b);
    console.log(`statistics endpoint timed; scanning the cases ${SCANS} times …`);

    const scan = caseScan(casesForMaintenance(store, storeConfig), clock);
    const scans: number[] = [];
    let scanHeap = 0;
    let scanned: ReturnType<typeof statisticsFrom> | undefined;
    for (let i = 0; i < SCANS; i++) {
      global.gc?.();
      const base = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const all = await scan(ORG);
      scanHeap = Math.max(scanHeap, process.memoryUsage().heapUsed - base);
      // The same months as the endpoint (a case discovered late on 31 December UTC is January in Sweden).
      const inPeriod = [...recount(ORG, all).values()].filter(
        (d) => d.month >= "2026-01" && d.month <= "2026-12",
      );
      scanned = statisticsFrom(inPeriod, { from: "2026-01", to: "2026-12" }, UNITS, null);
      scans.push(performance.now() - t0);
      console.log(`  scan ${i + 1}: ${(scans.at(-1)! / 1000).toFixed(1)} s`);
    }
    scans.sort((a, b) => a - b);
    await app.close();

    const same = JSON.stringify(scanned) === JSON.stringify(served);
    const p50 = percentile(endpoint, 50);
    const scanP50 = percentile(scans, 50);
    const total = served.totals.incident + served.totals.near_miss;
    console.log(`statistics endpoint (counters), ${REQUESTS} requests over HTTP:`);
    console.log(
      `  p50 ${p50.toFixed(1)} ms, p99 ${percentile(endpoint, 99).toFixed(1)} ms, heap growth ${mb(endpointHeap)}`,
    );
    console.log(`scanning all cases (${total} in the period), ${SCANS} run(s) (in process, no HTTP):`);
    console.log(
      `  p50 ${scanP50.toFixed(1)} ms, max ${scans.at(-1)!.toFixed(1)} ms, heap growth holding the scanned cases ${mb(scanHeap)}`,
    );
    console.log(`same numbers both ways: ${same ? "yes" : "NO"}`);
    console.log(`ratio (scan p50 / endpoint p50): ${(scanP50 / p50).toFixed(0)}×`);
    console.log(`process rss at the end ${mb(process.memoryUsage().rss)}`);
    if (!same) process.exitCode = 1;
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
