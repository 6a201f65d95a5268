import { app, authentication } from "@microsoft/teams-js";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";

/**
 * The DSO dashboard page. Inside Teams it signs in with SSO
 * (authentication.getAuthToken); opened in a plain browser against a local
 * bot (no app id) it uses the development token. Swedish first.
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Strings = { [key: string]: string | Strings };
interface Setup {
  mode: "entra" | "development";
  developmentUser?: string;
  units: { id: string; name: string }[];
  /** Filter name → its codes (type, category, protectionLevel, status, severity). */
  codes: Record<string, string[]>;
  reportColumns: string[];
  strings: { dashboard: Strings; case: Strings };
}
type Locale = "sv" | "en";

const params = new URLSearchParams(location.search);
const COLOURS = { incident: "#1f4e79", near_miss: "#b35900" };
let setup: Setup;
let locale: Locale = params.get("lang") === "en" ? "en" : "sv";
let token = "";
const charts: Chart[] = [];

function $(id: string): HTMLElement {
  return document.getElementById(id)!;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A dashboard string (`filters.unit`) or a case label (`case:category.other`), with `{name}` placeholders. */
function t(key: string, values: Record<string, string | number> = {}): string {
  const [table, path] = key.startsWith("case:")
    ? [setup.strings.case, key.slice(5)]
    : [setup.strings.dashboard, key];
  let node: string | Strings | undefined = table;
  for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
  const text = typeof node === "string" ? node : key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const unitName = (id: string) =>
  setup.units.find((u) => u.id === id)?.name ?? (id === "total" ? t("report.total") : id);
const when = (iso: string) =>
  new Date(iso).toLocaleString(locale === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
  });

function say(text: string, isError = false): void {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { issues?: { parameter: string; reason: string }[] },
  ) {
    super(`api ${status}`);
  }
}

async function api(path: string): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  return res;
}

function explain(err: unknown): void {
  say(messageFor(err), true);
}

function messageFor(err: unknown): string {
  if (!(err instanceof ApiError)) return t("errors.failed");
  if (err.status === 401) return t("errors.unauthorised");
  if (err.status === 403) return t("errors.forbidden");
  if (err.status !== 400) return t("errors.failed");
  const reason = (err.body.issues ?? []).map((i) => `${i.parameter}: ${i.reason}`).join("; ");
  return t("errors.badRequest", { reason });
}

async function signIn(): Promise<string | undefined> {
  const framed = window.parent !== window;
  if (framed) {
    await app.initialize();
    const context = await app.getContext();
    if (!params.get("lang")) locale = context.app.locale.toLowerCase().startsWith("en") ? "en" : "sv";
    return authentication.getAuthToken();
  }
  if (setup.mode === "development") {
    const user = params.get("user") ?? setup.developmentUser;
    return user ? `dev:${user}` : undefined;
  }
  return undefined;
}

async function loadSetup(): Promise<void> {
  setup = (await (await fetch(`/tab/api/setup?locale=${locale}`)).json()) as Setup;
  document.documentElement.lang = locale;
  document.title = t("title");
  $("title").textContent = t("title");
}

// ---------- filters ----------

const CASE_LABEL: Record<string, string> = {
  type: "type",
  category: "category",
  protectionLevel: "protection",
  status: "status",
  severity: "severity",
};
const SORTS = ["discoveredAt", "deadlineAt", "number", "unitId", "category", "status"];

const thisYear = new Date().getFullYear();
const filters: Record<string, string> = {
  from: params.get("from") ?? `${thisYear}-01`,
  to: params.get("to") ?? `${thisYear}-12`,
  unitId: params.get("unitId") ?? "",
  type: "",
  category: "",
  protectionLevel: "",
  status: "",
  severity: "",
  imyNotified: "",
  sort: "discoveredAt",
  order: "desc",
};

function select(name: string, label: string, options: [string, string][]): HTMLLabelElement {
  const box = el("select", { name, id: `filter-${name}` });
  for (const [value, text] of options) {
    const option = el("option", { value }, text);
    if (value === filters[name]) option.selected = true;
    box.append(option);
  }
  return el("label", { for: `filter-${name}` }, label, box);
}

function renderFilters(): void {
  const all: [string, string] = ["", t("filters.all")];
  const form = $("filters") as HTMLFormElement;
  const month = (name: string) =>
    el(
      "label",
      {},
      t(`filters.${name}`),
      el("input", { type: "month", name, value: filters[name]!, required: "" }),
    );
  const fieldset = el(
    "fieldset",
    {},
    el("legend", {}, t("filters.legend")),
    month("from"),
    month("to"),
    select("unitId", t("filters.unit"), [all, ...setup.units.map((u): [string, string] => [u.id, u.name])]),
    ...Object.entries(setup.codes).map(([name, codes]) =>
      select(name, t(`filters.${name}`), [
        all,
        ...codes.map((c): [string, string] => [c, t(`case:${CASE_LABEL[name]}.${c}`)]),
      ]),
    ),
    select("imyNotified", t("filters.imyNotified"), [
      all,
      ["yes", t("filters.yes")],
      ["no", t("filters.no")],
    ]),
    select(
      "sort",
      t("filters.sort"),
      SORTS.map((s): [string, string] => [s, t(`sort.${s}`)]),
    ),
    select("order", t("filters.order"), [
      ["desc", t("filters.desc")],
      ["asc", t("filters.asc")],
    ]),
    el("button", { type: "submit", class: "primary" }, t("filters.apply")),
  );
  form.replaceChildren(fieldset);
  form.onsubmit = (event) => {
    event.preventDefault();
    new FormData(form).forEach((value, name) => {
      filters[name] = String(value);
    });
    void refresh();
  };
}

function query(names: string[]): string {
  const q = new URLSearchParams();
  for (const name of names) if (filters[name]) q.set(name, filters[name]!);
  return q.toString();
}

// ---------- cases ----------

interface CaseRow {
  id: string;
  number: string;
  type: string;
  category: string;
  unitId: string;
  protectionLevel: string;
  status: string;
  severity: string;
  discoveredAt: string;
  deadlineAt: string;
  awaitsDecision: boolean;
  overdue: boolean;
  imyNotified: boolean;
}

function timeLeft(row: CaseRow, now: string): HTMLElement {
  if (!row.awaitsDecision) return el("span", {}, t("deadline.decided"));
  const hours = Math.round((Date.parse(row.deadlineAt) - Date.parse(now)) / 3600_000);
  return row.overdue
    ? el("span", { class: "overdue" }, t("deadline.overdue", { hours: Math.abs(hours) }))
    : el("span", {}, t("deadline.left", { hours }));
}

async function renderCases(): Promise<void> {
  const panel = $("panel-cases");
  const body = el("tbody");
  const caption = el("caption");
  const columns = [
    "number",
    "discovered",
    "unit",
    "type",
    "category",
    "protection",
    "severity",
    "status",
    "deadline",
    "imy",
  ];
  const table = el(
    "table",
    { id: "cases" },
    caption,
    el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col" }, t(`table.${c}`))))),
    body,
  );
  const more = el("button", { type: "button", hidden: "" }, t("table.more"));
  panel.replaceChildren(table, more);
  let continuation: string | undefined;
  let shown = 0;
  const load = async () => {
    const q = query(["from", "to", "unitId", ...Object.keys(setup.codes), "imyNotified", "sort", "order"]);
    const next = continuation ? `&continuation=${encodeURIComponent(continuation)}` : "";
    const page = (await (await api(`/tab/api/cases?${q}&pageSize=50${next}`)).json()) as {
      now: string;
      items: CaseRow[];
      continuation?: string;
    };
    for (const row of page.items) {
      const open = el("button", { type: "button", class: "link" }, row.number);
      open.onclick = () => void openCase(row.id);
      body.append(
        el(
          "tr",
          { "data-unit": row.unitId },
          el("th", { scope: "row" }, open),
          el("td", {}, when(row.discoveredAt)),
          el("td", {}, unitName(row.unitId)),
          el("td", {}, t(`case:type.${row.type}`)),
          el("td", {}, t(`case:category.${row.category}`)),
          el("td", {}, t(`case:protection.${row.protectionLevel}`)),
          el("td", {}, t(`case:severity.${row.severity}`)),
          el("td", {}, t(`case:status.${row.status}`)),
          el("td", {}, timeLeft(row, page.now)),
          el("td", {}, row.imyNotified ? t("filters.yes") : t("filters.no")),
        ),
      );
    }
    shown += page.items.length;
    caption.textContent = shown === 0 ? t("table.empty") : t("table.caption", { count: shown });
    continuation = page.continuation;
    more.hidden = !continuation;
  };
  more.onclick = () => void load().catch(explain);
  await load();
}

/** The fields of a case the detail view shows (the API sends the whole case to DSOs and admins). */
interface CaseDetail {
  number: string;
  discoveredAt: string;
  unitId: string;
  type: string;
  category: string;
  protectionLevel: string;
  preliminary: { severity: string };
  status: string;
  description: string;
  dsoAssessment?: { notifyImy: boolean };
  imyReport?: { reportedAt: string };
}

async function openCase(id: string): Promise<void> {
  try {
    const { case: c, history } = (await (await api(`/tab/api/cases/${encodeURIComponent(id)}`)).json()) as {
      case: CaseDetail;
      history: { at: string; actor: { name: string }; type: string; fields: string[] }[];
    };
    const dialog = $("detail") as HTMLDialogElement;
    const close = el("button", { type: "button" }, t("detail.close"));
    close.onclick = () => dialog.close();
    const fact = (label: string, value: string) => [el("dt", {}, label), el("dd", {}, value)];
    dialog.replaceChildren(
      el("h2", { id: "detail-title" }, t("detail.title", { number: c.number })),
      el(
        "dl",
        {},
        ...fact(t("table.discovered"), when(c.discoveredAt)),
        ...fact(t("table.unit"), unitName(c.unitId)),
        ...fact(t("table.type"), t(`case:type.${c.type}`)),
        ...fact(t("table.category"), t(`case:category.${c.category}`)),
        ...fact(t("table.protection"), t(`case:protection.${c.protectionLevel}`)),
        ...fact(t("table.severity"), t(`case:severity.${c.preliminary.severity}`)),
        ...fact(t("table.status"), t(`case:status.${c.status}`)),
        ...fact(t("detail.description"), c.description),
        ...fact(
          t("detail.notifyImy"),
          c.dsoAssessment
            ? c.dsoAssessment.notifyImy
              ? t("filters.yes")
              : t("filters.no")
            : t("detail.none"),
        ),
        ...fact(t("detail.reportedAt"), c.imyReport ? when(c.imyReport.reportedAt) : t("detail.none")),
      ),
      el("h3", {}, t("detail.history")),
      el(
        "table",
        {},
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            ...["at", "actor", "event", "fields"].map((k) => el("th", { scope: "col" }, t(`detail.${k}`))),
          ),
        ),
        el(
          "tbody",
          {},
          ...history.map((e) =>
            el(
              "tr",
              {},
              el("td", {}, when(e.at)),
              el("td", {}, e.actor.name),
              el("td", {}, e.type),
              el("td", {}, e.fields.join(", ")),
            ),
          ),
        ),
      ),
      el("div", { class: "actions" }, close),
    );
    dialog.showModal();
    close.focus();
  } catch (err) {
    explain(err);
  }
}

// ---------- statistics ----------

interface Stats {
  totals: { incident: number; near_miss: number };
  perMonth: { month: string; incident: number; near_miss: number }[];
  perUnit: { unitId: string; incident: number; near_miss: number }[];
  protectedData: number;
  notified: number;
  notifiedInTime: number;
  medianHoursToReport: number | null;
  medianHoursToAssessment: number | null;
  topCategories: { category: string; count: number }[];
  openActionPlans: number;
  sendChecks: {
    asked: number;
    answeredNo: number;
    top: { information: string; channel: string; recipient: string; asked: number; answeredNo: number }[];
  } | null;
}

/** A table of figures: one heading per row, numbers in the columns. */
function figuresTable(
  attrs: Record<string, string>,
  corner: string,
  columns: string[],
  rows: { label: string; values: (string | number)[] }[],
): HTMLTableElement {
  const head = el("tr", {}, el("th", { scope: "col" }, corner));
  head.append(...columns.map((c) => el("th", { scope: "col", class: "number" }, c)));
  const body = rows.map((r) => {
    const row = el("tr", {}, el("th", { scope: "row" }, r.label));
    row.append(...r.values.map((v) => el("td", { class: "number" }, String(v))));
    return row;
  });
  return el("table", attrs, el("thead", {}, head), el("tbody", {}, ...body));
}

/** A bar chart with its figures also as a table, for screen readers and for reading exact numbers. */
function barChart(
  id: string,
  title: string,
  labels: string[],
  rows: { incident: number; near_miss: number }[],
  horizontal: boolean,
): HTMLElement {
  const canvas = el("canvas", { id, role: "img", "aria-label": title });
  const datasets = (["incident", "near_miss"] as const).map((k) => ({
    label: t(k === "incident" ? "stats.incidents" : "stats.nearMisses"),
    data: rows.map((r) => r[k]),
    backgroundColor: COLOURS[k],
  }));
  const figure = el(
    "figure",
    {},
    el("figcaption", {}, el("h2", {}, title)),
    el("div", { class: "chart" }, canvas),
    el(
      "details",
      {},
      el("summary", {}, t("stats.chartData")),
      figuresTable(
        {},
        "",
        datasets.map((d) => d.label),
        labels.map((label, i) => ({ label, values: datasets.map((d) => d.data[i]!) })),
      ),
    ),
  );
  requestAnimationFrame(() => {
    charts.push(
      new Chart(canvas, {
        type: "bar",
        data: { labels, datasets },
        options: {
          indexAxis: horizontal ? "y" : "x",
          animation: false,
          maintainAspectRatio: false,
          // Counts of cases: whole numbers on the value axis, whichever way the bars run.
          scales: {
            x: { stacked: true, ...(horizontal ? { beginAtZero: true, ticks: { precision: 0 } } : {}) },
            y: { stacked: true, ...(horizontal ? {} : { beginAtZero: true, ticks: { precision: 0 } }) },
          },
        },
      }),
    );
    canvas.dataset.rendered = "true";
  });
  return figure;
}

async function renderStatistics(): Promise<void> {
  const s = (await (await api(`/tab/api/statistics?${query(["from", "to", "unitId"])}`)).json()) as Stats;
  const percent = (n: number, of: number) => (of === 0 ? "–" : `${Math.round((100 * n) / of)} %`);
  const hours = (h: number | null) => (h === null ? t("stats.noValue") : t("stats.hours", { hours: h }));
  const figure = (label: string, value: string) => el("li", {}, el("strong", {}, value), label);
  const sendChecks = s.sendChecks
    ? el(
        "div",
        {},
        el("p", {}, t("stats.sendChecksAsked", { asked: s.sendChecks.asked, no: s.sendChecks.answeredNo })),
        el(
          "ol",
          {},
          ...s.sendChecks.top.map((c) =>
            el("li", {}, `${c.information} · ${c.channel} · ${c.recipient}: ${c.asked} (${c.answeredNo})`),
          ),
        ),
      )
    : el("p", {}, t("stats.sendChecksUnavailable"));
  $("panel-statistics").replaceChildren(
    el("h2", {}, t("stats.heading")),
    el(
      "ul",
      { class: "figures" },
      figure(t("stats.incidents"), String(s.totals.incident)),
      figure(t("stats.nearMisses"), String(s.totals.near_miss)),
      figure(t("stats.protectedShare"), percent(s.protectedData, s.totals.incident)),
      figure(t("stats.notified"), String(s.notified)),
      figure(t("stats.notifiedInTime"), `${s.notifiedInTime} (${percent(s.notifiedInTime, s.notified)})`),
      figure(t("stats.medianToReport"), hours(s.medianHoursToReport)),
      figure(t("stats.medianToAssessment"), hours(s.medianHoursToAssessment)),
      figure(t("stats.openActionPlans"), String(s.openActionPlans)),
    ),
    barChart(
      "chart-months",
      t("stats.perMonth"),
      s.perMonth.map((m) => m.month),
      s.perMonth,
      false,
    ),
    barChart(
      "chart-units",
      t("stats.perUnit"),
      s.perUnit.map((u) => unitName(u.unitId)),
      s.perUnit,
      true,
    ),
    el("h2", {}, t("stats.topCategories")),
    el(
      "ol",
      {},
      ...s.topCategories.map((c) => el("li", {}, `${t(`case:category.${c.category}`)}: ${c.count}`)),
    ),
    el("h2", {}, t("stats.sendChecks")),
    sendChecks,
  );
}

// ---------- annual report ----------

async function download(format: "csv" | "xlsx", year: string): Promise<void> {
  const res = await api(`/tab/api/report?year=${year}&format=${format}&locale=${locale}`);
  const url = URL.createObjectURL(await res.blob());
  const link = el("a", { href: url, download: `incidenter-${year}.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function renderReport(): Promise<void> {
  const year = filters.to!.slice(0, 4);
  const { rows } = (await (await api(`/tab/api/report?year=${year}`)).json()) as {
    rows: Record<string, number | string>[];
  };
  const csv = el("button", { type: "button", id: "download-csv" }, t("report.csv"));
  const xlsx = el("button", { type: "button", id: "download-xlsx" }, t("report.xlsx"));
  csv.onclick = () => void download("csv", year).catch(explain);
  xlsx.onclick = () => void download("xlsx", year).catch(explain);
  $("panel-report").replaceChildren(
    el("h2", {}, `${t("report.heading")} ${year}`),
    figuresTable(
      { id: "report" },
      t("report.unit"),
      setup.reportColumns.map((c) => t(`report.${c}`)),
      rows.map((r) => ({ label: unitName(String(r.unitId)), values: setup.reportColumns.map((c) => r[c]!) })),
    ),
    el("div", { class: "actions" }, csv, xlsx),
  );
}

// ---------- tabs ----------

const VIEWS = { cases: renderCases, statistics: renderStatistics, report: renderReport } as const;
type View = keyof typeof VIEWS;
let current: View = "cases";

function renderTabs(): void {
  const names = Object.keys(VIEWS) as View[];
  const list = $("tabs");
  list.setAttribute("aria-label", t("tabs.label"));
  list.replaceChildren(
    ...names.map((name) => {
      const selected = name === current;
      const tab = el(
        "button",
        {
          type: "button",
          role: "tab",
          id: `tab-${name}`,
          "aria-controls": `panel-${name}`,
          "aria-selected": String(selected),
          tabindex: selected ? "0" : "-1",
        },
        t(`tabs.${name}`),
      );
      tab.onclick = () => show(name);
      tab.onkeydown = (event) => {
        const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        const next = names[(names.indexOf(name) + step + names.length) % names.length]!;
        show(next);
        $(`tab-${next}`).focus();
      };
      return tab;
    }),
  );
}

function show(view: View): void {
  current = view;
  renderTabs();
  for (const name of Object.keys(VIEWS)) $(`panel-${name}`).hidden = name !== view;
  void refresh();
}

async function refresh(): Promise<void> {
  for (const chart of charts.splice(0)) chart.destroy();
  say(t("loading"));
  try {
    await VIEWS[current]();
    say("");
  } catch (err) {
    explain(err);
  }
}

async function start(): Promise<void> {
  await loadSetup();
  const signedIn = await signIn().catch(() => undefined);
  if (signedIn === undefined) return say(t("errors.notInTeams"), true);
  token = signedIn;
  await loadSetup();
  const language = $("language");
  language.hidden = false;
  language.textContent = t("language");
  language.setAttribute("lang", locale === "sv" ? "en" : "sv");
  language.onclick = async () => {
    locale = locale === "sv" ? "en" : "sv";
    await start();
  };
  $("app").hidden = false;
  renderFilters();
  show(current);
}

void start();
