import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imyDeadline } from "../../src/cases/deadline.js";
import { ROOT } from "../../src/paths.js";
import { buildTabPage } from "../../src/tab/page/build.js";
import { aCase } from "../support/builders.js";
import { type Harness, startHarness } from "../support/harness.js";
import { progress, TAB_ENV } from "../support/tab.js";

/** Debian's Chromium; CI installs it (.ci/chromium.sh), so there the test always runs. */
const CHROMIUM = "/usr/bin/chromium";
const skip = !process.env.CI && !fs.existsSync(CHROMIUM);
const OUTPUT = path.join(ROOT, "test-output");

let h: Harness;
let browser: Browser;
let page: Page;

describe.skipIf(skip)("the dashboard tab in a browser (local mode, development token)", () => {
  beforeAll(async () => {
    await buildTabPage();
    h = await startHarness({ env: TAB_ENV, now: new Date("2025-11-30T12:00:00Z") });
    for (let i = 0; i < 12; i++) {
      const discovered = new Date(Date.UTC(2025, i % 11, 5, 9));
      const { case: c } = await h.app.services.cases.create(
        aCase({
          unitId: i % 3 === 0 ? "utbildningsforvaltningen" : "socialforvaltningen",
          type: i % 4 === 3 ? "near_miss" : "incident",
          discoveredAt: discovered.toISOString(),
          deadlineAt: imyDeadline(discovered).toISOString(),
        }),
        { aadObjectId: "reporter", name: "R" },
      );
      if (i % 2 === 0) {
        await progress(h.app.services.cases, c, {
          assessedAt: new Date(discovered.getTime() + 20 * 3600_000).toISOString(),
          notifyImy: true,
          reportedAt: new Date(discovered.getTime() + 48 * 3600_000).toISOString(),
        });
      }
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("a DSO sees the cases, a chart, filters by unit and downloads the annual report as CSV", async () => {
    await page.goto(`${h.app.url}/tab/index.html?from=2025-01&to=2025-12`);
    const rows = page.locator("#cases tbody tr");
    await expect.poll(() => rows.count()).toBe(12);
    await expect.poll(() => page.locator("#cases caption").textContent()).toContain("12 visade");
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");

    await page.selectOption("#filter-unitId", "utbildningsforvaltningen");
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await expect.poll(() => rows.count()).toBe(4);
    const units = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit")));
    expect(new Set(units)).toEqual(new Set(["utbildningsforvaltningen"]));

    await page.getByRole("tab", { name: "Statistik" }).click();
    const chart = page.locator("#chart-months");
    await expect.poll(() => chart.getAttribute("data-rendered")).toBe("true");
    const painted = await chart.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      let coloured = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(500);
    await expect.poll(() => page.locator(".figures li").first().textContent()).toContain("3");
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "tab-statistics.png"), fullPage: true });

    await page.getByRole("tab", { name: "Årsrapport" }).click();
    await expect.poll(() => page.locator("#report tbody tr").count()).toBeGreaterThan(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    expect(download.suggestedFilename()).toBe("incidenter-2025.csv");
    const saved = path.join(OUTPUT, "incidenter-2025.csv");
    await download.saveAs(saved);
    const lines = fs
      .readFileSync(saved, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Förvaltning;Dokumenterade incidenter;/);
    expect(lines.at(-1)).toBe("Totalt;9;6;6;9;0;3");
    await page.screenshot({ path: path.join(OUTPUT, "tab-report.png"), fullPage: true });
    expect((await page.request.get(`${h.app.url}/tab/config.html`)).status()).toBe(200);
  });
});
