import type { ActivityHandler, CloudAdapter } from "botbuilder";
import restify from "restify";
import type { HttpRoute } from "../bot/feature.js";
import type { Logger } from "../log.js";
import { type IncomingActivity, IncomingActivitySchema } from "./activity-schema.js";

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDependencies {
  /** When set, a request without a bearer token is refused before the adapter (which would validate it anyway). */
  requireBearer: boolean;
  /**
   * With authentication on: the only tenant served. Activities from other channels (Web Chat, Direct Line) or
   * other tenants carry no organisation Värna can trust, so they are refused rather than filed under a default.
   */
  tenantId?: string;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  isReady: () => Promise<boolean>;
  log: Logger;
  routes?: readonly HttpRoute[];
  /** Further routes registered on the same server by their own module (the dashboard tab and its API). */
  extensions?: ((server: restify.Server) => void)[];
}

export interface HttpServer {
  server: restify.Server;
  /** Resolves when no turn is being processed (at once if none is); shutdown waits for it. */
  whenIdle(): Promise<void>;
}

export function createHttpServer(deps: ServerDependencies): HttpServer {
  const server = restify.createServer({ name: "varna", handleUncaughtExceptions: false });
  let inFlight = 0;
  const idleWaiters: (() => void)[] = [];
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post("/api/messages", async (req, res) => {
    if (deps.requireBearer && !/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      res.send(401, { error: "authorization required" });
      return;
    }
    const parsed = IncomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      deps.log.info(
        { event: "http.badActivity", fields: parsed.error.issues.map((i) => i.path.join(".")) },
        "rejected",
      );
      res.send(400, { error: "invalid activity", fields: parsed.error.issues.map((i) => i.path.join(".")) });
      return;
    }
    if (deps.tenantId && !fromTenant(parsed.data, deps.tenantId)) {
      deps.log.warn({ event: "http.foreignActivity", channelId: parsed.data.channelId }, "refused");
      res.send(403, { error: "only Microsoft Teams activities from this organisation's tenant are served" });
      return;
    }
    inFlight++;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } finally {
      inFlight--;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    }
  });

  server.get("/healthz", async (_req, res) => {
    res.send(200, { status: "ok" });
  });

  server.get("/readyz", async (_req, res) => {
    const ready = await deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? "ready" : "store unavailable" });
  });

  for (const route of deps.routes ?? []) {
    server.get(route.path, async (req, res) => {
      const query = new URL(req.url ?? "/", "http://localhost").searchParams;
      const result = await route.run(req.params as Record<string, string>, query);
      res.writeHead(result.status, {
        "content-type": result.contentType,
        "cache-control": "no-store",
        ...(result.filename ? { "content-disposition": `attachment; filename="${result.filename}"` } : {}),
      });
      res.end(result.body);
    });
  }
  for (const register of deps.extensions ?? []) register(server);

  return {
    server,
    whenIdle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
  };
}

function fromTenant(activity: IncomingActivity, tenantId: string): boolean {
  const tenant =
    (activity.conversation as { tenantId?: unknown }).tenantId ??
    (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return (
    activity.channelId === "msteams" &&
    typeof tenant === "string" &&
    tenant.toLowerCase() === tenantId.toLowerCase()
  );
}
