import { randomUUID } from "node:crypto";
import type { Case, CaseActor } from "../../src/cases/case.js";
import type { CaseRepository } from "../../src/store/case-repository.js";
import { TEST_TENANT } from "./teams-client.js";

/** An administrator (ADMIN_AAD_IDS) for tab tests; the DSO role arrives with the escalation branch. */
export const TAB_ADMIN = randomUUID();

/** Harness environment for the tab in local mode: the test tenant is the default organisation. */
export const TAB_ENV = { ADMIN_AAD_IDS: TAB_ADMIN, DEFAULT_ORG_ID: TEST_TENANT };

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by each test's assertions
export interface TabResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** GET a tab API path with a bearer token (none when `token` is undefined); parses JSON answers. */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function tabGet<T = any>(
  baseUrl: string,
  path: string,
  token?: string,
): Promise<TabResponse<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, body: body as T, headers: res.headers };
}

export const devToken = (aadObjectId: string) => `dev:${aadObjectId}`;

/** Runs `work` over `items` with at most `limit` at a time (the embedded store on two cores). */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

const DSO: CaseActor = { aadObjectId: "dso-test", name: "DSO Test" };

/** Takes a created case through the DSO's steps, as the escalation feature will: assessment, IMY report, action plan. */
export async function progress(
  cases: CaseRepository,
  c: Pick<Case, "orgId" | "id">,
  steps: {
    assessedAt?: string;
    notifyImy?: boolean;
    reportedAt?: string;
    actionPlan?: boolean;
    closedAt?: string;
  },
): Promise<Case> {
  const result = await cases.update(
    c.orgId,
    c.id,
    (x) => ({
      ...x,
      status: steps.closedAt
        ? "closed"
        : steps.reportedAt
          ? "reported_to_imy"
          : steps.assessedAt
            ? "assessed"
            : x.status,
      ...(steps.assessedAt && {
        dsoAssessment: {
          notifyImy: steps.notifyImy ?? false,
          informSubjects: false,
          assessedAt: steps.assessedAt,
          assessedBy: DSO,
        },
      }),
      ...(steps.reportedAt && { imyReport: { reportedAt: steps.reportedAt, reference: "IMY-1", by: DSO } }),
      ...(steps.actionPlan && { actionPlanRequestedAt: steps.assessedAt ?? x.createdAt }),
      ...(steps.closedAt && { closedAt: steps.closedAt }),
    }),
    { actor: DSO, type: "test.progress" },
  );
  return result!.after;
}
