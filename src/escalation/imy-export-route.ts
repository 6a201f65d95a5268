import type { HttpRoute } from "../bot/feature.js";
import { t } from "../cards/strings.js";
import type { Organisations } from "../org/organisation.js";
import type { Units } from "../org/units.js";
import type { CaseRepository } from "../store/case-repository.js";
import type { Clock } from "../time/clock.js";
import type { ExportLinks } from "./export-links.js";
import { imyExport, imyExportText } from "./imy-export.js";
import { exportContext } from "./notification-verbs.js";

/**
 * GET /api/imy-export/:orgId/:caseId?exp=…&sig=… — the IMY export as a text
 * file, for the signed link a DSO got on the export card (in Swedish: the
 * language of IMY's e-service).
 */
export function imyExportRoute(deps: {
  cases: CaseRepository;
  units: Units;
  organisations: Organisations;
  links: ExportLinks;
  clock: Clock;
}): HttpRoute {
  const refused = {
    status: 403,
    contentType: "text/plain; charset=utf-8",
    body: "link expired or invalid\n",
  };
  return {
    path: "/api/imy-export/:orgId/:caseId",
    async run(params, query) {
      const { orgId = "", caseId = "" } = params;
      const now = deps.clock.now();
      const valid = await deps.links.verify(
        orgId,
        caseId,
        Number(query.get("exp")),
        query.get("sig") ?? "",
        now,
      );
      if (!valid) return refused;
      const c = await deps.cases.get(orgId, caseId);
      if (!c) return { ...refused, status: 404, body: "not found\n" };
      const lines = imyExport(c, exportContext(c, deps, "sv", now));
      return {
        status: 200,
        contentType: "text/plain; charset=utf-8",
        filename: `${c.number}-IMY.txt`,
        body: imyExportText(t("sv", "escalation.imy.title", { number: c.number }), lines),
      };
    },
  };
}
