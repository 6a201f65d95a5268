import { plainText } from "../cards/plain-text.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import type { CaseView, Digest } from "./compose.js";

/** The digest as an Adaptive Card (cards/digest/digest.json). */
export function digestCard(d: Digest): CardJson {
  const { locale } = d;
  const months = [d.calendar.thisMonth, d.calendar.nextMonth]
    .filter((m) => m.activities.length > 0)
    .map((m) => ({
      heading: t(locale, "digest.calendarIn", { month: m.name }),
      activities: m.activities.map((a) => ({ title: a.title, url: a.url ?? "" })),
    }));
  return render(
    "digest/digest",
    {
      title: t(locale, "digest.title", { week: d.weekLabel }),
      greeting: t(locale, "digest.greeting", { name: plainText(d.managerName), units: d.unitNames }),
      summary: t(locale, "digest.summary", {
        open: d.openCount,
        overdue: d.overdueCount,
        waiting: d.waitingCount,
      }),
      items: d.items,
      more: d.moreCount ? t(locale, "digest.more", { count: d.moreCount }) : "",
      snoozed: d.snoozedCount ? t(locale, "digest.snoozedCount", { count: d.snoozedCount }) : "",
      lastWeek: t(locale, "digest.lastWeek", d.lastWeek),
      sparkline: d.trend.sparkline,
      trendCounts: d.trend.counts.join(" "),
      months,
      questions: d.questions,
    },
    locale,
  );
}

/** A case opened from the digest (cards/digest/case.json). */
export function caseCard(view: CaseView, locale: Digest["locale"]): CardJson {
  return render("digest/case", { ...view }, locale);
}
