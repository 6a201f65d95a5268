import type { Answers, Verdict } from "../flows/sendcheck/answers.js";
import { counted, emptyWeek, isoWeek, type Tally, type WeeklyCounters } from "../flows/sendcheck/counters.js";
import { ConcurrencyError } from "./errors.js";
import type { Repository } from "./repository.js";

/** One document per organisation and ISO week, incremented with the etag loop so concurrent checks all count. */
export class SendCheckCounters {
  constructor(private readonly repo: Repository<WeeklyCounters>) {}

  async count(orgId: string, now: Date, answers: Answers, verdict: Verdict, tally: Tally): Promise<void> {
    const week = isoWeek(now);
    const change = (current: WeeklyCounters) => counted(current, answers, verdict, tally);
    if (await this.repo.update(orgId, week, change)) return;
    await this.repo.createIfAbsent(emptyWeek(orgId, week));
    if (!(await this.repo.update(orgId, week, change))) throw new ConcurrencyError(week);
  }

  get(orgId: string, week: string): Promise<WeeklyCounters | undefined> {
    return this.repo.get(orgId, week);
  }
}
