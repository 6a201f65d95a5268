import type { Feature } from "../bot/feature.js";
import type { AppServices } from "../services.js";
import { Repository } from "../store/repository.js";
import { Escalation } from "./escalation.js";
import { ExportLinks, type LinkSecret } from "./export-links.js";
import { escalationFeature } from "./feature.js";
import { imyExportRoute } from "./imy-export-route.js";

/** Wires the DSO escalation: the change listener, the card verbs, the deadline watcher and the export download. */
export function createEscalation(services: AppServices): Feature {
  const escalation = new Escalation({
    cases: services.cases,
    channels: services.dsoChannels,
    conversations: services.conversations,
    sender: services.proactive,
    claims: services.jobs,
    roles: services.roles,
    units: services.units,
    adminAadIds: services.config.adminAadIds,
    log: services.log,
    clock: services.clock,
  });
  escalation.listen();
  const links = new ExportLinks(
    new Repository<LinkSecret>(services.store.containers.settings, (i) => i.orgId, services.clock),
    services.config.publicUrl,
  );
  return {
    ...escalationFeature({
      cases: services.cases,
      channels: services.dsoChannels,
      managers: services.unitManagers,
      conversations: services.conversations,
      roles: services.roles,
      units: services.units,
      organisations: services.organisations,
      escalation,
      links,
    }),
    routes: [
      imyExportRoute({
        cases: services.cases,
        units: services.units,
        organisations: services.organisations,
        links,
        clock: services.clock,
      }),
    ],
    background: escalation.watcher(services.config.deadlineWatchSeconds),
  };
}
