import type {
  BreachType,
  CaseType,
  Category,
  DataCategory,
  ProtectionLevel,
  Severity,
  SubjectGroup,
} from "./case.js";

/**
 * The preliminary assessment as data (domain.md §1, §2 and EDPB 9/2022 risk
 * factors). A rule applies when all its conditions hold; the severity is the
 * highest `atLeast` among the rules that apply, and each applying rule gives
 * its reason (a code under cards/strings/<locale>/assessment.json).
 */
export interface AssessmentRule {
  reason: string;
  atLeast: Severity;
  when: {
    type?: CaseType;
    categoryAny?: Category[];
    protectionAny?: ProtectionLevel[];
    dataAny?: DataCategory[];
    subjectsAny?: SubjectGroup[];
    minSubjects?: number;
    breachAny?: BreachType[];
    /** Only these breach types (e.g. availability alone). */
    breachOnly?: BreachType[];
    encrypted?: "yes" | "no" | "unknown";
    seenByUnauthorised?: "yes" | "no" | "unknown";
    ongoing?: boolean;
  };
}

export const ASSESSMENT_RULES: readonly AssessmentRule[] = [
  {
    reason: "protected_data",
    atLeast: "high",
    when: {
      protectionAny: ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter", "osl_21_3"],
    },
  },
  // A revealed protected address or identity is high whatever level was chosen (case.ts).
  { reason: "protected_data", atLeast: "high", when: { categoryAny: ["protected_identity_revealed"] } },
  { reason: "protection_unknown", atLeast: "high", when: { protectionAny: ["unknown"] } },
  {
    reason: "sensitive_data",
    atLeast: "high",
    when: {
      type: "incident",
      dataAny: [
        "sensitive_art9",
        "health",
        "social_services",
        "pupil_welfare",
        "secrecy_osl",
        "crime_related",
      ],
    },
  },
  { reason: "many_subjects", atLeast: "high", when: { type: "incident", minSubjects: 100 } },
  {
    reason: "personal_identity_numbers",
    atLeast: "medium",
    when: { type: "incident", dataAny: ["personal_identity_number"] },
  },
  { reason: "children", atLeast: "medium", when: { type: "incident", subjectsAny: ["children", "pupils"] } },
  {
    reason: "confidentiality_breach",
    atLeast: "medium",
    when: { type: "incident", breachAny: ["confidentiality"] },
  },
  {
    reason: "not_encrypted",
    atLeast: "medium",
    when: { type: "incident", breachAny: ["confidentiality"], encrypted: "no" },
  },
  {
    reason: "seen_by_unauthorised",
    atLeast: "medium",
    when: { type: "incident", seenByUnauthorised: "yes" },
  },
  { reason: "integrity", atLeast: "medium", when: { type: "incident", breachAny: ["integrity"] } },
  { reason: "ongoing", atLeast: "medium", when: { type: "incident", ongoing: true } },
  { reason: "availability_only", atLeast: "low", when: { type: "incident", breachOnly: ["availability"] } },
  { reason: "encrypted", atLeast: "low", when: { encrypted: "yes" } },
  { reason: "near_miss", atLeast: "low", when: { type: "near_miss" } },
];

/** Said when no other rule applies. */
export const ORDINARY_REASON = "ordinary_data";
