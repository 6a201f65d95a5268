import type { Feature } from "./bot/feature.js";
import { incidentFeature } from "./bot/incident/feature.js";
import { sendCheckFeature } from "./bot/sendcheck.js";
import { createEscalation } from "./escalation/index.js";
import { loadLexicon } from "./flows/sendcheck/lexicon.js";
import { loadRuleTable } from "./flows/sendcheck/load.js";
import { indexLexicon } from "./flows/sendcheck/mentions.js";
import type { AppServices } from "./services.js";

/** Features built in app.ts because they need the adapter (proactive sending). */
export interface WiredFeatures {
  digest: Feature;
}

/** Every feature of the bot, in the order their commands are tried. */
export function createFeatures(services: AppServices, wired: WiredFeatures): Feature[] {
  return [
    // Incident first: "jag skickade fel mejl" is a report of what happened, not a question before sending.
    incidentFeature(services),
    sendCheckFeature(
      services,
      // Throws at start-up, naming the cell, when SEND_RULES_FILE is broken.
      loadRuleTable({ overrideFile: services.config.sendRulesFile }),
      // Throws at start-up, naming the entry, when SEND_LEXICON_FILE is broken.
      indexLexicon(loadLexicon({ overrideFile: services.config.sendLexiconFile })),
      services.sendCheckCounters,
    ),
    createEscalation(services),
    wired.digest,
  ];
}
