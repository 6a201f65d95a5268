import fs from "node:fs";
import path from "node:path";
import type { JWTVerifyGetKey } from "jose";
import type { Request, Response, Server } from "restify";
import type { z } from "zod";
import type { Principal } from "../bot/roles.js";
import { localeFrom } from "../cards/locale.js";
import { STRINGS } from "../cards/strings.js";
import {
  CASE_STATUSES,
  CASE_TYPES,
  CATEGORIES,
  type Case,
  CaseSchema,
  PROTECTION_LEVELS,
  SEVERITIES,
} from "../cases/case.js";
import type { AppServices } from "../services.js";
import { StoreUnavailableError } from "../store/errors.js";
import { Repository } from "../store/repository.js";
import { principalOf, tabAuthMode } from "./auth.js";
import type { StatsCounters } from "./counter-store.js";
import { TAB_PAGE_DIR } from "./page-dir.js";
import {
  CaseIdSchema,
  caseListSchema,
  caseListSql,
  listItem,
  ReportSchema,
  statisticsSchema,
  unwrapContinuation,
  wrapContinuation,
} from "./queries.js";
import { annualReportCsv, annualReportXlsx, REPORT_COLUMNS } from "./report-export.js";
import { annualReportFrom, type SendCheckStatsSource, statisticsFrom } from "./statistics.js";

const PAGE_FILES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "main.js": "text/javascript; charset=utf-8",
  "config.html": "text/html; charset=utf-8",
  "config.js": "text/javascript; charset=utf-8",
  "styles.css": "text/css; charset=utf-8",
};

export interface TabOptions {
  counters: StatsCounters;
  sendChecks?: SendCheckStatsSource;
  /** Injected in tests; otherwise Microsoft's published signing keys. */
  keys?: JWTVerifyGetKey;
}

/** The codes the page offers as filters (each labelled by the `case.*` strings). */
const CASE_FILTER_CODES = {
  type: CASE_TYPES,
  category: CATEGORIES,
  protectionLevel: PROTECTION_LEVELS,
  status: CASE_STATUSES,
  severity: SEVERITIES,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {
    super(`http ${status}`);
  }
}

function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? "/", "http://tab").searchParams);
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new HttpError(400, {
      error: "invalid request",
      issues: parsed.error.issues.map((i) => ({ parameter: i.path.join("."), reason: i.message })),
    });
  }
  return parsed.data;
}

/** The DSO dashboard: its static page and its API, every API call checked for a valid token and the DSO/admin role. */
export function tabRoutes(services: AppServices, options: TabOptions): (server: Server) => void {
  const { config, units, roles, log, clock } = services;
  const mode = tabAuthMode({
    auth: config.auth,
    defaultOrgId: config.defaultOrgId,
    ssoAudiences: config.tabSsoAudiences,
    keys: options.keys,
  });
  const cases = new Repository<Case>(services.store.containers.cases, (c) => c.orgId, clock);

  async function authorise(req: Request): Promise<Principal> {
    const principal = await principalOf(req.header("authorization"), mode, clock.now());
    if (!principal) throw new HttpError(401, { error: "a valid Teams sign-in token is required" });
    const held = await roles.rolesOf(principal);
    if (!held.has("dso") && !held.has("admin"))
      throw new HttpError(403, { error: "for DSOs and administrators" });
    return principal;
  }

  /** Runs an API handler: authorisation first, then errors as status codes (ids and codes in the log only). */
  const api =
    (handler: (req: Request, res: Response, principal: Principal) => Promise<void>) =>
    async (req: Request, res: Response) => {
      res.header("Cache-Control", "no-store");
      try {
        await handler(req, res, await authorise(req));
      } catch (err) {
        if (err instanceof HttpError) return void res.send(err.status, err.body);
        const unavailable = err instanceof StoreUnavailableError;
        log.error(
          { event: "tab.apiFailed", route: req.getRoute()?.path, err: (err as Error).name },
          "tab API failed",
        );
        res.send(unavailable ? 503 : 500, { error: unavailable ? "store unavailable" : "internal error" });
      }
    };

  return (server) => {
    server.get("/tab", (_req, res, next) => {
      res.redirect(302, "/tab/index.html", next);
    });
    server.get("/tab/:file", async (req, res) => {
      const file = String(req.params.file);
      const type = PAGE_FILES[file];
      const full = path.join(TAB_PAGE_DIR, file);
      if (!type || !fs.existsSync(full)) return void res.send(404, { error: "not found" });
      // The Content-Security-Policy (framed by Teams only) and nosniff are set for every response by the edge.
      res.writeHead(200, { "Content-Type": type });
      res.end(fs.readFileSync(full));
    });

    /** Public: the page needs its strings and to know whether it runs against a local bot. */
    server.get("/tab/api/setup", async (req, res) => {
      const locale = localeFrom(queryOf(req).locale);
      res.send(200, {
        mode: mode.mode,
        developmentUser: mode.mode === "development" ? config.adminAadIds[0] : undefined,
        units: units.all.map((u) => ({ id: u.id, name: u[locale] })),
        codes: CASE_FILTER_CODES,
        reportColumns: REPORT_COLUMNS,
        strings: { dashboard: STRINGS[locale].dashboard, case: STRINGS[locale].case },
      });
    });

    server.get(
      "/tab/api/cases",
      api(async (req, res, { orgId }) => {
        const q = parse(caseListSchema(units), queryOf(req));
        const continuation = unwrapContinuation(q);
        if (continuation instanceof Error) {
          throw new HttpError(400, {
            error: "invalid request",
            issues: [{ parameter: "continuation", reason: continuation.message }],
          });
        }
        const page = await cases.queryPage(caseListSql(orgId, q), orgId, { size: q.pageSize, continuation });
        const now = clock.now();
        res.send(200, {
          now: now.toISOString(),
          items: page.items.map((c) => listItem(c, now)),
          continuation: wrapContinuation(q, page.continuation),
        });
      }),
    );

    server.get(
      "/tab/api/cases/:id",
      api(async (req, res, { orgId }) => {
        const id = parse(CaseIdSchema, req.params.id);
        const found = await services.cases.get(orgId, id);
        if (!found) throw new HttpError(404, { error: "no such case" });
        // The schema drops what the store adds (_etag, _rid, _ts …); the channel post is the bot's business.
        const { channelPost: _, ...shown } = CaseSchema.parse(found);
        res.send(200, {
          now: clock.now().toISOString(),
          case: shown,
          history: await services.cases.history(id),
        });
      }),
    );

    server.get(
      "/tab/api/statistics",
      api(async (req, res, { orgId }) => {
        const q = parse(statisticsSchema(units), queryOf(req));
        const [docs, sendChecks] = await Promise.all([
          options.counters.range(orgId, q.from, q.to, q.unitId),
          options.sendChecks?.summary(orgId, q.from, q.to) ?? Promise.resolve(null),
        ]);
        res.send(
          200,
          statisticsFrom(
            docs,
            q,
            units.all.map((u) => u.id),
            sendChecks,
          ),
        );
      }),
    );

    server.get(
      "/tab/api/report",
      api(async (req, res, { orgId }) => {
        const q = parse(ReportSchema, queryOf(req));
        const docs = await options.counters.range(orgId, `${q.year}-01`, `${q.year}-12`);
        const rows = annualReportFrom(
          docs,
          units.all.map((u) => u.id),
        );
        if (q.format === "json") return void res.send(200, { year: q.year, rows });
        const name = `incidenter-${q.year}.${q.format}`;
        const body =
          q.format === "csv"
            ? Buffer.from(annualReportCsv(rows, units, q.locale), "utf8")
            : await annualReportXlsx(rows, units, q.locale, q.year);
        res.writeHead(200, {
          "Content-Type":
            q.format === "csv"
              ? "text/csv; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="${name}"`,
          "Cache-Control": "no-store",
        });
        res.end(body);
      }),
    );
  };
}
