import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, type Case, PROTECTION_LEVELS } from "../../src/cases/case.js";
import { imyDeadline } from "../../src/cases/deadline.js";
import { aCase } from "../support/builders.js";
import { aUser, type Harness, startHarness } from "../support/harness.js";
import { devToken, progress, TAB_ADMIN, TAB_ENV, tabGet } from "../support/tab.js";
import { TEST_TENANT } from "../support/teams-client.js";

const UNITS = ["socialforvaltningen", "utbildningsforvaltningen", "vard-och-omsorg"];
const HOUR = 3600_000;
let h: Harness;
let seeded: Case[] = [];
const admin = devToken(TAB_ADMIN);
/** As the administrator unless another token is given; `null` sends no token at all. */
const get = (path: string, token: string | null = admin) => tabGet(h.app.url, path, token ?? undefined);

/** 36 cases in 2025 with varied units, types, categories, protection, detection and DSO progress. */
async function seed(): Promise<Case[]> {
  const out: Case[] = [];
  for (let i = 0; i < 36; i++) {
    const discovered = new Date(Date.UTC(2025, i % 12, 3 + (i % 20), 8 + (i % 5)));
    const reportedAfterHours = (i * 7) % 50;
    h.clock.set(new Date(discovered.getTime() + reportedAfterHours * HOUR + 30 * 60_000));
    const { case: created } = await h.app.services.cases.create(
      aCase({
        type: i % 4 === 3 ? "near_miss" : "incident",
        unitId: UNITS[i % 3]!,
        category: CATEGORIES[i % 5]!,
        protectionLevel: PROTECTION_LEVELS[i % 6]!,
        discoveredBy: i % 3 === 1 ? "external" : "internal",
        discoveredAt: discovered.toISOString(),
        deadlineAt: imyDeadline(discovered).toISOString(),
        preliminary: {
          severity: (["low", "medium", "high"] as const)[i % 3]!,
          reasons: [],
          notifyImyLikely: false,
          informSubjectsLikely: false,
        },
      }),
      { aadObjectId: "reporter", name: "R" },
    );
    let c: Case = created;
    if (i % 2 === 0 && c.type === "incident") {
      const assessedAt = new Date(Date.parse(c.createdAt) + ((i * 5) % 30) * HOUR).toISOString();
      const notify = i % 4 === 0;
      c = await progress(h.app.services.cases, c, {
        assessedAt,
        notifyImy: notify,
        reportedAt: notify
          ? new Date(discovered.getTime() + (i % 8 === 0 ? 100 : 40) * HOUR).toISOString()
          : undefined,
        actionPlan: i % 6 === 0,
      });
    }
    out.push(c);
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

beforeAll(async () => {
  h = await startHarness({ env: TAB_ENV, now: new Date("2025-01-01T00:00:00Z") });
  seeded = await seed();
  h.clock.set(new Date("2025-12-30T12:00:00Z"));
}, 120_000);
afterAll(async () => h?.close());

describe("the dashboard API guards its data", () => {
  it("a request without a token, or with a token that is not one, is turned away with 401", async () => {
    expect((await get("/tab/api/cases?from=2025-01&to=2025-12", null)).status).toBe(401);
    expect((await get("/tab/api/statistics?from=2025-01&to=2025-12", "not-a-token")).status).toBe(401);
    expect((await get("/tab/api/report?year=2025", "dev:")).status).toBe(401);
  });

  it("a staff member signed in is told the dashboard is for DSOs and administrators (403) and sees no case", async () => {
    const staff = devToken(aUser().aadObjectId);
    const res = await get("/tab/api/cases?from=2025-01&to=2025-12", staff);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain("PUI-");
    expect((await get(`/tab/api/cases/${seeded[0]!.id}`, staff)).status).toBe(403);
  });

  it("unknown filter values are refused with 400 naming the parameter and the reason", async () => {
    const bad = await get("/tab/api/cases?from=2025-01&to=2025-12&unitId=narnia&category=gossip");
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { parameter: string }) => i.parameter).sort()).toEqual([
      "category",
      "unitId",
    ]);
    expect((await get("/tab/api/cases?from=2025-13&to=2025-12")).status).toBe(400);
    expect((await get("/tab/api/statistics?from=2025-06&to=2025-01")).body.issues[0].reason).toMatch(/after/);
    expect((await get("/tab/api/cases?from=2025-01&to=2025-12&colour=red")).status).toBe(400);
    expect((await get("/tab/api/cases?from=2025-01&to=2025-12&continuation=xyz")).status).toBe(400);
    expect((await get("/tab/api/report?year=1999")).status).toBe(400);
  });
});

describe("the tab page", () => {
  it("is served from /tab, and only the page's own files are", async () => {
    const res = await fetch(`${h.app.url}/tab`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/tab/index.html");
    expect((await fetch(`${h.app.url}/tab/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.app.url}/tab/settings.json`)).status).toBe(404);
  });

  it("tells the page its mode, units and Swedish strings without a token, and no data", async () => {
    const res = await get("/tab/api/setup", null);
    expect(res.body).toMatchObject({ mode: "development", developmentUser: TAB_ADMIN });
    expect(res.body.strings.dashboard.tabs.cases).toBe("Ärenden");
    expect(JSON.stringify(res.body)).not.toContain("PUI-");
  });
});

describe("a DSO sees the organisation's cases", () => {
  it("filters by unit, type, protection level and IMY notification, with codes only and no free text", async () => {
    const res = await get(
      "/tab/api/cases?from=2025-01&to=2025-12&unitId=socialforvaltningen&type=incident&imyNotified=yes",
    );
    expect(res.status).toBe(200);
    const expected = seeded.filter(
      (c) => c.unitId === "socialforvaltningen" && c.type === "incident" && c.imyReport,
    );
    expect(res.body.items.map((c: Case) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(JSON.stringify(res.body)).not.toContain(seeded[0]!.description);
    const level = await get(
      "/tab/api/cases?from=2025-01&to=2025-12&protectionLevel=skyddad_folkbokforing&pageSize=200",
    );
    expect(level.body.items).toHaveLength(
      seeded.filter((c) => c.protectionLevel === "skyddad_folkbokforing").length,
    );
  });

  it("sorts by deadline and marks undecided cases past their deadline as overdue", async () => {
    const res = await get("/tab/api/cases?from=2025-01&to=2025-12&sort=deadlineAt&order=asc&pageSize=200");
    const deadlines = res.body.items.map((c: Case) => c.deadlineAt);
    expect(deadlines).toEqual([...deadlines].sort());
    const overdue = res.body.items.filter((c: { overdue: boolean }) => c.overdue).length;
    // A near miss has no IMY deadline, so it is never overdue.
    expect(overdue).toBe(
      seeded.filter((c) => c.type !== "near_miss" && c.status !== "closed" && !c.dsoAssessment).length,
    );
  });

  it("opens a case with its full history from the audit trail", async () => {
    const assessed = seeded.find((c) => c.dsoAssessment)!;
    const res = await get(`/tab/api/cases/${assessed.id}`);
    expect(res.status).toBe(200);
    expect(res.body.case.number).toBe(assessed.number);
    expect(res.body.case.description).toBe(assessed.description);
    expect(Object.keys(res.body.case).filter((k) => k.startsWith("_"))).toEqual([]);
    expect(res.body.history.map((e: { type: string }) => e.type)).toEqual(["created", "test.progress"]);
    expect((await get("/tab/api/cases/no-such-case")).status).toBe(404);
  });
});

describe("statistics come from the counters and equal a count done here from the cases", () => {
  it("for the whole year", async () => {
    // Three anonymous "may I send?" checks in June, counted as the send check counts them.
    const june = new Date("2025-06-11T10:00:00Z");
    const counters = h.app.services.sendCheckCounters;
    const emailToAuthority = { information: "sensitive", recipient: "authority", channel: "email" } as const;
    await counters.count(TEST_TENANT, june, emailToAuthority, "no", "check");
    await counters.count(TEST_TENANT, june, emailToAuthority, "no", "check");
    await counters.count(
      TEST_TENANT,
      june,
      { information: "ordinary", recipient: "colleague", channel: "sdk" },
      "yes",
      "check",
    );
    const res = await get("/tab/api/statistics?from=2025-01&to=2025-12");
    expect(res.status).toBe(200);
    const incidents = seeded.filter((c) => c.type === "incident");
    const inTime = incidents.filter(
      (c) => c.imyReport && Date.parse(c.imyReport.reportedAt) - Date.parse(c.discoveredAt) <= 72 * HOUR,
    );
    const hours = (a: string, b: string) => Math.floor((Date.parse(b) - Date.parse(a)) / HOUR);
    expect(res.body).toMatchObject({
      totals: { incident: incidents.length, near_miss: seeded.length - incidents.length },
      protectedData: incidents.filter((c) => !["none", "unknown"].includes(c.protectionLevel)).length,
      notified: incidents.filter((c) => c.imyReport).length,
      notifiedInTime: inTime.length,
      discoveredBy: {
        internal: incidents.filter((c) => c.discoveredBy === "internal").length,
        external: incidents.filter((c) => c.discoveredBy === "external").length,
      },
      medianHoursToReport: median(incidents.map((c) => hours(c.discoveredAt, c.createdAt))),
      medianHoursToAssessment: median(
        incidents.filter((c) => c.dsoAssessment).map((c) => hours(c.createdAt, c.dsoAssessment!.assessedAt)),
      ),
      openActionPlans: seeded.filter((c) => c.actionPlanRequestedAt && c.status !== "closed").length,
      sendChecks: {
        asked: 3,
        answeredNo: 2,
        top: [
          { ...emailToAuthority, asked: 2, answeredNo: 2 },
          { information: "ordinary", recipient: "colleague", channel: "sdk", asked: 1, answeredNo: 0 },
        ],
      },
    });
    expect(res.body.notified).toBeGreaterThan(res.body.notifiedInTime);
    expect(res.body.notifiedInTime).toBeGreaterThan(0);
    const march = res.body.perMonth.find((m: { month: string }) => m.month === "2025-03");
    expect(march.incident + march.near_miss).toBe(
      seeded.filter((c) => c.discoveredAt.startsWith("2025-03")).length,
    );
    const top = res.body.topCategories[0];
    expect(top.count).toBe(Math.max(...CATEGORIES.map((k) => seeded.filter((c) => c.category === k).length)));
  });

  it("for one unit and one quarter", async () => {
    const res = await get("/tab/api/statistics?from=2025-04&to=2025-06&unitId=vard-och-omsorg");
    const chosen = seeded.filter(
      (c) => c.unitId === "vard-och-omsorg" && c.discoveredAt >= "2025-04" && c.discoveredAt < "2025-07",
    );
    expect(res.body.perMonth).toHaveLength(3);
    expect(res.body.totals.incident + res.body.totals.near_miss).toBe(chosen.length);
    expect(res.body.perUnit).toEqual([
      {
        unitId: "vard-och-omsorg",
        incident: chosen.filter((c) => c.type === "incident").length,
        near_miss: chosen.filter((c) => c.type === "near_miss").length,
      },
    ]);
  });
});

describe("the annual report's numbers", () => {
  it("per unit and in total, as JSON, CSV and an Excel file that opens", async () => {
    const json = await get("/tab/api/report?year=2025");
    const total = json.body.rows.find((r: { unitId: string }) => r.unitId === "total");
    const incidents = seeded.filter((c) => c.type === "incident");
    expect(total).toMatchObject({
      documented: incidents.length,
      notified: incidents.filter((c) => c.imyReport).length,
      detectedExternally: incidents.filter((c) => c.discoveredBy === "external").length,
      nearMisses: seeded.length - incidents.length,
    });

    const csv = await get("/tab/api/report?year=2025&format=csv");
    expect(csv.headers.get("content-disposition")).toContain("incidenter-2025.csv");
    const lines = (csv.body as Buffer)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Förvaltning;Dokumenterade incidenter;Anmälda till IMY;Anmälda i tid;Upptäckta internt;Upptäckta externt;Tillbud",
    );
    expect(lines.at(-1)).toBe(
      `Totalt;${total.documented};${total.notified};${total.notifiedInTime};${total.detectedInternally};${total.detectedExternally};${total.nearMisses}`,
    );
    expect(lines.find((l) => l.startsWith("Socialförvaltningen;"))).toBeDefined();

    const xlsx = await get("/tab/api/report?year=2025&format=xlsx&locale=en");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet("Incidents 2025")!;
    expect(sheet.getRow(1).getCell(2).value).toBe("Incidents documented");
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("Total");
    expect(last.getCell(2).value).toBe(total.documented);
    expect(last.getCell(4).value).toBe(total.notifiedInTime);
  });
});
