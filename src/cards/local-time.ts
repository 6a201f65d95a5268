import { enGB, sv } from "date-fns/locale";
import { formatInTimeZone } from "date-fns-tz";
import type { Locale } from "./locale.js";

/** Staff are in Sweden: times are shown in Europe/Stockholm, whatever the server's zone. */
export const LOCAL_TIME_ZONE = "Europe/Stockholm";

const PATTERNS: Record<Locale, { dateTime: string; date: string }> = {
  sv: { dateTime: "EEEE d MMMM yyyy 'kl.' HH:mm", date: "d MMMM yyyy" },
  en: { dateTime: "EEEE d MMMM yyyy, HH:mm", date: "d MMMM yyyy" },
};

/** "fredag 27 november 2026 kl. 09:00" / "Friday 27 November 2026, 09:00". */
export function localDateTime(iso: string | Date, locale: Locale): string {
  return formatInTimeZone(iso, LOCAL_TIME_ZONE, PATTERNS[locale].dateTime, {
    locale: locale === "sv" ? sv : enGB,
  });
}

export function localDate(iso: string | Date, locale: Locale): string {
  return formatInTimeZone(iso, LOCAL_TIME_ZONE, PATTERNS[locale].date, {
    locale: locale === "sv" ? sv : enGB,
  });
}

/** The parts a date and a time input show: "2026-11-20" and "14:30". */
export function localInputParts(iso: string | Date): { date: string; time: string } {
  return {
    date: formatInTimeZone(iso, LOCAL_TIME_ZONE, "yyyy-MM-dd"),
    time: formatInTimeZone(iso, LOCAL_TIME_ZONE, "HH:mm"),
  };
}
