import type { ServerResponse } from "node:http";

/** Where Teams (web, desktop, new Outlook and the Microsoft 365 app) frames a tab; nobody else may frame it. */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.microsoft365.com",
];

/** The dashboard's own files: scripts, styles and API calls from this origin only, framed only by Teams. */
export const TAB_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(" ")}`,
].join("; ");

/** Everything else (JSON, downloads, health) is data, never a page: nothing may load from it or frame it. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

function isTabPage(path: string): boolean {
  return (path === "/tab" || path.startsWith("/tab/")) && !path.startsWith("/tab/api/");
}

/** Set on every response before any handler runs, so error answers carry them too. */
export function setSecurityHeaders(path: string, res: ServerResponse): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Content-Security-Policy", isTabPage(path) ? TAB_PAGE_POLICY : DATA_POLICY);
}
