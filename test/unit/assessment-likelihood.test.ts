import { describe, expect, it } from "vitest";
import { type AssessmentFacts, assess } from "../../src/cases/assessment.js";
import { lostAndRestored, ordinaryEmail } from "../support/assessment-facts.js";

/** A client's decision (secret social services data, single details) e-mailed to one private person. */
const decision: AssessmentFacts = {
  ...ordinaryEmail,
  dataCategories: ["identity", "social_services"],
  exposure: "copy",
  recipientLink: "unknown",
};

/** A care system that was down for hours, with delays, and came back without loss. */
const outage: AssessmentFacts = {
  ...lostAndRestored,
  dataCategories: ["identity", "health"],
  approxSubjects: 240,
  cause: "technical_fault",
  serviceImpact: "delays",
};

const decisions = (f: AssessmentFacts) => {
  const r = assess(f);
  return { severity: r.severity, notify: r.notifyImyLikely, inform: r.informSubjectsLikely };
};

describe("availability: what the people depend on the data for", () => {
  it("hours without the medication lists, with delays, are notified; the same hours of ordinary data are not", () => {
    expect(decisions({ ...outage, dependence: "vital" })).toEqual({
      severity: "medium",
      notify: true,
      inform: false,
    });
    expect(assess({ ...outage, dependence: "vital" }).severityReasons).toContain(
      "severity.availabilityVitalDelays",
    );
    expect(decisions({ ...outage, dependence: "ordinary" })).toMatchObject({
      severity: "low",
      notify: false,
    });
  });

  it("reads an unknown dependence as vital and says so, but no effect on anyone stays low", () => {
    const unknown = assess(outage);
    expect(unknown.notifyImyLikely).toBe(true);
    expect(unknown.severityReasons).toContain("unknown.dependence");
    expect(decisions({ ...outage, serviceImpact: "none" })).toMatchObject({ severity: "low", notify: false });
  });
});

describe("integrity: an error nobody noticed", () => {
  const altered: AssessmentFacts = { ...outage, category: "data_altered", breachTypes: ["integrity"] };

  it("wrong data that safety depends on is a risk while in use, even when the logs show no harm", () => {
    expect(decisions({ ...altered, serviceImpact: "none", dependence: "vital" })).toEqual({
      severity: "medium",
      notify: true,
      inform: false,
    });
    expect(decisions({ ...altered, serviceImpact: "none", dependence: "ordinary" })).toMatchObject({
      severity: "low",
      notify: false,
    });
  });

  it("is judged on what the wrong data did, not on how sensitive it is, and harm is told to the people", () => {
    const harm = assess({ ...altered, serviceImpact: "serious", dependence: "vital" });
    expect(harm.informSubjectsLikely).toBe(true);
    expect(harm.severityReasons).toContain("severity.integrityHarm");
    expect(harm.severityReasons).not.toContain("severity.dataSensitive");
  });
});

describe("disclosure within the organisation: colleagues' confidentiality counts for a known few only", () => {
  const salaries: AssessmentFacts = {
    ...decision,
    dataCategories: ["identity", "personal_identity_number", "financial"],
    subjectGroups: ["employees"],
    approxSubjects: 46,
    recipient: "colleague",
    deletionConfirmed: "no",
  };

  it("a salary list with identity numbers sent to 85 colleagues is notified, however bound they are", () => {
    const mass = assess({ ...salaries, recipientCount: "many" });
    expect(mass.notifyImyLikely).toBe(true);
    expect(mass.severityReasons).toEqual(
      expect.arrayContaining(["severity.boundIdentityNumbers", "severity.manyRecipients"]),
    );
    expect(mass.score!.likelihood).toBe(1);
  });

  it("an unknown number of recipients reads as many: not lowered by confidentiality, and a wider disclosure", () => {
    const unknown = assess({ ...decision, recipient: "colleague", recipientCount: "unknown" });
    expect(unknown.severityReasons).toContain("unknown.recipientCount");
    expect(unknown.score).toMatchObject({ likelihood: 1, cb: 0.5 });
    expect(assess({ ...decision, recipientCount: undefined }).score!.cb).toBe(0.5);
    expect(assess(decision).score!.cb).toBe(0.25);
  });

  it("many colleagues without identity numbers are not lowered either", () => {
    const many = assess({ ...decision, recipient: "colleague", recipientCount: "many" });
    expect(many.severityReasons).toContain("severity.boundButMany");
    expect(many.score).toMatchObject({ likelihood: 1, cb: 0.5 });
  });

  it("a few colleagues awaiting deletion lower the risk but keep the notification; all confirmed, it is contained", () => {
    const financial = { ...decision, dataCategories: ["identity" as const, "financial" as const] };
    const awaiting = assess({ ...financial, recipient: "colleague", recipientCount: "few" });
    expect(awaiting).toMatchObject({
      severity: "medium",
      notifyImyLikely: true,
      informSubjectsLikely: false,
    });
    expect(awaiting.severityReasons).toEqual(
      expect.arrayContaining(["severity.wordKeepsNotification", "severity.boundRecipient"]),
    );
    expect(awaiting.score!.likelihood).toBe(0.75);
    const confirmed = assess({
      ...financial,
      recipient: "colleague",
      recipientCount: "few",
      deletionConfirmed: "yes",
    });
    expect(confirmed).toMatchObject({ severity: "low", notifyImyLikely: false });
    expect(confirmed.notifyReasons![0]).toBe("notify.unlikelyContained");
    // Every confirmation named them: with the count not given, that is still contained.
    expect(
      assess({ ...decision, recipient: "colleague", recipientCount: undefined, deletionConfirmed: "yes" })
        .notifyImyLikely,
    ).toBe(false);
  });
});

describe("one wrong outside recipient: what the content can do and who holds it", () => {
  it("a single fact to someone who does not know the person is notified, not told", () => {
    const stranger = assess({ ...decision, recipientLink: "no" });
    expect(stranger).toMatchObject({
      severity: "medium",
      notifyImyLikely: true,
      informSubjectsLikely: false,
    });
    expect(stranger.severityReasons).toContain("severity.noLink");
    // Not knowing whether they know the person reads as if they do.
    const unknown = assess(decision);
    expect(unknown.informSubjectsLikely).toBe(true);
    expect(unknown.severityReasons).toContain("unknown.recipientLink");
  });

  it("returned by a stranger: the people need not be told (art. 34(3)(b)), but IMY still is", () => {
    const returned = assess({ ...decision, recipientLink: "no", deletionConfirmed: "yes" });
    expect(returned).toMatchObject({
      severity: "medium",
      notifyImyLikely: true,
      informSubjectsLikely: false,
      informExemption: "subsequent_measures",
    });
    expect(returned.severityReasons).toContain("severity.wordKeepsNotification");
  });

  it("a whole investigation is high risk whoever read it, returned or not", () => {
    const investigation = assess({
      ...decision,
      revealing: "much",
      subjectGroups: ["children", "residents_clients"],
      recipientLink: "no",
      deletionConfirmed: "yes",
    });
    expect(investigation).toMatchObject({ notifyImyLikely: true, informSubjectsLikely: true });
    expect(investigation.severityReasons).not.toContain("severity.noLinkReturned");
  });

  it("nothing lowers a disclosure done on purpose", () => {
    const snooping = assess({ ...decision, intent: "deliberate", recipientLink: "no", exposure: "brief" });
    expect(snooping.score!.likelihood).toBe(1);
    expect(snooping.informSubjectsLikely).toBe(true);
  });
});

describe("exposure: how long, and whether anyone saw or kept it (EDPB 9/2022: likelihood)", () => {
  const screen: AssessmentFacts = {
    ...decision,
    category: "other",
    dataCategories: ["identity", "financial", "social_services"],
    approxSubjects: 40,
    seenByUnauthorised: "unknown",
    recipient: "bound_by_secrecy",
    recipientCount: "many",
    deletionConfirmed: undefined,
    exposure: "brief",
  };

  it("a client list shown for seconds in a meeting is notified at most; the same list in a shared recording is high", () => {
    expect(decisions(screen)).toEqual({ severity: "medium", notify: true, inform: false });
    expect(decisions({ ...screen, exposure: "copy" })).toMatchObject({ notify: true, inform: true });
    expect(assess({ ...screen, exposure: undefined }).severityReasons).toContain("unknown.exposure");
  });

  it("lowers less when someone is known to have looked, and an ordinary list glimpsed by few is not notified", () => {
    expect(assess({ ...screen, seenByUnauthorised: "yes" }).score!.likelihood).toBe(0.75);
    const ordinary = assess({ ...screen, dataCategories: ["identity"], recipientCount: "few" });
    expect(ordinary).toMatchObject({ severity: "low", notifyImyLikely: false });
    expect(ordinary.notifyReasons![0]).toBe("notify.unlikelyBrief");
  });

  it("never lowers a protected address that may have reached the person they are protected from", () => {
    const glimpse = assess({
      ...screen,
      category: "protected_identity_revealed",
      protectionLevel: "skyddad_folkbokforing",
      safetyRisk: "yes",
    });
    expect(glimpse).toMatchObject({ severity: "very_high", informSubjectsLikely: true });
    expect(glimpse.score!.likelihood).toBe(1);
  });
});

describe("children weigh more where the data is about their health, welfare or family", () => {
  const child = { subjectGroups: ["pupils" as const, "children" as const] };

  it("raises pupil welfare and health, not grades, absence or a fee invoice", () => {
    expect(
      assess({ ...decision, ...child, dataCategories: ["identity", "pupil_welfare"] }).severityReasons,
    ).toContain("children");
    const absence = assess({ ...decision, ...child, dataCategories: ["identity", "evaluative"] });
    expect(absence).toMatchObject({ severity: "medium", informSubjectsLikely: false });
    const fee = assess({
      ...decision,
      ...child,
      dataCategories: ["identity", "contact_details", "financial"],
    });
    expect(fee).toMatchObject({ severity: "medium", informSubjectsLikely: false });
    expect(fee.severityReasons).toContain("severity.dataFinancial");
  });
});
