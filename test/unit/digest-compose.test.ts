import { describe, expect, it } from "vitest";
import type { Case } from "../../src/cases/case.js";
import type { CalendarEntry } from "../../src/digest/calendar.js";
import { composeDigest, type DigestInput, digestText } from "../../src/digest/compose.js";
import { aCase } from "../support/builders.js";

const NOW = new Date("2026-11-25T10:00:00.000Z"); // Wednesday, week 48
const TZ = "Europe/Stockholm";
const day = 24 * 3600_000;
const ago = (days: number) => new Date(NOW.getTime() - days * day).toISOString();

let seq = 0;
function stored(overrides: Partial<Case> & { createdAt: string }): Case {
  seq++;
  return {
    ...aCase({ discoveredAt: overrides.createdAt, ...overrides }),
    kind: "case",
    number: `PUI-2026-${String(seq).padStart(4, "0")}`,
    updatedAt: overrides.createdAt,
    ...overrides,
  } as Case;
}

const calendar: CalendarEntry[] = [
  { id: "e-learning", month: 11, sv: "Webbutbildning", en: "E-learning", url: "https://example.org/kurs" },
  { id: "risk", month: 12, sv: "Riskanalys", en: "Risk analysis" },
  {
    id: "school-only",
    month: 11,
    sv: "Skolrutin",
    en: "School routine",
    unitIds: ["utbildningsforvaltningen"],
  },
  { id: "spring", month: 3, sv: "Vårrutin", en: "Spring routine" },
];

function input(cases: Case[], overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    manager: { name: "Cecilia", unitIds: ["socialforvaltningen"] },
    locale: "sv",
    cases,
    calendar,
    topQuestions: [],
    snoozedCaseIds: new Set(),
    now: NOW,
    timeZone: TZ,
    unitName: (id) => (id === "socialforvaltningen" ? "Socialförvaltningen" : id),
    ...overrides,
  };
}

describe("composing a manager's weekly digest", () => {
  it("a manager with no cases is told nothing is open, and still gets the numbers and the calendar", () => {
    const d = composeDigest(input([]));
    expect(d.items).toEqual([]);
    expect(d.openCount).toBe(0);
    expect(d.lastWeek).toEqual({ incidents: 0, nearMisses: 0 });
    expect(d.trend.counts).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(d.calendar.thisMonth.name).toBe("november");
    expect(d.calendar.thisMonth.activities).toEqual([
      { title: "Webbutbildning", url: "https://example.org/kurs" },
    ]);
    expect(d.calendar.nextMonth.activities).toEqual([{ title: "Riskanalys" }]);
    expect(d.questions).toEqual([]);
  });

  it("overdue cases come first, then what waits for the manager, then the rest, oldest first", () => {
    const fresh = stored({ createdAt: ago(1), deadlineAt: new Date(NOW.getTime() + 2 * day).toISOString() });
    const older = stored({ createdAt: ago(2), deadlineAt: new Date(NOW.getTime() + day).toISOString() });
    const question = stored({
      createdAt: ago(3),
      deadlineAt: ago(0.5),
      dsoAssessment: {
        notifyImy: false,
        informSubjects: false,
        assessedAt: ago(2),
        assessedBy: { name: "D" },
      },
      additions: [{ at: ago(1), by: { name: "D" }, kind: "dso_question", text: "Vilka fick mejlet?" }],
    });
    const lateDeadline = stored({ createdAt: ago(6), deadlineAt: ago(3) });
    const latePlan = stored({
      createdAt: ago(30),
      status: "action_plan",
      deadlineAt: ago(27),
      dsoAssessment: {
        notifyImy: true,
        informSubjects: false,
        assessedAt: ago(28),
        assessedBy: { name: "D" },
      },
      actionPlanRequestedAt: ago(20),
    });
    const closed = stored({ createdAt: ago(4), status: "closed", deadlineAt: ago(1) });
    const d = composeDigest(input([fresh, older, question, lateDeadline, latePlan, closed]));

    expect(d.items.map((i) => i.caseId)).toEqual([
      latePlan.id,
      lateDeadline.id,
      question.id,
      older.id,
      fresh.id,
    ]);
    expect(d.openCount).toBe(5);
    expect(d.overdueCount).toBe(2);
    expect(d.waitingCount).toBe(2);
    expect(d.items[0]!.flag).toBe(
      "Försenat: åtgärdsplanen begärdes för mer än två veckor sedan · Väntar på dig: en åtgärdsplan",
    );
    expect(d.items[0]!.canWriteActionPlan).toBe(true);
    expect(d.items[1]!.flag).toContain("72-timmarsfristen har passerat");
    expect(d.items[2]!.flag).toBe("Väntar på svar: en fråga från dataskyddsombudet");
    expect(d.items[4]!.detail).toBe("Socialförvaltningen · 1 dag · Rapporterad");
  });

  it("a question the reporter has answered no longer waits", () => {
    const answered = stored({
      createdAt: ago(3),
      additions: [
        { at: ago(2), by: { name: "D" }, kind: "dso_question", text: "?" },
        { at: ago(1), by: { name: "R" }, kind: "answer_to_dso", text: "!" },
      ],
    });
    expect(composeDigest(input([answered])).waitingCount).toBe(0);
  });

  it("a snoozed case leaves the list and is counted; more than ten are counted, not listed", () => {
    const many = Array.from({ length: 13 }, (_, i) => stored({ createdAt: ago(1 + i / 10) }));
    const d = composeDigest(input(many, { snoozedCaseIds: new Set([many[0]!.id]) }));
    expect(d.items).toHaveLength(10);
    expect(d.items.map((i) => i.caseId)).not.toContain(many[0]!.id);
    expect(d.snoozedCount).toBe(1);
    expect(d.moreCount).toBe(2);
    expect(d.openCount).toBe(13);
  });

  it("counts last week's incidents and near misses in Stockholm time, with an 8-week trend", () => {
    const cases = [
      stored({ createdAt: "2026-11-16T00:30:00.000Z" }), // Monday 01:30 local: last week
      stored({ createdAt: "2026-11-15T22:30:00.000Z", type: "near_miss" }), // Sunday 23:30 local: the week before
      stored({ createdAt: "2026-11-22T22:59:00.000Z", type: "near_miss" }), // Sunday 23:59 local: last week
      stored({ createdAt: "2026-11-23T00:00:00.000Z" }), // this week: not counted
      stored({ createdAt: "2026-09-30T10:00:00.000Z" }), // eight weeks back (week 40)
    ];
    const d = composeDigest(input(cases));
    expect(d.lastWeek).toEqual({ incidents: 1, nearMisses: 1 });
    expect(d.trend.counts).toEqual([1, 0, 0, 0, 0, 0, 1, 2]);
    expect(d.trend.sparkline).toBe("▅▁▁▁▁▁▅█");
  });

  it("the weeks around the end of daylight saving are counted from local midnight to local midnight", () => {
    // Daylight saving ends on Sunday 25 October 2026; the week of 19–25 October is 169 hours long.
    const now = new Date("2026-10-28T10:00:00.000Z");
    const cases = [
      stored({ createdAt: "2026-10-18T22:00:00.000Z" }), // Monday 19 Oct 00:00 CEST: in
      stored({ createdAt: "2026-10-25T22:59:00.000Z" }), // Sunday 25 Oct 23:59 CET: in
      stored({ createdAt: "2026-10-25T23:00:00.000Z" }), // Monday 26 Oct 00:00 CET: this week
      stored({ createdAt: "2026-10-18T21:59:00.000Z" }), // Sunday 18 Oct 23:59 CEST: the week before
    ];
    expect(composeDigest(input(cases, { now })).lastWeek.incidents).toBe(2);
    // And spring: daylight saving starts on Sunday 29 March 2026 (a 167-hour week).
    const spring = new Date("2026-04-01T10:00:00.000Z");
    const springCases = [
      stored({ createdAt: "2026-03-22T23:00:00.000Z" }), // Monday 23 Mar 00:00 CET: in
      stored({ createdAt: "2026-03-29T21:59:00.000Z" }), // Sunday 29 Mar 23:59 CEST: in
      stored({ createdAt: "2026-03-29T22:00:00.000Z" }), // Monday 30 Mar 00:00 CEST: this week
    ];
    expect(composeDigest(input(springCases, { now: spring })).lastWeek.incidents).toBe(2);
  });

  it("the calendar shows this month and next for the manager's units, and December rolls over to January", () => {
    const school = composeDigest(
      input([], { manager: { name: "Rektor", unitIds: ["utbildningsforvaltningen"] }, locale: "en" }),
    );
    expect(school.calendar.thisMonth).toEqual({
      name: "November",
      activities: [{ title: "E-learning", url: "https://example.org/kurs" }, { title: "School routine" }],
    });
    const december = composeDigest(input([], { now: new Date("2026-12-07T08:00:00.000Z") }));
    expect(december.calendar.nextMonth.name).toBe("januari");
    expect(december.calendar.nextMonth.activities).toEqual([]);
  });

  it("shows the week's most common send questions when there are counters, and says so in text for a dry run", () => {
    const d = composeDigest(
      input([], {
        topQuestions: [
          { information: "Journal", recipient: "Förälder", channel: "E-post", verdict: "no", count: 7 },
        ],
      }),
    );
    expect(d.questions).toEqual([{ text: "Journal till Förälder via E-post: nej", count: 7 }]);
    const text = digestText(d);
    expect(text).toContain("Veckobrev om dataskydd, vecka 48 — Cecilia (Socialförvaltningen)");
    expect(text).toContain("Vanligaste frågorna om att skicka förra veckan:");
    expect(text).toContain("  - Journal till Förälder via E-post: nej (7)");
    expect(text).toContain("I november:\n  - Webbutbildning <https://example.org/kurs>");
  });
});
