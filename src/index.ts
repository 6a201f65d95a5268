import "dotenv/config";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

/** Entry point: configuration → app → signals. Everything else is built in app.ts. */
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
  const app = await startApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.services.log.info({ event: "app.stopping", signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("Värna failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
