import type { Locale } from "../cards/locale.js";
import type { CardJson } from "../cards/render.js";
import type { SendCheckCounters } from "../store/sendcheck-counters.js";
import type { UnitManagers } from "../store/unit-managers.js";

/**
 * The digest's seams to the rest of Värna. Each is a small interface so the
 * branch that owns the data can plug its implementation in at app start
 * (`startApp(config, { digest: { ... } })`, or in app.ts for production).
 */

/** A manager registered for one or more units; they get one digest covering all of them. */
export interface Manager {
  aadObjectId: string;
  name: string;
  unitIds: string[];
  /** Their Teams language when known; otherwise the language of their stored conversation, else Swedish. */
  locale?: Locale;
}

/**
 * Who manages which units, per organisation. Owned by the escalation branch
 * (its unit-manager registry in Cosmos); `organisations()` names the
 * organisations that have any manager, which are the ones a run covers.
 */
export interface ManagerDirectory {
  organisations(): Promise<string[]>;
  managers(orgId: string): Promise<Manager[]>;
}

export interface Recipient {
  orgId: string;
  aadObjectId: string;
}

/** What one delivery attempt came to; the outbox decides about retries and pacing. */
export type SendOutcome =
  | { kind: "sent" }
  /** Try again later: 429, 412 or 5xx. `afterMs` is the connector's Retry-After when it gave one. */
  | { kind: "retry"; afterMs?: number; status: number }
  /** Never retried: the person left, blocked the app, or never talked to the bot (`status` 0). */
  | { kind: "unreachable"; status: number; reason: string };

/** Sends one message to one person's personal chat, once (no retries, no pacing: the outbox does both). */
export interface DigestTransport {
  /**
   * `pace` is the outbox's rate limit: await it exactly once, as close to the
   * request to Teams as possible (after any store reads), so Teams sees the
   * spacing the outbox intends.
   */
  send(target: Recipient, card: CardJson, pace: () => Promise<void>): Promise<SendOutcome>;
}

export interface TopQuestion {
  information: string;
  recipient: string;
  channel: string;
  verdict: "yes" | "yes_if" | "no";
  count: number;
}

/**
 * The anonymous "may I send?" counters, owned by the send-check branch.
 * `isoWeek` is like "2026-W47". `information`, `recipient` and `channel` are the
 * send check's answer ids; the digest shows them with the `sendcheck.<group>.<id>`
 * strings when those exist, else as given. `count` is how often it was checked.
 */
export interface SendCheckStats {
  topQuestions(orgId: string, isoWeek: string, limit: number): Promise<TopQuestion[]>;
}

/** Until the counters are wired in: no data, so the digest hides the section (it never shows made-up numbers). */
export const NO_SEND_CHECK_STATS: SendCheckStats = {
  topQuestions: async () => [],
};

/** Who manages which units: the escalation's unit-manager registry, one digest per manager across their units. */
export function registryManagers(registry: UnitManagers): ManagerDirectory {
  return {
    organisations: () => registry.organisations(),
    async managers(orgId) {
      const byPerson = new Map<string, Manager>();
      for (const { unitId, managers } of await registry.all(orgId)) {
        for (const m of managers) {
          const entry = byPerson.get(m.aadObjectId) ?? {
            aadObjectId: m.aadObjectId,
            name: m.name,
            unitIds: [],
          };
          entry.unitIds.push(unitId);
          byPerson.set(m.aadObjectId, entry);
        }
      }
      return [...byPerson.values()];
    },
  };
}

/** The most checked "may I send?" combinations of a week, from the send check's anonymous counters. */
export function counterStats(counters: SendCheckCounters): SendCheckStats {
  return {
    async topQuestions(orgId, isoWeek, limit) {
      const week = await counters.get(orgId, isoWeek);
      return Object.values(week?.cells ?? {})
        .sort((a, b) => b.checks - a.checks)
        .slice(0, limit)
        .map((c) => ({
          information: c.information,
          recipient: c.recipient,
          channel: c.channel,
          verdict: c.verdict,
          count: c.checks,
        }));
    },
  };
}

/** The implementations app.ts and the dry run use. */
export function productionDigestPorts(services: {
  unitManagers: UnitManagers;
  sendCheckCounters: SendCheckCounters;
}): {
  managers: ManagerDirectory;
  stats: SendCheckStats;
} {
  return {
    managers: registryManagers(services.unitManagers),
    stats: counterStats(services.sendCheckCounters),
  };
}
