import type { ActivityHandler, CloudAdapter } from "botbuilder";
import restify from "restify";
import type { Logger } from "../log.js";
import { IncomingActivitySchema } from "./activity-schema.js";

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  isReady: () => Promise<boolean>;
  log: Logger;
  /** Further routes (the dashboard tab) registered on the same server. */
  routes?: ((server: restify.Server) => void)[];
}

export interface HttpServer {
  server: restify.Server;
  /** Turns being processed right now; shutdown waits for them. */
  inFlight(): number;
}

export function createHttpServer(deps: ServerDependencies): HttpServer {
  const server = restify.createServer({ name: "varna", handleUncaughtExceptions: false });
  let inFlight = 0;
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post("/api/messages", async (req, res) => {
    const parsed = IncomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      deps.log.info(
        { event: "http.badActivity", fields: parsed.error.issues.map((i) => i.path.join(".")) },
        "rejected",
      );
      res.send(400, { error: "invalid activity", fields: parsed.error.issues.map((i) => i.path.join(".")) });
      return;
    }
    inFlight++;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } finally {
      inFlight--;
    }
  });

  server.get("/healthz", async (_req, res) => {
    res.send(200, { status: "ok" });
  });

  server.get("/readyz", async (_req, res) => {
    const ready = await deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? "ready" : "store unavailable" });
  });

  for (const register of deps.routes ?? []) register(server);

  return { server, inFlight: () => inFlight };
}
