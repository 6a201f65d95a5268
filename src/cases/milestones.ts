import type { Case } from "./case.js";

/** The business milestones that operations follow (telemetry custom events): codes only, no content. */
export type Milestone = "case.created" | "case.escalated" | "case.notified" | "case.closed";

/** Which milestones a change to a case reached (creation has no `before`). */
export function milestonesOf(before: Case | undefined, after: Case): Milestone[] {
  const reached: Milestone[] = [];
  if (!before) reached.push("case.created");
  if (!before?.channelPost && after.channelPost) reached.push("case.escalated");
  if (before?.status !== "reported_to_imy" && after.status === "reported_to_imy")
    reached.push("case.notified");
  if (before?.status !== "closed" && after.status === "closed") reached.push("case.closed");
  return reached;
}
