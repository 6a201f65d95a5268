import "dotenv/config";
import { ConfigError, loadConfig } from "./config.js";
import { startTelemetry } from "./telemetry.js";
import { systemClock } from "./time/clock.js";

/** Entry point: configuration → telemetry → app → signals. Everything else is built in app.ts. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Värna cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const telemetry = await startTelemetry(config.telemetryConnectionString);
  // Loaded only now, so that the telemetry instrumentation sees http, restify and the Azure SDK.
  const { startApp } = await import("./app.js");
  const app = await startApp(config, { clock: systemClock() });
  app.services.log.info({ event: "telemetry", enabled: telemetry.enabled }, "telemetry configured");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.services.log.info({ event: "app.stopping", signal }, "shutting down");
    await app.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("Värna failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
