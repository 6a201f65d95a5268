import { describe, expect, it } from "vitest";
import { type AssessmentFacts, assess } from "../../src/cases/assessment.js";
import { lostAndRestored as lost, ordinaryEmail as ordinary } from "../support/assessment-facts.js";

describe("the preliminary assessment (ENISA 2013 with EDPB 9/2022 and 01/2021)", () => {
  it("calls a staff contact list deleted and restored from backup low: neither IMY nor the people (IMY's own example)", () => {
    const result = assess({ ...lost, subjectGroups: ["employees"] });
    expect(result).toMatchObject({ severity: "low", notifyImyLikely: false, informSubjectsLikely: false });
    expect(result.notifyReasons).toEqual(["notify.unlikelyLow", "notify.document"]);
  });

  it("calls revealed patient records high: notify IMY and inform the people (IMY's own example)", () => {
    const result = assess({
      ...ordinary,
      dataCategories: ["identity", "health"],
      subjectGroups: ["patients"],
    });
    expect(result.severity).toBe("high");
    expect(result).toMatchObject({ notifyImyLikely: true, informSubjectsLikely: true });
    expect(result.informReasons).toEqual(["inform.highRisk"]);
  });

  it("shows the method's score, and the score is what the formula gives", () => {
    const { score, severity } = assess({ ...ordinary, dataCategories: ["identity", "financial"] });
    expect(score).toEqual({ dpc: 2, ei: 1, likelihood: 1, cb: 0.25, se: 2.25 });
    expect(severity).toBe("medium");
  });

  it("a protected address that may reach someone: always the highest level, with what to do now first", () => {
    const result = assess({
      ...ordinary,
      category: "protected_identity_revealed",
      protectionLevel: "skyddad_folkbokforing",
      safetyRisk: "unknown",
    });
    expect(result.severity).toBe("very_high");
    expect(result.reasons.slice(0, 4)).toEqual([
      "act.contactSafely",
      "act.securityFunction",
      "act.police",
      "act.skatteverket",
    ]);
    expect(result.severityReasons).toContain("unknown.safety");
    expect(result.informReasons).toEqual(["inform.safeChannel"]);
    expect(result.consequences).toContain("consequence.physicalHarm");
  });

  it("staff home addresses given to a client who has threatened them: the highest level, told to warn the staff", () => {
    const result = assess({
      ...ordinary,
      category: "other",
      subjectGroups: ["employees"],
      safetyRisk: "yes",
      intent: "accidental",
    });
    expect(result).toMatchObject({
      severity: "very_high",
      notifyImyLikely: true,
      informSubjectsLikely: true,
    });
    expect(result.actNow).toContain("act.staff");
  });

  it("ransomware on a file server with case files is never low: an attacker's access counts as copying until the logs say otherwise", () => {
    const result = assess({
      ...lost,
      category: "malware_or_hacking",
      cause: "attack",
      dataCategories: ["identity", "social_services"],
      approxSubjects: 800,
      seenByUnauthorised: "unknown",
      recipient: undefined,
      restoration: "unknown",
      serviceImpact: "unknown",
    });
    expect(result).toMatchObject({
      severity: "very_high",
      notifyImyLikely: true,
      informSubjectsLikely: true,
    });
    expect(result.severityReasons).toEqual(
      expect.arrayContaining(["unknown.attackAccess", "severity.malicious", "unknown.restoration"]),
    );
    expect(result.actNow).toContain("act.itAndPolice");
  });

  it("lowers for encryption with the key safe, and says the people need not be told because of it (art. 34(3)(a))", () => {
    const sensitive = { ...ordinary, dataCategories: ["identity" as const, "health" as const] };
    const result = assess({ ...sensitive, encrypted: "yes", encryptionKeySafe: "yes" });
    expect(result).toMatchObject({
      severity: "low",
      notifyImyLikely: false,
      informSubjectsLikely: false,
      informExemption: "encrypted",
    });
    expect(result.notifyReasons![0]).toBe("notify.unlikelyUnreadable");
    const keyUnknown = assess({ ...sensitive, encrypted: "yes" });
    expect(keyUnknown.severity).toBe("high");
    expect(keyUnknown.severityReasons).toContain("unknown.key");
  });

  it("lowers for a recipient bound by secrecy who confirmed deletion, but not for a private person who did", () => {
    const secret = {
      ...ordinary,
      dataCategories: ["identity" as const, "social_services" as const],
      revealing: "much" as const,
    };
    const authority = assess({ ...secret, recipient: "bound_by_secrecy", deletionConfirmed: "yes" });
    expect(authority).toMatchObject({
      severity: "low",
      notifyImyLikely: false,
      informExemption: "subsequent_measures",
    });
    const waiting = assess({ ...secret, recipient: "bound_by_secrecy", deletionConfirmed: "unknown" });
    expect(waiting.notifyImyLikely).toBe(true);
    expect(waiting.actNow).toContain("act.askDeletion");
    // domain.md §2: a DPA fined a company that relied on a wrong recipient's word that it had deleted the data.
    const privatePerson = assess({ ...secret, deletionConfirmed: "yes" });
    expect(privatePerson).toMatchObject({ notifyImyLikely: true, informSubjectsLikely: true });
  });

  it("lowers for data that was already public", () => {
    expect(assess({ ...ordinary, alreadyPublic: "yes", approxSubjects: 5000 }).severity).toBe("low");
  });

  it("raises for malicious intent: the same disclosure done on purpose weighs more", () => {
    const accidental = assess({ ...ordinary, category: "unauthorised_access", intent: "accidental" });
    const deliberate = assess({ ...ordinary, category: "unauthorised_access", intent: "deliberate" });
    expect(deliberate.score!.se).toBeGreaterThan(accidental.score!.se);
    expect(deliberate.severityReasons).toContain("severity.malicious");
  });

  it("judges availability alone on how long and how critical, not on sensitive data nobody saw or on many people", () => {
    const restored = assess({ ...lost, dataCategories: ["identity", "health"], approxSubjects: 50_000 });
    expect(restored).toMatchObject({ severity: "low", notifyImyLikely: false });
    expect(restored.severityReasons).not.toContain("severity.dataSensitive");
    expect(restored.severityReasons).not.toContain("severity.veryManyPeople");
    const delays = assess({
      ...lost,
      restoration: "restored_with_loss",
      outage: "days",
      serviceImpact: "delays",
    });
    expect(delays).toMatchObject({ severity: "medium", notifyImyLikely: true, informSubjectsLikely: false });
    const care = assess({ ...lost, outage: "days", serviceImpact: "serious" });
    expect(care).toMatchObject({ severity: "very_high", informSubjectsLikely: true });
    expect(care.consequences).toEqual(["consequence.delayedCare"]);
  });

  it("counts many people only where each can be identified and reached", () => {
    const many = assess({
      ...ordinary,
      dataCategories: ["identity", "personal_identity_number"],
      approxSubjects: 20_000,
    });
    expect(many.severityReasons).toContain("severity.veryManyPeople");
    expect(many.informReasons).toContain("inform.publicNoticePossible");
    const pseudonyms = assess({ ...ordinary, identifiable: "hardly", approxSubjects: 20_000 });
    expect(pseudonyms.severityReasons).not.toContain("severity.veryManyPeople");
  });

  it("takes the stricter reading of every unknown fact and says so", () => {
    const bare: AssessmentFacts = {
      type: "incident",
      category: "other",
      protectionLevel: "unknown",
      dataCategories: ["other"],
      subjectGroups: ["other"],
      approxSubjects: 1,
      breachTypes: ["confidentiality", "availability"],
      encrypted: "unknown",
      seenByUnauthorised: "unknown",
      ongoing: false,
    };
    const result = assess(bare);
    expect(result.notifyImyLikely).toBe(true);
    expect(result.severity).toBe("very_high");
    expect(result.severityReasons).toEqual(
      expect.arrayContaining([
        "protection_unknown",
        "unknown.intent",
        "unknown.recipient",
        "unknown.revealing",
        "unknown.restoration",
        "unknown.serviceImpact",
        "unknown.identifiable",
      ]),
    );
    expect(result.actNow).toContain("act.checkProtection");
  });

  it.each([
    "sekretessmarkering",
    "skyddad_folkbokforing",
    "fingerade_personuppgifter",
    "osl_21_3",
    "unknown",
  ] as const)(
    "a near miss with protection level %s is high, has no score and is not notified",
    (protectionLevel) => {
      const result = assess({ ...ordinary, type: "near_miss", protectionLevel, breachTypes: [] });
      expect(result).toMatchObject({ severity: "high", notifyImyLikely: false, informSubjectsLikely: false });
      expect(result.score).toBeUndefined();
      expect(result.reasons).toContain("near_miss");
    },
  );

  it("an ordinary near miss is low, with no clock and nothing for IMY", () => {
    const result = assess({ ...ordinary, type: "near_miss", breachTypes: [] });
    expect(result).toMatchObject({ severity: "low", notifyImyLikely: false });
    expect(result.notifyReasons).toEqual(["notify.nearMiss"]);
  });

  it("keeps the flat reason list in the cards' order: act now, severity, notify, inform", () => {
    const r = assess({ ...ordinary, ongoing: true });
    expect(r.reasons).toEqual([
      ...r.actNow!,
      ...r.severityReasons!,
      ...r.notifyReasons!,
      ...r.informReasons!,
    ]);
    expect(r.actNow![0]).toBe("act.stopOngoing");
  });
});
