import type { Feature } from "./bot/feature.js";
import type { AppServices } from "./services.js";

/** Features built in app.ts because they need the adapter (proactive sending). */
export interface WiredFeatures {
  digest: Feature;
}

/** Every feature of the bot, in the order their commands are tried. */
export function createFeatures(_services: AppServices, wired: WiredFeatures): Feature[] {
  return [wired.digest];
}
