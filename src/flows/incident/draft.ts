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
/** `quick` is the one card of a report filed now; the steps and the summary are "Fyll i allt nu". */
export type Position = StepId | "summary" | "quick";

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
    /** Absent when the person chose "vet inte". */
    approxSubjects?: number;
    approxRecords?: number;
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

/**
 * Answers suggested before the person has answered: read from what they
 * wrote, passed on by "May I send this?", or typed on the quick card before
 * they chose *Fyll i allt nu*. The cards show them pre-filled. The
 * description has passed the privacy guard.
 */
export interface Suggestions {
  category?: Category;
  /** Categories that fit equally well when none could be chosen. */
  candidates?: Category[];
  type?: CaseType;
  protectionLevel?: ProtectionLevel;
  dataCategories?: DataCategory[];
  subjectGroups?: SubjectGroup[];
  occurredAt?: string;
  occurredApproximate?: boolean;
  discoveredAt?: string;
  /** A time of discovery was given (not only a day). */
  discoveredTimeKnown?: boolean;
  description?: string;
  unitId?: string;
  /** Protected identity or a threat to someone's safety: urgent advice was given first. */
  urgent?: boolean;
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
  /** Where a cancelled draft stood, so *Ångra* returns there (a cancelled draft is kept 24 hours). */
  cancelledFrom?: Position;
  /** The person has seen the summary: answering a step returns there. */
  reviewing: boolean;
  answers: Partial<Answers>;
  suggested: Suggestions;
  /** The category whose do-this-now advice the person has been given, so it is not repeated. */
  adviceGiven?: Category;
  caseNumber?: string;
  createdAt: string;
  updatedAt: string;
}
