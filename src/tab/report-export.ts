import type { Locale } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { Units } from "../org/units.js";
import type { AnnualReportRow } from "./statistics.js";

/** The report's figures, in the order of the CSV and XLSX columns and the page's table. */
export const REPORT_COLUMNS = [
  "documented",
  "notified",
  "notifiedInTime",
  "detectedInternally",
  "detectedExternally",
  "nearMisses",
] as const satisfies readonly (keyof AnnualReportRow)[];

function table(rows: readonly AnnualReportRow[], units: Units, locale: Locale): (string | number)[][] {
  const header = [
    t(locale, "dashboard.report.unit"),
    ...REPORT_COLUMNS.map((c) => t(locale, `dashboard.report.${c}`)),
  ];
  const body = rows.map((r) => [
    r.unitId === "total" ? t(locale, "dashboard.report.total") : units.name(r.unitId, locale),
    ...REPORT_COLUMNS.map((c) => r[c]),
  ]);
  return [header, ...body];
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Semicolon-separated with a byte order mark: what Excel with Swedish settings opens correctly. */
export function annualReportCsv(rows: readonly AnnualReportRow[], units: Units, locale: Locale): string {
  return `\uFEFF${table(rows, units, locale)
    .map((r) => r.map(csvCell).join(";"))
    .join("\r\n")}\r\n`;
}

export async function annualReportXlsx(
  rows: readonly AnnualReportRow[],
  units: Units,
  locale: Locale,
  year: number,
): Promise<Buffer> {
  // Loaded on the first download: the XLSX writer is large and most processes never write one.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t(locale, "dashboard.report.sheet", { year }));
  for (const r of table(rows, units, locale)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(rows.length + 1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 36 : 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
