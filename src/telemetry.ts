import { shutdownAzureMonitor, useAzureMonitor } from "@azure/monitor-opentelemetry";
import { logs } from "@opentelemetry/api-logs";

/**
 * Application Insights through the Azure Monitor OpenTelemetry distro: incoming
 * requests, outgoing HTTP calls (Cosmos DB, Bot Connector), Azure SDK spans,
 * exceptions and standard metrics. Started before the app's modules are loaded
 * so that the http instrumentation sees every request.
 */
export interface Telemetry {
  enabled: boolean;
  /** Flushes what is buffered; call once on shutdown. */
  shutdown(): Promise<void>;
}

export function startTelemetry(connectionString: string | undefined): Telemetry {
  if (!connectionString) return { enabled: false, shutdown: async () => {} };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Live metrics would stream request details to the portal; the standard ones are enough.
    enableLiveMetrics: false,
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true } },
  });
  return { enabled: true, shutdown: () => shutdownAzureMonitor() };
}

/** Names of the custom events Värna sends; one per business milestone. */
export type TelemetryEventName = "case.created" | "case.escalated" | "case.notified" | "case.closed";

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
