import { randomUUID } from "node:crypto";
import type { Case } from "../../src/cases/case.js";
import { imyDeadline } from "../../src/cases/deadline.js";
import type { NewCase } from "../../src/store/case-repository.js";
import { TEST_TENANT } from "./teams-client.js";

/** A complete, valid new case (a wrong-recipient e-mail with ordinary data); override what the test is about. */
export function aCase(overrides: Partial<NewCase> = {}): NewCase {
  const discoveredAt = overrides.discoveredAt ?? "2026-11-20T09:00:00.000Z";
  return {
    id: randomUUID(),
    orgId: TEST_TENANT,
    type: "incident",
    category: "wrong_recipient_email",
    unitId: "socialforvaltningen",
    protectionLevel: "none",
    occurredFrom: "2026-11-20T08:30:00.000Z",
    occurredApproximate: false,
    discoveredAt,
    deadlineAt: imyDeadline(new Date(discoveredAt)).toISOString(),
    ongoing: false,
    discoveredBy: "internal",
    breachTypes: ["confidentiality"],
    dataCategories: ["identity", "contact_details"],
    subjectGroups: ["residents_clients"],
    approxSubjects: 1,
    approxRecords: 1,
    encrypted: "no",
    seenByUnauthorised: "unknown",
    processorInvolved: "no",
    cause: "human_error",
    description: "Ett mejl med en utredning skickades till fel mottagare med liknande namn.",
    measuresTaken: ["asked_recipient_to_delete"],
    otherReports: [],
    preliminary: {
      severity: "medium",
      reasons: ["confidentiality_breach"],
      notifyImyLikely: true,
      informSubjectsLikely: false,
    },
    status: "reported",
    reporter: { aadObjectId: randomUUID(), name: "Rapportör Test" },
    manager: { name: "Chef Test" },
    contactConsent: true,
    additions: [],
    ...overrides,
  } satisfies Omit<Case, "kind" | "number" | "createdAt" | "updatedAt">;
}
