import { type Container, CosmosClient } from "@azure/cosmos";
import type { Case } from "../cases/case.js";
import type { StoreConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { CaseChangeListener } from "../store/case-repository.js";
import { Repository } from "../store/repository.js";
import type { Store } from "../store/store.js";
import type { Clock } from "../time/clock.js";
import { addCounts, type CounterDoc, counterId, delta, recount } from "./counters.js";

export interface CounterDifference {
  orgId: string;
  id: string;
  /** key → [stored, recounted] for every key that differs. */
  keys: Record<string, [number, number]>;
}

/** Reads all cases of one organisation (a maintenance scan, never on a request path). */
export type CaseScan = (orgId: string) => Promise<Iterable<Case>>;

/** The counter documents in the `stats` container, partitioned by organisation. */
export class StatsCounters {
  constructor(
    private readonly docs: Repository<CounterDoc>,
    private readonly log: Logger,
  ) {}

  /** Keeps the counters current; a failure is logged (the case is already saved) and `stats:rebuild` repairs it. */
  readonly listener: CaseChangeListener = async ({ before, after }) => {
    try {
      await this.apply(after.orgId, delta(before, after));
    } catch (err) {
      this.log.error(
        { event: "stats.counterFailed", caseId: after.id, err: (err as Error).name },
        "statistics counter not updated; run stats:rebuild",
      );
    }
  };

  async apply(orgId: string, changes: ReturnType<typeof delta>): Promise<void> {
    for (const change of changes) {
      const id = counterId(change.unitId, change.month);
      const fresh: CounterDoc = {
        kind: "stats",
        id,
        orgId,
        unitId: change.unitId,
        month: change.month,
        counts: {},
      };
      if (!(await this.docs.get(orgId, id))) await this.docs.createIfAbsent(fresh);
      await this.docs.update(orgId, id, (doc) => ({ ...doc, counts: addCounts(doc.counts, change.counts) }));
    }
  }

  /** The documents of the months from..to (YYYY-MM, inclusive), optionally one unit: a handful of small reads. */
  async range(orgId: string, from: string, to: string, unitId?: string): Promise<CounterDoc[]> {
    const clauses = ["c.orgId = @orgId", 'c.kind = "stats"', "c.month >= @from", "c.month <= @to"];
    const parameters = [
      { name: "@orgId", value: orgId },
      { name: "@from", value: from },
      { name: "@to", value: to },
    ];
    if (unitId) {
      clauses.push("c.unitId = @unitId");
      parameters.push({ name: "@unitId", value: unitId });
    }
    return this.docs.query({ query: `SELECT * FROM c WHERE ${clauses.join(" AND ")}`, parameters }, orgId);
  }

  /**
   * Recounts the organisation's counters from its cases and reports every
   * document that differs; with `write`, stores the recount over them.
   */
  async rebuild(orgId: string, scan: CaseScan, write: boolean): Promise<CounterDifference[]> {
    const expected = recount(orgId, await scan(orgId));
    const stored = await this.docs.query(
      {
        query: 'SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = "stats"',
        parameters: [{ name: "@orgId", value: orgId }],
      },
      orgId,
    );
    const storedById = new Map(stored.map((d) => [d.id, d]));
    const differences: CounterDifference[] = [];
    for (const id of new Set([...expected.keys(), ...storedById.keys()])) {
      const want = expected.get(id)?.counts ?? {};
      const have = storedById.get(id)?.counts ?? {};
      const keys: Record<string, [number, number]> = {};
      for (const key of new Set([...Object.keys(want), ...Object.keys(have)])) {
        if ((want[key] ?? 0) !== (have[key] ?? 0)) keys[key] = [have[key] ?? 0, want[key] ?? 0];
      }
      if (Object.keys(keys).length === 0) continue;
      differences.push({ orgId, id, keys });
      if (!write) continue;
      const doc = expected.get(id) ?? { ...storedById.get(id)!, counts: {} };
      await this.docs.upsert({
        kind: "stats",
        id,
        orgId,
        unitId: doc.unitId,
        month: doc.month,
        counts: doc.counts,
      });
    }
    return differences;
  }
}

export function statsCounters(store: Store, log: Logger, clock: Clock): StatsCounters {
  return new StatsCounters(new Repository<CounterDoc>(store.containers.stats, (d) => d.orgId, clock), log);
}

/** Every case of one organisation, read in full: for `stats:rebuild` and the benchmark, never for a request. */
export function caseScan(container: Container, clock: Clock): CaseScan {
  const cases = new Repository<Case>(container, (c) => c.orgId, clock);
  return async (orgId) => {
    const spec = {
      query: 'SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = "case"',
      parameters: [{ name: "@orgId", value: orgId }],
    };
    const all: Case[] = [];
    let continuation: string | undefined;
    do {
      // -1: pages as large as the service allows (Azure: up to 4 MB; the embedded server: everything at once).
      const page = await cases.queryPage(spec, orgId, { size: -1, continuation });
      all.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return all;
  };
}

/**
 * The cases container for a long maintenance read. The embedded server
 * evaluates every query over the whole container, which with many cases
 * outlasts the short request timeout meant for turns; Azure pages quickly.
 */
export function casesForMaintenance(store: Store, config: StoreConfig): Container {
  if (!store.embedded || config.mode !== "embedded") return store.containers.cases;
  const client = new CosmosClient({
    endpoint: store.embedded.endpoint,
    key: store.embedded.key,
    connectionPolicy: { requestTimeout: 15 * 60_000, enableEndpointDiscovery: false },
  });
  return client.database(config.database).container("cases");
}

/** The organisations that have cases: each has a case number sequence (a few small documents, across partitions). */
export async function organisationsWithCases(store: Store): Promise<string[]> {
  const { resources } = await store.containers.cases.items
    .query<{ orgId: string }>('SELECT c.orgId FROM c WHERE c.kind = "sequence"')
    .fetchAll();
  return [...new Set(resources.map((r) => r.orgId))].sort();
}
