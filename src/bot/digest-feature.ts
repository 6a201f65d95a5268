import type { CloudAdapter } from "botbuilder";
import { z } from "zod";
import type { Locale } from "../cards/locale.js";
import type { CardJson } from "../cards/render.js";
import { t } from "../cards/strings.js";
import type { Case } from "../cases/case.js";
import type { CalendarEntry } from "../digest/calendar.js";
import { caseCard, digestCard } from "../digest/card.js";
import { caseView } from "../digest/compose.js";
import { DigestMaterial, type DigestSources } from "../digest/gather.js";
import type { DigestTransport, ManagerDirectory, SendCheckStats } from "../digest/ports.js";
import { DigestService } from "../digest/service.js";
import type { AppServices } from "../services.js";
import { BotDigestTransport } from "./digest-transport.js";
import { type Feature, verb } from "./feature.js";
import { messageCard } from "./messages.js";
import type { TurnInfo } from "./turn-info.js";
import { UserFacingError } from "./user-facing-error.js";

const SNOOZE_DAYS = 7;
const CaseRefSchema = z.object({ caseId: z.string().min(1).max(128) });
const NOW_COMMAND = /^(digest|veckobrev) (now|nu)$/;

export interface DigestPorts {
  managers: ManagerDirectory;
  stats: SendCheckStats;
  /** Defaults to sending through the bot's CloudAdapter. */
  transport?: DigestTransport;
  /** First retry delay without Retry-After (tests make it small). */
  backoffBaseMs?: number;
}

export interface DigestWiring {
  service: DigestService;
  feature: Feature;
}

/** Builds the digest's delivery service and its bot feature (`digest now`, Open case…, Snooze) from the app's services. */
export function createDigest(
  services: AppServices,
  adapter: CloudAdapter,
  calendar: readonly CalendarEntry[],
  ports: DigestPorts,
): DigestWiring {
  const { config, clock, log } = services;
  const jobs = services.digestJobs;
  const sources: DigestSources = {
    cases: services.cases,
    jobs,
    stats: ports.stats,
    calendar,
    unitName: (unitId, locale) => services.units.name(unitId, locale),
    timeZone: config.digest.timeZone,
  };
  const service = new DigestService({
    ...sources,
    config: config.digest,
    adminAadIds: config.adminAadIds,
    managers: ports.managers,
    transport:
      ports.transport ??
      new BotDigestTransport(
        adapter,
        services.conversations,
        config.auth.mode === "local" ? "" : config.auth.appId,
        clock,
        log,
      ),
    localeOf: async ({ orgId, aadObjectId }) =>
      (await services.conversations.forUser(orgId, aadObjectId))?.locale,
    clock,
    log,
    backoffBaseMs: ports.backoffBaseMs,
  });

  /** The case, if it belongs to one of the units the person manages; otherwise nothing is shown or changed. */
  async function managedCase(turn: TurnInfo, caseId: string) {
    const managers = await ports.managers.managers(turn.orgId);
    const manager = managers.find((m) => m.aadObjectId === turn.user.aadObjectId);
    const found = manager ? await services.cases.get(turn.orgId, caseId) : undefined;
    if (!manager || !found || !manager.unitIds.includes(found.unitId))
      throw new UserFacingError("digest.errors.notYourCase");
    return { manager, found: found as Case };
  }

  /** The pressed digest, composed afresh for the person (so a snoozed case leaves it at once). */
  async function freshDigest(
    turn: TurnInfo,
    manager: { aadObjectId: string; name: string; unitIds: string[] },
  ) {
    const material = new DigestMaterial(sources, turn.orgId, turn.now);
    return digestCard(await material.digestFor(manager, turn.locale));
  }

  function dateIn(locale: Locale, at: Date): string {
    return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
      timeZone: config.digest.timeZone,
      dateStyle: "long",
    }).format(at);
  }

  const feature: Feature = {
    commands: [
      {
        id: "digest.now",
        matches: (text) => NOW_COMMAND.test(text),
        async run(turn): Promise<CardJson[]> {
          const roles = await services.roles.rolesOf({
            orgId: turn.orgId,
            aadObjectId: turn.user.aadObjectId,
          });
          if (!roles.has("admin"))
            throw new UserFacingError("errors.forbidden", { role: { key: "errors.roleAdmin" } });
          const result = await service.runNow(turn.orgId);
          log.info({ event: "digest.now", result: result.kind }, "an administrator asked for a digest run");
          if (result.kind === "noManagers") throw new UserFacingError("digest.errors.noManagers");
          const text =
            result.kind === "started"
              ? t(turn.locale, "digest.now.started", { count: result.recipients })
              : t(turn.locale, "digest.now.running");
          return [messageCard(turn.locale, text)];
        },
      },
    ],
    verbs: {
      "digest.openCase": verb({
        schema: CaseRefSchema,
        async run({ caseId }, turn) {
          const { manager, found } = await managedCase(turn, caseId);
          const view = caseView(found, {
            now: turn.now,
            timeZone: config.digest.timeZone,
            locale: turn.locale,
            unitName: (unitId) => services.units.name(unitId, turn.locale),
          });
          return { card: await freshDigest(turn, manager), also: [caseCard(view, turn.locale)] };
        },
      }),
      "digest.snooze": verb({
        schema: CaseRefSchema,
        async run({ caseId }, turn) {
          const { manager, found } = await managedCase(turn, caseId);
          const until = new Date(turn.now.getTime() + SNOOZE_DAYS * 24 * 3600_000);
          await jobs.snooze(turn.orgId, manager.aadObjectId, found.id, until);
          log.info({ event: "digest.snoozed", caseId: found.id }, "a manager snoozed a case in the digest");
          const text = t(turn.locale, "digest.snoozed", {
            number: found.number,
            date: dateIn(turn.locale, until),
          });
          return { card: await freshDigest(turn, manager), also: [messageCard(turn.locale, text)] };
        },
      }),
    },
  };
  return { service, feature };
}
