import type { Locale } from "../cards/locale.js";
import type { Case } from "../cases/case.js";
import type { DigestJobs } from "../store/digest-jobs.js";
import { isoWeekOf } from "../time/iso-week.js";
import type { CalendarEntry } from "./calendar.js";
import { composeDigest, type Digest } from "./compose.js";
import type { Manager, SendCheckStats, TopQuestion } from "./ports.js";
import { weekWindow } from "./week.js";

/** How many "may I send?" questions the digest shows. */
export const TOP_QUESTIONS = 5;

export interface DigestSources {
  cases: { list(orgId: string, where: { unitId: string }): Promise<Case[]> };
  jobs: DigestJobs;
  stats: SendCheckStats;
  calendar: readonly CalendarEntry[];
  unitName: (unitId: string, locale: Locale) => string;
  timeZone: string;
}

/**
 * Reads what one organisation's digests are made of, once per unit and once
 * per organisation, and composes each manager's digest from it. Made for one
 * pass over many managers (a run, or a dry run); data is read on first use.
 */
export class DigestMaterial {
  private readonly byUnit = new Map<string, Promise<Case[]>>();
  private snoozes?: Promise<Map<string, Set<string>>>;
  private questions?: Promise<TopQuestion[]>;

  constructor(
    private readonly sources: DigestSources,
    readonly orgId: string,
    private readonly now: Date,
  ) {}

  async digestFor(
    manager: Pick<Manager, "aadObjectId" | "name" | "unitIds">,
    locale: Locale,
  ): Promise<Digest> {
    const { sources, orgId, now } = this;
    const perUnit = await Promise.all(manager.unitIds.map((unitId) => this.casesOf(unitId)));
    this.snoozes ??= sources.jobs.snoozes(orgId);
    // The questions of the week before the digest's week: "last week" for the reader.
    this.questions ??= sources.stats.topQuestions(
      orgId,
      isoWeekOf(weekWindow(now, sources.timeZone, 1).start, sources.timeZone),
      TOP_QUESTIONS,
    );
    const [snoozes, questions] = await Promise.all([this.snoozes, this.questions]);
    return composeDigest({
      manager,
      locale,
      cases: perUnit.flat(),
      calendar: sources.calendar,
      topQuestions: questions,
      snoozedCaseIds: snoozes.get(manager.aadObjectId) ?? new Set(),
      now,
      timeZone: sources.timeZone,
      unitName: (unitId) => sources.unitName(unitId, locale),
    });
  }

  private casesOf(unitId: string): Promise<Case[]> {
    let found = this.byUnit.get(unitId);
    if (!found) {
      found = this.sources.cases.list(this.orgId, { unitId });
      this.byUnit.set(unitId, found);
    }
    return found;
  }
}
