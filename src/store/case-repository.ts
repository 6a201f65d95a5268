import { randomUUID } from "node:crypto";
import type { SqlParameter } from "@azure/cosmos";
import type { Case, CaseActor } from "../cases/case.js";
import { type CaseEvent, changedFields } from "../cases/case-event.js";
import { formatCaseNumber } from "../cases/case-number.js";
import type { Clock } from "../time/clock.js";
import type { Repository, Stored } from "./repository.js";

/** The per-organisation, per-year counter behind case numbers, kept beside the cases. */
export interface CaseSequence {
  kind: "sequence";
  id: string;
  orgId: string;
  last: number;
  /** Case ids recently given a number, so a retried submission gets the same number instead of a gap. */
  recent: Record<string, number>;
}

const RECENT_KEPT = 200;

export type NewCase = Omit<Case, "kind" | "number" | "createdAt" | "updatedAt">;

/**
 * Told after every case write (creation has no `before`). Escalation keeps the
 * DSO card current and statistics keep their counters this way. A listener
 * handles its own failures (e.g. flags the case for a retry): the case is
 * already saved when it runs.
 */
export type CaseChangeListener = (change: {
  before?: Case;
  after: Stored<Case>;
  event: CaseEvent;
}) => Promise<void>;

export class CaseRepository {
  private readonly listeners: CaseChangeListener[] = [];

  constructor(
    private readonly cases: Repository<Case | CaseSequence>,
    private readonly events: Repository<CaseEvent>,
    private readonly clock: Clock,
  ) {}

  onChange(listener: CaseChangeListener): void {
    this.listeners.push(listener);
  }

  async get(orgId: string, id: string): Promise<Stored<Case> | undefined> {
    const found = await this.cases.get(orgId, id);
    return found?.kind === "case" ? (found as Stored<Case>) : undefined;
  }

  /**
   * Creates the case once per id: a double click, a retried request or a
   * second device submitting the same draft all get the same case and number.
   */
  async create(input: NewCase, actor: CaseActor): Promise<{ case: Stored<Case>; created: boolean }> {
    const existing = await this.get(input.orgId, input.id);
    if (existing) {
      // A retry after a failure between saving the case and recording its creation finishes the job.
      await this.recordCreation(existing, actor);
      return { case: existing, created: false };
    }
    const now = this.clock.now();
    const number = await this.allocateNumber(input.orgId, now.getUTCFullYear(), input.id);
    const stamp = now.toISOString();
    const candidate: Case = { ...input, kind: "case", number, createdAt: stamp, updatedAt: stamp };
    const created = (await this.cases.createIfAbsent(candidate)) as Stored<Case> | undefined;
    const stored = created ?? (await this.get(input.orgId, input.id))!;
    await this.recordCreation(stored, actor);
    return { case: stored, created: created !== undefined };
  }

  /**
   * Writes the case's "created" audit event under an id fixed per case, so it
   * exists exactly once however often creation is retried, and tells the
   * listeners (escalation, statistics) exactly when that event is first written.
   */
  private async recordCreation(c: Stored<Case>, actor: CaseActor): Promise<void> {
    const event: CaseEvent = {
      id: `${c.id}-created`,
      caseId: c.id,
      orgId: c.orgId,
      at: c.createdAt,
      actor,
      type: "created",
      to: c.status,
      fields: [],
    };
    if (await this.events.createIfAbsent(event)) await this.notify({ after: c, event });
  }

  /**
   * Changes a case under its etag (retried when another writer won) and
   * records the change in the audit trail. `change` returns undefined to make
   * no change (e.g. the action is no longer allowed in the fresh state).
   */
  async update(
    orgId: string,
    id: string,
    change: (current: Stored<Case>) => Case | undefined,
    event: { actor: CaseActor; type: string },
  ): Promise<{ before: Case; after: Stored<Case> } | undefined> {
    let before: Case | undefined;
    let changed = false;
    const after = await this.cases.update(orgId, id, (current) => {
      if (current.kind !== "case") return undefined;
      before = current;
      const next = change(current as Stored<Case>);
      changed = next !== undefined;
      return next && { ...next, updatedAt: this.clock.now().toISOString() };
    });
    if (!after || !before || after.kind !== "case") return undefined;
    if (changed) {
      const recorded = await this.appendEvent(after, {
        ...event,
        from: before.status !== after.status ? before.status : undefined,
        to: before.status !== after.status ? after.status : undefined,
        fields: changedFields(before, after),
      });
      await this.notify({ before, after: after as Stored<Case>, event: recorded });
    }
    return { before, after: after as Stored<Case> };
  }

  /** Cases of one organisation matching simple equality filters (always within the organisation's partition). */
  async list(
    orgId: string,
    where: Partial<Record<"reporterAad" | "unitId" | "status", string>> & { open?: boolean } = {},
  ): Promise<Stored<Case>[]> {
    const { open, ...equal } = where;
    const clauses = ["c.orgId = @orgId", 'c.kind = "case"', ...(open ? ['c.status != "closed"'] : [])];
    const parameters: SqlParameter[] = [{ name: "@orgId", value: orgId }];
    const columns = {
      reporterAad: "c.reporter.aadObjectId",
      unitId: "c.unitId",
      status: "c.status",
    } as const;
    for (const [key, value] of Object.entries(equal)) {
      if (value === undefined) continue;
      clauses.push(`${columns[key as keyof typeof columns]} = @${key}`);
      parameters.push({ name: `@${key}`, value });
    }
    const found = await this.cases.query(
      { query: `SELECT * FROM c WHERE ${clauses.join(" AND ")}`, parameters },
      orgId,
    );
    return (found as Stored<Case>[]).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async history(caseId: string): Promise<CaseEvent[]> {
    const found = await this.events.query(
      { query: "SELECT * FROM c WHERE c.caseId = @caseId", parameters: [{ name: "@caseId", value: caseId }] },
      caseId,
    );
    // Stable sort: events with the same timestamp keep the order they were written in.
    return found.sort((a, b) => a.at.localeCompare(b.at));
  }

  private async appendEvent(
    c: Case,
    event: Omit<CaseEvent, "id" | "caseId" | "orgId" | "at">,
  ): Promise<CaseEvent> {
    const at = this.clock.now().toISOString();
    const recorded: CaseEvent = { id: `${at}-${randomUUID()}`, caseId: c.id, orgId: c.orgId, at, ...event };
    await this.events.createIfAbsent(recorded);
    return recorded;
  }

  private async notify(change: Parameters<CaseChangeListener>[0]): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }

  private async allocateNumber(orgId: string, year: number, caseId: string): Promise<string> {
    const id = `sequence-${year}`;
    const fresh: CaseSequence = { kind: "sequence", id, orgId, last: 0, recent: {} };
    await this.cases.createIfAbsent(fresh);
    const updated = await this.cases.update(orgId, id, (current) => {
      const seq = current as CaseSequence;
      if (seq.recent[caseId] !== undefined) return undefined;
      const last = seq.last + 1;
      const kept = Object.entries(seq.recent)
        .sort((a, b) => b[1] - a[1])
        .slice(0, RECENT_KEPT - 1);
      return { ...seq, last, recent: { ...Object.fromEntries(kept), [caseId]: last } };
    });
    return formatCaseNumber(year, (updated as CaseSequence).recent[caseId]!);
  }
}
