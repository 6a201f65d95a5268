import { logs } from "@opentelemetry/api-logs";
import type { Milestone } from "./cases/milestones.js";

// Kept apart from telemetry.ts so that recording an event does not load the whole Azure Monitor distro.

/** Names of the custom events Värna sends; one per business milestone. */
export type TelemetryEventName = Milestone;

/**
 * The only properties a custom event may carry: opaque ids and codes, never
 * free text, names or anything that identifies a person.
 */
export interface TelemetryIds {
  orgId: string;
  caseId?: string;
  /** A code such as a category or severity, never typed text. */
  code?: string;
}

/** Azure Monitor exports a log record with this attribute as a customEvents row. */
const CUSTOM_EVENT_ATTRIBUTE = "microsoft.custom_event.name";

/** Records a custom event; without a configured connection string this is a no-op. */
export function trackEvent(name: TelemetryEventName, ids: TelemetryIds): void {
  const attributes: Record<string, string> = { [CUSTOM_EVENT_ATTRIBUTE]: name, orgId: ids.orgId };
  if (ids.caseId) attributes.caseId = ids.caseId;
  if (ids.code) attributes.code = ids.code;
  logs.getLogger("varna").emit({ attributes });
}
