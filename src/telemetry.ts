import type { IncomingMessage } from "node:http";

/**
 * Application Insights through the Azure Monitor OpenTelemetry distro: incoming
 * requests, outgoing HTTP calls (Cosmos DB, Bot Connector), Azure SDK spans,
 * exceptions and standard metrics. Started before the app's modules are loaded
 * so that the http instrumentation sees every request. The distro is large, so it
 * is loaded only when a connection string is configured.
 */
export interface Telemetry {
  enabled: boolean;
  /** Flushes what is buffered; call once on shutdown. */
  shutdown(): Promise<void>;
}

export async function startTelemetry(connectionString: string | undefined): Promise<Telemetry> {
  if (!connectionString) return { enabled: false, shutdown: async () => {} };
  const { shutdownAzureMonitor, useAzureMonitor } = await import("@azure/monitor-opentelemetry");
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Live metrics would stream request details to the portal; the standard ones are enough.
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: {
        enabled: true,
        // Passed through to OpenTelemetry's HttpInstrumentation. The IMY export link carries a signature in its
        // query string: a request log must not make it replayable.
        ignoreIncomingRequestHook: (req: IncomingMessage) => (req.url ?? "").startsWith("/api/imy-export/"),
      } as { enabled: boolean },
      azureSdk: { enabled: true },
    },
  });
  return { enabled: true, shutdown: () => shutdownAzureMonitor() };
}
