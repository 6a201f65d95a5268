import type {
  BreachType,
  CaseType,
  Category,
  DataCategory,
  ProtectionLevel,
  SubjectGroup,
} from "../../cases/case.js";

/** The steps of the report, in the order they are asked; `late` only when discovery was over 72 hours ago. */
export const STEPS = ["what", "when", "late", "data", "who", "done"] as const;
export type StepId = (typeof STEPS)[number];
export type Position = StepId | "summary";

type YesNoUnknown = "yes" | "no" | "unknown";

export interface Answers {
  what: { type: CaseType; category: Category; protectionLevel: ProtectionLevel };
  when: {
    occurredAt: string;
    occurredApproximate: boolean;
    discoveredAt: string;
    discoveredBy: "internal" | "external";
    ongoing: boolean;
  };
  late: { lateReason: string };
  data: {
    dataCategories: DataCategory[];
    subjectGroups: SubjectGroup[];
    approxSubjects: number;
    approxRecords: number;
    breachTypes: BreachType[];
    encrypted: YesNoUnknown;
    seenByUnauthorised: YesNoUnknown;
  };
  who: {
    unitId: string;
    managerName: string;
    cause: "working_method" | "technical_fault" | "human_error" | "attack" | "unknown";
    processorInvolved: YesNoUnknown;
  };
  done: {
    measuresTaken: string[];
    otherReports: ("police" | "lex_sarah_ivo" | "sakerhetspolisen")[];
    description: string;
    contactConsent: boolean;
  };
}

/** Answers suggested before the person has answered (from a recognised phrase or "May I send this?"). */
export interface Suggestions {
  category?: Category;
  protectionLevel?: ProtectionLevel;
  dataCategories?: DataCategory[];
}

/**
 * A report in progress, one per person, kept in Cosmos so it survives a
 * restart. Free text in it has passed the privacy guard.
 */
export interface IncidentDraft {
  kind: "incident-draft";
  /** Also the id of the case it becomes, so a second submit finds the first case. */
  id: string;
  orgId: string;
  ownerAad: string;
  status: "open" | "submitted" | "cancelled";
  position: Position;
  /** The person has seen the summary: answering a step returns there. */
  reviewing: boolean;
  answers: Partial<Answers>;
  suggested: Suggestions;
  caseNumber?: string;
  createdAt: string;
  updatedAt: string;
}
