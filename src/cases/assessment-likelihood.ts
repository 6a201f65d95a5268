import type { AssessmentFacts, Reading } from "./assessment-facts.js";
import type { Recipient } from "./case.js";

/**
 * Loss of confidentiality in the method (src/cases/assessment-score.ts): ENISA's circumstance CB, which grows
 * with the scope of the disclosure (how many got it, and who), and L, our reading of the likelihood that
 * EDPB 9/2022 weighs beside the severity: how likely it is that the disclosed data is used against the people.
 *
 * L is 0.25 where the data cannot reach anyone (unreadable, nobody saw it, or it stayed with a few recipients
 * bound by secrecy who all deleted it: EDPB 01/2021 cases 1, 9, 10). Otherwise it starts at 1, and each
 * circumstance that makes harm less likely takes a quarter off (never below 0.25):
 * - a single or a few recipients bound by secrecy, whose deletion is awaited: one quarter (less likely to use
 *   or spread it, but still holding it; and the notification stays, see `restsOnWord`);
 * - the data was only seen for moments and nothing was kept: two quarters, one if someone is known to have
 *   looked; visible for hours, then removed, and nobody known to have seen it: one quarter;
 * - a recipient who does not know the people and has no reason to misuse the data, where the content is
 *   limited (not a whole file, health in detail, abuse or crime): one quarter, two if they returned or deleted it.
 * Nothing lowers a deliberate disclosure, a risk to someone's safety, or the duty of confidentiality when
 * the recipients are many (or how many is not known) or the data holds personal identity numbers in bulk.
 */

export type Lowering =
  | "unreadable"
  | "notSeen"
  | "contained"
  | "bound"
  | "brief"
  | "removedSoon"
  | "noLink"
  | "returned";

export interface Confidentiality {
  likelihood: number;
  cb: number;
  lowerings: Lowering[];
  /**
   * What lowered L rests on a recipient's word or on a confirmation still awaited. It may lower the risk to
   * the people, but not below a notification (domain.md §2: a wrong recipient's deletion does not end it).
   */
  restsOnWord: boolean;
}

/** The data cannot reach anyone: nothing left for the people to fear. */
export const CONTAINING: ReadonlySet<Lowering> = new Set(["unreadable", "notSeen", "contained"]);

const BOUND: ReadonlySet<Recipient> = new Set(["colleague", "bound_by_secrecy"]);
const KNOWN: ReadonlySet<Recipient> = new Set(["colleague", "bound_by_secrecy", "known_private"]);
const WIDE: ReadonlySet<Recipient> = new Set(["many_or_public", "attacker", "unknown"]);

const QUARTER = 0.25;

function fixed(likelihood: number, cb: number, lowering?: Lowering): Confidentiality {
  return { likelihood, cb, lowerings: lowering ? [lowering] : [], restsOnWord: false };
}

export function confidentiality(
  f: AssessmentFacts,
  r: Reading,
  reasons: string[],
  mitigate: boolean,
): Confidentiality {
  if (!r.breach.has("confidentiality")) return fixed(1, 0);
  if (mitigate && r.unreadable) {
    reasons.push("severity.unreadable");
    return fixed(QUARTER, 0, "unreadable");
  }
  if (mitigate && r.notSeen) {
    reasons.push("severity.notSeen");
    return fixed(QUARTER, 0, "notSeen");
  }
  // Already public: the disclosure adds nothing (ENISA lowers the context instead).
  if (r.alreadyPublic) return fixed(1, 0);
  const bound = BOUND.has(r.recipient) && !r.deliberate;
  const many = r.recipientCount === "many";
  // A duty of confidentiality counts for a known few, never for a mass mailing or a list of identity numbers.
  const trusted = bound && !many && !r.identityNumbersInBulk && r.safetyRisk !== "yes";
  // Everyone who got it confirmed deletion, so the reporter knows who they were.
  if (mitigate && trusted && r.deletionConfirmed) {
    reasons.push("severity.contained");
    return fixed(QUARTER, 0, "contained");
  }
  reasons.push("confidentiality_breach");
  // ENISA: 0.25 when disclosed to a known few; 0.5 to many, an unknown number, or where it is (to be) misused.
  const countUnknown = r.recipientCount === "unknown";
  const wide = r.deliberate || f.ongoing || many || countUnknown || WIDE.has(r.recipient);
  if (f.ongoing) reasons.push("ongoing");
  else if (r.deliberate || WIDE.has(r.recipient)) reasons.push("severity.disclosedWide");
  else if (many) reasons.push("severity.manyRecipients");
  else if (countUnknown) reasons.push("unknown.recipientCount");
  const cb = wide ? 0.5 : QUARTER;
  if (!mitigate || r.deliberate || r.safetyRisk === "yes") return fixed(1, cb);

  const lowerings: Lowering[] = [];
  let quarters = 0;
  let restsOnWord = false;
  if (bound) {
    if (trusted && r.recipientCount !== "unknown") {
      reasons.push("severity.boundRecipient");
      lowerings.push("bound");
      quarters += 1;
      restsOnWord = true;
    } else if (r.identityNumbersInBulk) reasons.push("severity.boundIdentityNumbers");
    else if (many) reasons.push("severity.boundButMany");
  }
  if (r.exposure === "brief") {
    reasons.push(r.seen === "yes" ? "severity.briefSeen" : "severity.brief");
    lowerings.push("brief");
    quarters += r.seen === "yes" ? 1 : 2;
  } else if (r.exposure === "hours" && r.seen !== "yes") {
    reasons.push("severity.removedSoon");
    lowerings.push("removedSoon");
    quarters += 1;
  }
  if (KNOWN.has(r.recipient) && r.revealing !== "much") {
    if (r.recipientLink === "no") {
      reasons.push(r.deletionConfirmed ? "severity.noLinkReturned" : "severity.noLink");
      lowerings.push(r.deletionConfirmed ? "returned" : "noLink");
      quarters += r.deletionConfirmed ? 2 : 1;
      restsOnWord = true;
    } else if (r.recipientLink === "unknown") reasons.push("unknown.recipientLink");
  }
  return { likelihood: Math.max(QUARTER, 1 - QUARTER * quarters), cb, lowerings, restsOnWord };
}
