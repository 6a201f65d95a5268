import type { CaseActor, CaseStatus } from "./case.js";

/** One entry of a case's append-only audit trail: who did what, when, and which fields changed (names, not values). */
export interface CaseEvent {
  id: string;
  caseId: string;
  orgId: string;
  at: string;
  actor: CaseActor;
  type: string;
  from?: CaseStatus;
  to?: CaseStatus;
  fields: string[];
}

/** Top-level fields whose value differs between two versions of a case. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const ignored = new Set(["updatedAt", "_etag", "_rid", "_self", "_ts", "_attachments"]);
  return [...names]
    .filter((k) => !ignored.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}
