import { describe, expect, it } from "vitest";
import { assess } from "../../src/cases/assessment.js";
import type { Case } from "../../src/cases/case.js";
import { type ExportContext, imyExport, imyExportText } from "../../src/escalation/imy-export.js";
import { aCase } from "../support/builders.js";
import { expectInOrder } from "../support/cards.js";

const dso = { aadObjectId: "dso-1", name: "Dora Dataskydd" };

/** A case with every fact the notification asks for, decided, notified and with the people told. */
function filled(extra: Partial<Case> = {}): Case {
  const base = aCase({
    category: "wrong_recipient_email",
    protectionLevel: "none",
    occurredFrom: "2026-11-20T07:00:00.000Z",
    occurredTo: "2026-11-20T07:30:00.000Z",
    discoveredAt: "2026-11-20T09:00:00.000Z",
    deadlineAt: "2026-11-23T09:00:00.000Z",
    discoveredBy: "external",
    dataCategories: ["identity", "social_services"],
    subjectGroups: ["residents_clients"],
    approxSubjects: 2,
    approxRecords: 4,
    seenByUnauthorised: "yes",
    processorInvolved: "yes",
    recipient: "known_private",
    recipientCount: "one",
    deletionConfirmed: "no",
    safetyRisk: "no",
    revealing: "much",
    identifiable: "directly",
  });
  return {
    ...base,
    preliminary: assess(base),
    kind: "case",
    number: "PUI-2026-0042",
    createdAt: base.discoveredAt,
    updatedAt: base.discoveredAt,
    status: "reported_to_imy",
    assignee: dso,
    becameAwareAt: "2026-11-20T10:00:00.000Z",
    endedAt: "2026-11-20T07:30:00.000Z",
    ongoing: false,
    discoveryMethod: "recipient_told_us",
    systems: "Treserva, Outlook",
    processorName: "Exempel Drift AB",
    consequences: "Mottagaren känner familjen.",
    dsoAssessment: {
      notifyImy: true,
      notifyImyReason: "Sekretessbelagda uppgifter nådde en privatperson.",
      informSubjects: true,
      assessedAt: "2026-11-20T11:00:00.000Z",
      assessedBy: dso,
    },
    imyReport: { reportedAt: "2026-11-20T15:00:00.000Z", reference: "DI-2026-123", by: dso },
    subjectsInformed: { at: "2026-11-20T14:00:00.000Z", method: "letter", by: dso },
    ...extra,
  };
}

const context: ExportContext = {
  unitName: "Socialförvaltningen",
  controller: {
    board: "Socialnämnden",
    municipality: "Exempelstads kommun",
    organisationNumber: "212000-9903",
  },
  dso: { name: "Kommunens dataskyddsombud", email: "dso@exempelstad.se", phone: "010-000 00 00" },
  locale: "sv",
  now: new Date("2026-11-21T08:00:00Z"),
};

const textOf = (c: Case, ctx: ExportContext = context) =>
  imyExportText("Underlag", imyExport(c, ctx)).replace(/\n+/g, "\n");

describe("the IMY notification text", () => {
  it("holds every item art. 33(3) and IMY ask for, in the order of IMY's form", () => {
    const { imyReport: _first, ...notYetReported } = filled();
    const text = textOf({ ...notYetReported, status: "assessed" });
    const items = [
      "Första anmälan (art. 33).",
      "Personuppgiftsansvarig: Socialnämnden, Exempelstads kommun (organisationsnummer 212000-9903).",
      "Internt diarienummer: PUI-2026-0042.",
      "Dataskyddsombud: Kommunens dataskyddsombud, dso@exempelstad.se, 010-000 00 00.",
      "Inträffade: 2026-11-20 08:00 – 2026-11-20 08:30.",
      "Upptäcktes: 2026-11-20 10:00.",
      "Organisationen fick kännedom om att det är en personuppgiftsincident: 2026-11-20 11:00.",
      "Incidenten upphörde: 2026-11-20 08:30.",
      "Upptäcktes av någon utanför organisationen.",
      "Så upptäcktes den: mottagaren hörde av sig.",
      "Beskrivning: Ett mejl med en utredning",
      "mänskligt misstag",
      "Verksamhet: Socialförvaltningen. System som berörs: Treserva, Outlook.",
      "Personuppgiftsbiträde inblandat: ja – Exempel Drift AB.",
      "Grupper: invånare eller klienter. Ungefärligt antal: 2.",
      "Kategorier: identitetsuppgifter, socialtjänstuppgifter. Ungefärligt antal poster: 4.",
      "Vem fick eller kunde se uppgifterna: en känd privatperson eller ett företag. Mottagaren har bekräftat radering: nej.",
      "Sannolika konsekvenser för de berörda: Att privata förhållanden",
      "Dataskyddsombudets bedömning av konsekvenserna: Mottagaren känner familjen.",
      "Bedömd allvarlighet: Mycket hög (ENISA 4,25).",
      "Vidtagna åtgärder:",
      "13. Information till de berörda",
      "De berörda informeras.",
      "De berörda informerades 2026-11-20 15:00 (brev).",
      "Anmälan görs inom 72 timmar från upptäckten.",
      "Preliminär bedömning: Mycket hög (ENISA 4,25) (DPC 4 × EI 1 × L 1 + CB 0,25 = 4,25).",
      "Anmäl till IMY inom 72 timmar",
      "Beslut: incidenten anmäls till IMY.",
      "Motivering: Sekretessbelagda uppgifter nådde en privatperson.",
      "16. Andra anmälningar",
    ];
    expectInOrder(text, items);
    expect(text).not.toContain("ännu inte känt");
  });

  it("is a supplement to the first notification once IMY has it, with its reference and the earlier supplements", () => {
    const text = textOf(
      filled({
        imySupplements: [{ at: "2026-11-21T07:00:00.000Z", by: dso, summary: "Antal berörda rättat till 2" }],
      }),
    );
    expect(text).toContain(
      "Komplettering (art. 33.4) av anmälan med IMY:s referens DI-2026-123, lämnad 2026-11-20 16:00.",
    );
    expect(text).toContain("Tidigare komplettering 2026-11-21 08:00: Antal berörda rättat till 2.");
    expect(text).not.toContain("Första anmälan");
    expect(text).toContain("Anmäld till IMY 2026-11-20 16:00, referens DI-2026-123.");
  });

  it("says 'not yet known' for what the case does not hold yet, rather than leaving it out", () => {
    const {
      becameAwareAt: _a,
      endedAt: _e,
      discoveryMethod: _d,
      systems: _s,
      processorName: _p,
      consequences: _c,
      recipient: _r,
      subjectsInformed: _i,
      ...bare
    } = filled();
    const text = textOf(
      { ...bare, occurredTo: undefined, preliminary: { ...bare.preliminary, consequences: undefined } },
      { ...context, controller: undefined, dso: undefined },
    );
    for (const line of [
      "Personuppgiftsansvarig: ännu inte känt",
      "Dataskyddsombud: ännu inte känt",
      "Organisationen fick kännedom om att det är en personuppgiftsincident: ännu inte känt.",
      "Incidenten upphörde: ännu inte känt.",
      "Så upptäcktes den: ännu inte känt.",
      "System som berörs: ännu inte känt.",
      "Personuppgiftsbiträde inblandat: ja – ännu inte känt.",
      "Vem fick eller kunde se uppgifterna: ännu inte känt.",
      "Sannolika konsekvenser för de berörda: ännu inte känt.",
      "De berörda har ännu inte informerats.",
    ])
      expect(text).toContain(line);
  });

  it("gives the reason and the art. 34(3) exemption when the people are not told, and the reason for a late notification", () => {
    const text = textOf(
      filled({
        dsoAssessment: {
          notifyImy: true,
          informSubjects: false,
          informSubjectsReason: "Uppgifterna var krypterade.",
          informExemption: "encrypted",
          assessedAt: "2026-11-20T11:00:00.000Z",
          assessedBy: dso,
        },
        subjectsInformed: undefined,
        lateReason: "Rapporten kom in efter en helg.",
        imyReport: { reportedAt: "2026-11-24T12:00:00.000Z", reference: "DI-2026-124", by: dso },
      }),
    );
    expect(text).toContain("De berörda informeras inte. Skäl: Uppgifterna var krypterade.");
    expect(text).toContain(
      "Undantag enligt art. 34.3 a: uppgifterna var krypterade eller på annat sätt oläsbara.",
    );
    expect(text).toContain("Anmälan görs efter 72 timmar. Skäl: Rapporten kom in efter en helg.");
  });

  it("reads the same in English", () => {
    const text = textOf(filled(), { ...context, locale: "en" });
    expect(text).toContain(
      "Controller: Socialnämnden, Exempelstads kommun (organisation number 212000-9903).",
    );
    expect(text).toContain(
      "The organisation became aware that it is a personal data breach: 2026-11-20 11:00.",
    );
    expect(text).toContain("Likely consequences for the people:");
  });
});
