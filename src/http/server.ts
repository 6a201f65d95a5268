import type { IncomingMessage, ServerResponse } from "node:http";
import restify from "restify";
import type { HttpRoute } from "../bot/feature.js";
import type { Logger } from "../log.js";
import { type IncomingActivity, IncomingActivitySchema } from "./activity-schema.js";
import { BODY_LIMITS, type BodyLimits, RequestAborted, RequestRefused, readJsonBody } from "./body.js";
import type { BotPort } from "./bot-port.js";
import { setSecurityHeaders } from "./security-headers.js";

/** Headers must arrive within this time (a slow-header client holds a socket no longer). */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, headers and body, within this time; Node answers 408 after it. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A refused request whose body is still coming is discarded unread for at most this long, then cut off. */
const DISCARD_GRACE_MS = 2_000;

const BEARER = /^Bearer [A-Za-z0-9\-_.~+/]+=*$/;

export interface ServerDependencies {
  bot: BotPort;
  /**
   * With authentication on: the only tenant served. Activities from other channels (Web Chat, Direct Line) or
   * other tenants carry no organisation Värna can trust, so they are refused rather than filed under a default.
   */
  tenantId?: string;
  isReady: () => Promise<boolean>;
  log: Logger;
  routes?: readonly HttpRoute[];
  /** Further routes registered on the same server by their own module (the dashboard tab and its API). */
  extensions?: ((server: restify.Server) => void)[];
  /** Body limits for /api/messages; the defaults are the documented ones (tests shorten the timeout). */
  limits?: BodyLimits;
}

export interface HttpServer {
  server: restify.Server;
  /** Resolves when no turn is being processed (at once if none is); shutdown waits for it. */
  whenIdle(): Promise<void>;
}

/** The few words a refusal says: a status's generic meaning, never an internal message. */
const GENERIC: Record<number, string> = {
  400: "bad request",
  401: "authorization required",
  403: "forbidden",
  404: "not found",
  405: "method not allowed",
  406: "not acceptable",
  408: "request timeout",
  413: "body too large",
  415: "unsupported media type",
  500: "internal error",
  503: "service unavailable",
};

/**
 * Answers a request whose body was not (fully) read. What the client still
 * sends is discarded unread (closing at once would reset the connection and
 * could lose the answer on its way), and a body that does not end within a
 * moment is cut off with its socket.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  if (!res.headersSent) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error }));
  }
  if (req.complete) return;
  req.resume();
  setTimeout(() => {
    if (!req.complete) req.destroy();
  }, DISCARD_GRACE_MS).unref();
}

export function createHttpServer(deps: ServerDependencies): HttpServer {
  const server = restify.createServer({ name: "varna", handleUncaughtExceptions: false });
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  const limits = deps.limits ?? BODY_LIMITS;
  const { log } = deps;
  let inFlight = 0;
  const idleWaiters: (() => void)[] = [];

  server.pre((req, res, next) => {
    setSecurityHeaders(new URL(req.url ?? "/", "http://edge").pathname, res);
    next();
  });
  // restify's own answers (404, 405, a handler that failed) say only what the status means.
  server.on("restifyError", (_req, _res, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) log.error({ event: "http.failed", err }, "request failed");
    const body = { error: GENERIC[status] ?? "request refused" };
    Object.assign(err, { toJSON: () => body, toString: () => body.error, body });
    callback();
  });

  async function authenticate(req: IncomingMessage, res: ServerResponse, authorization: string) {
    if (!deps.bot.authenticated) return true;
    if (!BEARER.test(authorization)) {
      refuse(req, res, 401, GENERIC[401]!);
      return false;
    }
    const check = await deps.bot.authenticate(authorization);
    if (!check.ok) refuse(req, res, check.status, GENERIC[check.status]!);
    return check.ok;
  }

  async function readActivity(req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJsonBody(req, limits);
    } catch (err) {
      if (err instanceof RequestAborted) {
        log.info({ event: "http.aborted" }, "client went away mid-body");
        req.destroy();
        return undefined;
      }
      const refused = err instanceof RequestRefused ? err : new RequestRefused(400, "unreadable body");
      if (!(err instanceof RequestRefused)) log.warn({ event: "http.unreadable", err }, "body not readable");
      log.info({ event: "http.refused", status: refused.status, code: refused.code }, "request refused");
      refuse(req, res, refused.status, refused.code);
      return undefined;
    }
    const parsed = IncomingActivitySchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join("."));
      log.info({ event: "http.badActivity", fields }, "rejected");
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "invalid activity", fields }));
      return undefined;
    }
    return parsed.data;
  }

  server.post("/api/messages", async (req, res) => {
    const authorization = req.headers.authorization ?? "";
    try {
      if (!(await authenticate(req, res, authorization))) return;
      const activity = await readActivity(req, res);
      if (!activity) return;
      if (deps.tenantId && !fromTenant(activity, deps.tenantId)) {
        log.warn({ event: "http.foreignActivity", channelId: activity.channelId }, "refused");
        res.send(403, {
          error: "only Microsoft Teams activities from this organisation's tenant are served",
        });
        return;
      }
      inFlight++;
      try {
        const answer = await deps.bot.handle(activity, authorization);
        res.writeHead(answer.status, { "Content-Type": "application/json" });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      } finally {
        inFlight--;
        if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
      }
    } catch (err) {
      log.error({ event: "http.messageFailed", err }, "activity failed");
      refuse(req, res, 500, GENERIC[500]!);
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
