import { randomUUID } from "node:crypto";
import { type Locale, localeFrom } from "../cards/locale.js";
import { plainText } from "../cards/plain-text.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import type { DigestConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { DigestRun, OutboxItem } from "../store/digest-jobs.js";
import type { Stored } from "../store/repository.js";
import type { Clock } from "../time/clock.js";
import { isoWeekOf } from "../time/iso-week.js";
import { digestCard } from "./card.js";
import { DigestMaterial, type DigestSources } from "./gather.js";
import type { DigestTransport, ManagerDirectory, Recipient, SendOutcome } from "./ports.js";
import { ConversationPacer, TokenBucket } from "./rate.js";
import { lastRunAtOrBefore } from "./week.js";

/** A scheduled run missed while no instance was up is still sent if the app starts within this many hours. */
const CATCH_UP_HOURS = 12;
/** How often the schedule is looked at: a run starts within a minute of its scheduled time. */
const SCHEDULE_CHECK_MS = 60_000;
/** Names listed in the administrators' summary; the rest are counted. */
const REPORT_NAMES = 50;

export interface DigestServiceDeps extends DigestSources {
  config: DigestConfig;
  adminAadIds: readonly string[];
  managers: ManagerDirectory;
  transport: DigestTransport;
  /** The person's Teams language from their stored conversation, when the bot has one. */
  localeOf: (recipient: Recipient) => Promise<Locale | undefined>;
  clock: Clock;
  log: Logger;
  /** First retry delay when the connector gives no Retry-After (doubled per attempt, with jitter). */
  backoffBaseMs?: number;
}

export type RunNowResult =
  | { kind: "started"; recipients: number }
  | { kind: "running" }
  | { kind: "noManagers" };

interface Session {
  run: Stored<DigestRun>;
  /** Epoch ms of the clock's wall time: leases are compared across instances. */
  leaseUntil: number;
  /** A renewal under way, shared by the workers that notice the lease is due. */
  renewing?: Promise<void>;
  /** Another instance holds the lease now. */
  lost: boolean;
  /** A worker failed; the others stop too. */
  aborted?: boolean;
}

/**
 * The weekly digest's delivery: one run per organisation and week as a job in
 * Cosmos, one outbox item per manager, a lease so that one instance sends,
 * and throttled sending with retries.
 *
 * Delivery is at least once around a crash, exactly once otherwise: an item is
 * claimed (etag-guarded, `sending`) before the message goes out and marked
 * `sent` right after. A graceful stop lets sends in flight finish and be
 * marked. Only if the process dies between the connector's answer and the
 * `sent` write — at most the sends in flight at that moment — does the next
 * lease holder find the item still `sending` and send it again: a rare
 * duplicate is visible and harmless, a silently missed digest is not. Teams
 * offers no idempotency key that would close that window.
 */
export class DigestService {
  readonly owner = `instance-${randomUUID()}`;
  private readonly active = new Map<string, Promise<void>>();
  private readonly bucket: TokenBucket;
  private readonly pacer: ConversationPacer;
  private readonly timers: (() => void)[] = [];
  /** The scheduled instant whose run this instance has started (so each is started once here). */
  private scheduledAt?: number;
  private stopping = false;
  private halted = false;

  constructor(private readonly deps: DigestServiceDeps) {
    this.bucket = new TokenBucket(deps.config.ratePerSecond, deps.clock);
    this.pacer = new ConversationPacer(deps.config.perConversationPerSecond, deps.clock);
  }

  /**
   * Starts the run that is due (the latest scheduled instant, if it passed less
   * than CATCH_UP_HOURS ago, so a run missed while no instance was up is still
   * sent), looks again every minute, and resumes unfinished runs.
   */
  start(): void {
    const { leaseSeconds } = this.deps.config;
    this.timers.push(
      this.deps.clock.every(SCHEDULE_CHECK_MS, () => this.background(this.startDue())),
      this.deps.clock.every(leaseSeconds * 1000, () => this.background(this.resumeAll())),
    );
    this.background(this.startDue().then(() => this.resumeAll()));
  }

  /** Stops scheduling and sending; sends in flight finish and are recorded, leases are released. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const stopTimer of this.timers.splice(0)) stopTimer();
    await this.settled();
  }

  /**
   * Stops as a crashed instance would look to the others: nothing more is
   * sent, and the leases are left to expire instead of being released.
   */
  async halt(): Promise<void> {
    this.halted = true;
    await this.stop();
  }

  /** Waits until this instance has nothing in progress. */
  async settled(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active.values()]);
  }

  private async startWeek(week: string): Promise<void> {
    for (const orgId of await this.deps.managers.organisations()) {
      const run = await this.deps.jobs.ensureRun(orgId, week, week);
      this.process(run);
    }
  }

  /** An administrator's "digest now": a run of its own unless one is still going. */
  async runNow(orgId: string): Promise<RunNowResult> {
    const unfinished = await this.deps.jobs.unfinishedRuns(orgId);
    if (unfinished.length) {
      for (const run of unfinished) this.process(run);
      return { kind: "running" };
    }
    const managers = await this.deps.managers.managers(orgId);
    if (!managers.length) return { kind: "noManagers" };
    const now = this.deps.clock.now();
    const run = await this.deps.jobs.ensureRun(
      orgId,
      `manual-${now.toISOString()}-${randomUUID().slice(0, 8)}`,
      isoWeekOf(now, this.deps.config.timeZone),
    );
    this.process(run);
    return { kind: "started", recipients: managers.length };
  }

  /** Picks up every unfinished run whose lease is free or expired. */
  async resumeAll(): Promise<void> {
    for (const orgId of await this.deps.managers.organisations()) {
      for (const run of await this.deps.jobs.unfinishedRuns(orgId)) this.process(run);
    }
  }

  /** Starts the run of the latest scheduled instant unless it is older than the catch-up window or started here. */
  private async startDue(): Promise<void> {
    if (this.stopping) return;
    const { schedule, timeZone } = this.deps.config;
    const now = this.deps.clock.now();
    const last = lastRunAtOrBefore(schedule, timeZone, now);
    if (!last || last.getTime() === this.scheduledAt) return;
    if (now.getTime() - last.getTime() > CATCH_UP_HOURS * 3600_000) return;
    this.scheduledAt = last.getTime();
    // Every instance asks for the same run key, so of several instances only one run exists and one sends it.
    await this.startWeek(isoWeekOf(last, timeZone));
  }

  private background(work: Promise<void>): void {
    work.catch((err: unknown) => this.deps.log.error({ event: "digest.error", err }, "digest work failed"));
  }

  private process(run: DigestRun): void {
    if (this.stopping || run.state === "done" || this.active.has(run.id)) return;
    const work = this.processRun(run.orgId, run.id)
      .catch((err: unknown) =>
        this.deps.log.error({ event: "digest.runError", runId: run.id, err }, "digest run interrupted"),
      )
      .finally(() => this.active.delete(run.id));
    this.active.set(run.id, work);
  }

  private async processRun(orgId: string, id: string): Promise<void> {
    const session = await this.acquire(orgId, id);
    if (!session) return;
    const { log } = this.deps;
    log.info({ event: "digest.leased", runId: id, owner: this.owner }, "digest run taken");
    try {
      await this.sendAll(session);
    } finally {
      // A lease that cannot be released expires by itself; the next instance then resumes the run.
      if (!this.halted && !session.lost)
        await this.release(session).catch((err: unknown) =>
          log.warn({ event: "digest.releaseFailed", runId: id, err }, "digest lease not released"),
        );
    }
  }

  /** Takes the run's lease if it is free, expired or already ours; undefined when another live instance has it. */
  private async acquire(orgId: string, id: string): Promise<Session | undefined> {
    const run = await this.deps.jobs.run(orgId, id);
    if (!run || run.state === "done") return undefined;
    const now = this.deps.clock.now().getTime();
    if (run.lease && run.lease.owner !== this.owner && run.lease.until > now) return undefined;
    const until = now + this.deps.config.leaseSeconds * 1000;
    const taken = await this.deps.jobs.replaceRun({ ...run, lease: { owner: this.owner, until } }, run);
    if (!taken) return undefined;
    return { run: taken, leaseUntil: until, lost: false };
  }

  /** Writes a change to the run while we hold its lease; marks the session lost if another instance took it. */
  private async updateRun(session: Session, change: (run: DigestRun) => DigestRun): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.deps.jobs.run(session.run.orgId, session.run.id);
      if (!current || current.lease?.owner !== this.owner) {
        session.lost = true;
        return false;
      }
      const written = await this.deps.jobs.replaceRun(change(current), current);
      if (written) {
        session.run = written;
        session.leaseUntil = written.lease?.until ?? 0;
        return true;
      }
    }
    return false;
  }

  /** Renews the lease once a third of it has passed, so it never runs out while this instance sends. */
  private async keepLease(session: Session): Promise<void> {
    const leaseMs = this.deps.config.leaseSeconds * 1000;
    if (session.lost || this.deps.clock.now().getTime() < session.leaseUntil - (leaseMs * 2) / 3) return;
    session.renewing ??= (async () => {
      const until = this.deps.clock.now().getTime() + leaseMs;
      await this.updateRun(session, (run) => ({ ...run, lease: { owner: this.owner, until } }));
    })().finally(() => {
      session.renewing = undefined;
    });
    await session.renewing;
  }

  private async release(session: Session): Promise<void> {
    await this.updateRun(session, ({ lease: _lease, ...run }) => run);
  }

  /** Still safe to send: the lease is ours with a margin, and nobody asked us to stop. */
  private mayContinue(session: Session): boolean {
    const margin = Math.min(5_000, (this.deps.config.leaseSeconds * 1000) / 4);
    return (
      !this.stopping &&
      !session.lost &&
      !session.aborted &&
      this.deps.clock.now().getTime() < session.leaseUntil - margin
    );
  }

  /**
   * The run's outbox, item by item: first the items still to send, then — while
   * the run is being prepared — an item for each manager who has none yet, so
   * sending starts with the first manager instead of after the last.
   */
  private async *outboxFeed(session: Session): AsyncGenerator<Stored<OutboxItem>> {
    const { jobs, managers } = this.deps;
    const run = session.run;
    const existing = await jobs.items(run);
    // Items still `sending` were claimed by an instance that stopped before recording the outcome: sent again.
    for (const item of existing) if (item.state === "pending" || item.state === "sending") yield item;
    if (run.state !== "preparing") return;
    const known = new Set(existing.map((i) => i.aadObjectId));
    const list = await managers.managers(run.orgId);
    for (const m of list) {
      if (known.has(m.aadObjectId)) continue;
      if (!this.mayContinue(session)) return;
      const item = await jobs.addItem(run, {
        aadObjectId: m.aadObjectId,
        name: m.name,
        unitIds: m.unitIds,
        // The registry's language tag may be "sv-SE" or similar: Värna speaks sv and en.
        ...(m.locale ? { locale: localeFrom(m.locale) } : {}),
      });
      if (item?.state === "pending") yield item;
    }
    await this.updateRun(session, (r) => ({ ...r, state: "sending", recipients: list.length }));
    this.deps.log.info(
      { event: "digest.prepared", runId: run.id, recipients: list.length },
      "digest outbox complete",
    );
  }

  private async sendAll(session: Session): Promise<void> {
    const { jobs, config } = this.deps;
    const run = session.run;
    const queue: { item: Stored<OutboxItem>; notBefore: number }[] = [];
    let feeding = true;
    const material = new DigestMaterial(this.deps, run.orgId, this.deps.clock.now());
    const window = Math.min(64, Math.max(4, Math.ceil(config.ratePerSecond / 2)));
    let inFlight = 0;
    let failure: { error: unknown } | undefined;
    // Idle workers wait for news (an item queued, a send finished, the feed ended) instead of polling.
    const waiting: (() => void)[] = [];
    const notify = () => {
      for (const wake of waiting.splice(0)) wake();
    };
    const news = () => new Promise<void>((resolve) => waiting.push(resolve));
    const guard = async (task: () => Promise<void>) => {
      try {
        await task();
      } catch (error) {
        // One failure (e.g. the store is down) stops every worker before the lease is let go.
        failure ??= { error };
        session.aborted = true;
      }
    };
    const feed = async () => {
      try {
        for await (const item of this.outboxFeed(session)) {
          queue.push({ item, notBefore: 0 });
          notify();
        }
      } finally {
        feeding = false;
        notify();
      }
    };
    const work = async () => {
      for (;;) {
        if (!this.mayContinue(session)) return;
        const next = queue.shift();
        if (!next) {
          // The feed may add items, and another worker may put a retry back in the queue.
          if (!feeding && inFlight === 0) return;
          await news();
          continue;
        }
        inFlight++;
        try {
          await this.keepLease(session);
          const retry = await this.deliver(session, material, next.item, next.notBefore);
          if (retry) queue.push(retry);
        } finally {
          inFlight--;
          notify();
        }
      }
    };
    await Promise.all([feed, ...Array.from({ length: window }, () => work)].map(guard));
    if (failure) throw failure.error;
    if (!this.mayContinue(session) || session.run.state !== "sending") return;
    const left = await jobs.items(run, ["pending", "sending"]);
    if (left.length) return; // claimed elsewhere meanwhile; the next resume looks again
    const finishedAt = this.deps.clock.now().toISOString();
    if (!(await this.updateRun(session, (r) => ({ ...r, state: "done", finishedAt })))) return;
    await this.report(session);
  }

  /** One attempt for one item; returns the item to try again later, if any. */
  private async deliver(
    session: Session,
    material: DigestMaterial,
    item: Stored<OutboxItem>,
    notBefore: number,
  ): Promise<{ item: Stored<OutboxItem>; notBefore: number } | undefined> {
    const { jobs, log } = this.deps;
    const wait = notBefore - this.deps.clock.monotonic();
    if (wait > 0) await this.deps.clock.sleep(wait);
    if (!this.mayContinue(session)) return undefined;
    const target = { orgId: item.orgId, aadObjectId: item.aadObjectId };
    const locale = item.locale ?? (await this.deps.localeOf(target)) ?? "sv";
    const card = digestCard(await material.digestFor(item, locale));
    const claimed = await jobs.replaceItem(
      { ...item, state: "sending", claimedBy: this.owner, attempts: item.attempts + 1 },
      item,
    );
    if (!claimed) return undefined; // another sender has it (only while leases overlap)
    const outcome = await this.deps.transport.send(target, card, () => this.pace(target));
    const next = this.afterAttempt(claimed, outcome);
    const written = await this.record(next, claimed);
    log.info(
      { event: "digest.attempt", runId: item.runId, item: item.id, outcome: outcome.kind, state: next.state },
      "digest attempt",
    );
    if (next.state !== "pending" || !written) return undefined;
    const delay = outcome.kind === "retry" ? (outcome.afterMs ?? this.backoff(claimed.attempts)) : 0;
    return { item: written, notBefore: this.deps.clock.monotonic() + delay };
  }

  private afterAttempt(item: Stored<OutboxItem>, outcome: SendOutcome): OutboxItem {
    const { _etag, ...base } = item;
    const now = this.deps.clock.now().toISOString();
    switch (outcome.kind) {
      case "sent":
        return { ...base, state: "sent", sentAt: now };
      case "unreachable":
        return { ...base, state: "unreachable", lastStatus: outcome.status, reason: outcome.reason };
      case "retry":
        return item.attempts >= this.deps.config.maxAttempts
          ? { ...base, state: "failed", lastStatus: outcome.status, reason: "too_many_attempts" }
          : { ...base, state: "pending", lastStatus: outcome.status, claimedBy: undefined };
    }
  }

  /** Records the outcome under the claim's etag; a store hiccup is retried so a sent item is not sent again. */
  private async record(
    next: OutboxItem,
    claimed: Stored<OutboxItem>,
  ): Promise<Stored<OutboxItem> | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.jobs.replaceItem(next, claimed);
      } catch (err) {
        if (attempt >= 4) throw err;
        await this.deps.clock.sleep(200 * 2 ** attempt);
      }
    }
  }

  /** Waits for this person's conversation and then for the run's next send slot. */
  private async pace(target: Recipient): Promise<void> {
    await this.pacer.wait(`${target.orgId}/${target.aadObjectId}`);
    await this.bucket.take();
  }

  private backoff(attempts: number): number {
    const base = this.deps.backoffBaseMs ?? 1000;
    return Math.min(60_000, base * 2 ** (attempts - 1)) * (0.5 + Math.random());
  }

  /** Tells the administrators, once per run, which managers did not get their digest. */
  private async report(session: Session): Promise<void> {
    const { jobs, adminAadIds, log } = this.deps;
    const run = session.run;
    const items = await jobs.items(run);
    const missed = items.filter((i) => i.state === "unreachable" || i.state === "failed");
    const counts = {
      sent: items.filter((i) => i.state === "sent").length,
      unreachable: items.filter((i) => i.state === "unreachable").length,
      failed: items.filter((i) => i.state === "failed").length,
    };
    log.info({ event: "digest.done", runId: run.id, ...counts }, "digest run finished");
    if (!missed.length || !adminAadIds.length) return;
    // Claimed before sending: the summary goes out at most once even if two instances finish the same run.
    const reportedAt = this.deps.clock.now().toISOString();
    let claimed = false;
    await this.updateRun(session, (r) => {
      claimed = r.reportedAt === undefined;
      return { ...r, reportedAt: r.reportedAt ?? reportedAt };
    });
    if (!claimed || session.run.reportedAt !== reportedAt) return;
    for (const admin of adminAadIds) {
      const target = { orgId: run.orgId, aadObjectId: admin };
      const locale = (await this.deps.localeOf(target)) ?? "sv";
      const outcome = await this.sendWithRetries(target, this.reportCard(run, missed, counts, locale));
      log.info(
        { event: "digest.reported", runId: run.id, outcome: outcome.kind },
        "digest summary to an admin",
      );
    }
  }

  private reportCard(
    run: DigestRun,
    missed: OutboxItem[],
    counts: { sent: number; unreachable: number; failed: number },
    locale: Locale,
  ): CardJson {
    const line = (i: OutboxItem) => {
      // A manager's name as an administrator typed it into the registry: text, never markup.
      const name = plainText(i.name);
      if (i.state === "failed")
        return t(locale, "digest.report.failed", {
          name,
          attempts: i.attempts,
          status: i.lastStatus ?? 0,
        });
      return i.lastStatus
        ? t(locale, "digest.report.gone", { name, status: i.lastStatus })
        : t(locale, "digest.report.never", { name });
    };
    const lines = missed.slice(0, REPORT_NAMES).map((i) => `- ${line(i)}`);
    if (missed.length > REPORT_NAMES) lines.push(`- … (+${missed.length - REPORT_NAMES})`);
    return render(
      "message",
      {
        title: t(locale, "digest.report.title", { week: run.week, ...counts }),
        text: [t(locale, "digest.report.intro"), ...lines].join("\n"),
        tone: "",
      },
      locale,
    );
  }

  private async sendWithRetries(target: Recipient, card: CardJson): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.deps.transport.send(target, card, () => this.pace(target));
      if (outcome.kind !== "retry" || attempt >= this.deps.config.maxAttempts) return outcome;
      await this.deps.clock.sleep(outcome.afterMs ?? this.backoff(attempt));
    }
  }
}
