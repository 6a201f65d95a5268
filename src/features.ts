import type { Feature } from "./bot/feature.js";
import { incidentFeature } from "./bot/incident/feature.js";
import { sendCheckFeature } from "./bot/sendcheck.js";
import { createEscalation } from "./escalation/index.js";
import type { WeeklyCounters } from "./flows/sendcheck/counters.js";
import { loadRuleTable } from "./flows/sendcheck/load.js";
import type { AppServices } from "./services.js";
import { Repository } from "./store/repository.js";
import { SendCheckCounters } from "./store/sendcheck-counters.js";

/** Every feature of the bot, in the order their commands are tried. */
export function createFeatures(services: AppServices): Feature[] {
  const { config, store, clock } = services;
  return [
    // Incident first: "jag skickade fel mejl" is a report of what happened, not a question before sending.
    incidentFeature(services),
    sendCheckFeature(
      services,
      // Throws at start-up, naming the cell, when SEND_RULES_FILE is broken.
      loadRuleTable({ overrideFile: config.sendRulesFile }),
      new SendCheckCounters(
        new Repository<WeeklyCounters>(store.containers.sendcheckCounters, (c) => c.orgId, clock),
      ),
    ),
    createEscalation(services),
  ];
}
