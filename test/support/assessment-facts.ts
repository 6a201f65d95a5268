import type { AssessmentFacts } from "../../src/cases/assessment.js";

/** A wrong-recipient e-mail with ordinary data to one known private person; override what the test is about. */
export const ordinaryEmail: AssessmentFacts = {
  type: "incident",
  category: "wrong_recipient_email",
  protectionLevel: "none",
  dataCategories: ["identity", "contact_details"],
  subjectGroups: ["residents_clients"],
  approxSubjects: 1,
  breachTypes: ["confidentiality"],
  encrypted: "no",
  seenByUnauthorised: "yes",
  ongoing: false,
  cause: "human_error",
  recipient: "known_private",
  recipientCount: "one",
  deletionConfirmed: "unknown",
  safetyRisk: "no",
  revealing: "some",
  identifiable: "directly",
};

/** Data deleted by mistake and restored within hours; override the restoration and its effects. */
export const lostAndRestored: AssessmentFacts = {
  ...ordinaryEmail,
  category: "data_lost",
  breachTypes: ["availability"],
  seenByUnauthorised: "no",
  recipient: "none",
  restoration: "restored_no_loss",
  outage: "hours",
  serviceImpact: "none",
};
