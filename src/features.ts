import type { Feature } from "./bot/feature.js";
import { createEscalation } from "./escalation/index.js";
import type { AppServices } from "./services.js";

/** Every feature of the bot, in the order their commands are tried. */
export function createFeatures(services: AppServices): Feature[] {
  return [createEscalation(services)];
}
