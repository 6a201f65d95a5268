import { addDays, subMinutes } from "date-fns";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { LOCAL_TIME_ZONE } from "../../cards/local-time.js";
import type { Words } from "./words.js";

/**
 * When something happened, read from everyday words in Swedish or English
 * ("igår kväll", "i fredags", "för en timme sedan", "this morning"), in
 * Stockholm time from `now`. The reading is approximate unless the person
 * wrote a time of day; a part of the day becomes a typical hour of it.
 */
export interface WhenReading {
  at: Date;
  /** A clock time was written ("kl. 14.30"), or the moment was counted back from now. */
  exact: boolean;
}

const PART_OF_DAY: { phrases: string[]; hour: number }[] = [
  { phrases: ["=natt", "=inatt", "=night", "=natten"], hour: 2 },
  { phrases: ["=morse", "=imorse", "=morgon", "=morgonen", "=morning"], hour: 8 },
  { phrases: ["förmiddag", "=förmiddags", "=förmiddagen"], hour: 10 },
  { phrases: ["=lunch", "=lunchen", "=lunchtid", "=noon", "=lunchtime"], hour: 12 },
  { phrases: ["eftermiddag", "=afternoon"], hour: 14 },
  { phrases: ["=kväll", "=kvälls", "=kvällen", "=ikväll", "=evening", "=tonight"], hour: 19 },
];

const WEEKDAYS: string[][] = [
  ["=söndags", "=söndag", "=sunday"],
  ["=måndags", "=måndag", "=monday"],
  ["=tisdags", "=tisdag", "=tuesday"],
  ["=onsdags", "=onsdag", "=wednesday"],
  ["=torsdags", "=torsdag", "=thursday"],
  ["=fredags", "=fredag", "=friday"],
  ["=lördags", "=lördag", "=saturday"],
];

const NUMBERS: Record<string, number> = {
  en: 1,
  ett: 1,
  one: 1,
  an: 1,
  a: 1,
  två: 2,
  two: 2,
  tre: 3,
  three: 3,
  fyra: 4,
  four: 4,
  fem: 5,
  five: 5,
  sex: 6,
  six: 6,
  sju: 7,
  seven: 7,
  åtta: 8,
  eight: 8,
  nio: 9,
  nine: 9,
  tio: 10,
  ten: 10,
  tjugo: 20,
  twenty: 20,
  trettio: 30,
  thirty: 30,
  femton: 15,
  fifteen: 15,
  några: 3,
  couple: 2,
  few: 3,
};

const UNIT_MINUTES: { stems: string[]; minutes: number }[] = [
  { stems: ["=minut", "=minuter", "=minute", "=minutes", "=min"], minutes: 1 },
  { stems: ["=halvtimme", "=halvtimma"], minutes: 30 },
  { stems: ["=timme", "=timmar", "=timma", "=hour", "=hours", "=tim"], minutes: 60 },
  { stems: ["=dag", "=dagar", "=day", "=days", "=dygn"], minutes: 24 * 60 },
];

const local = (now: Date, pattern: string) => formatInTimeZone(now, LOCAL_TIME_ZONE, pattern);

function atLocal(day: string, hour: number, minute = 0): Date {
  const hh = String(hour).padStart(2, "0");
  const mm = String(minute).padStart(2, "0");
  return fromZonedTime(`${day}T${hh}:${mm}:00`, LOCAL_TIME_ZONE);
}

/** The Stockholm calendar day `days` before now, as yyyy-MM-dd. */
function dayBefore(now: Date, days: number): string {
  const today = local(now, "yyyy-MM-dd");
  return formatInTimeZone(
    addDays(fromZonedTime(`${today}T12:00:00`, LOCAL_TIME_ZONE), -days),
    LOCAL_TIME_ZONE,
    "yyyy-MM-dd",
  );
}

/** "för en timme sedan", "2 hours ago", "för tio minuter sedan", "nyss". */
function countedBack(w: Words, now: Date): WhenReading | undefined {
  if (w.has("=nyss", "=precis nu", "=alldeles nyss", "=just now", "=a moment ago"))
    return { at: now, exact: true };
  for (let i = 0; i < w.words.length; i++) {
    const word = w.words[i]!;
    const n = /^\d+$/.test(word) ? Number(word) : NUMBERS[word];
    const offset = word === "halvtimme" || word === "halvtimma" ? 0 : 1;
    const unitWord = offset === 0 ? word : w.words[i + 1];
    if ((n === undefined && offset === 1) || unitWord === undefined) continue;
    const unit = UNIT_MINUTES.find((u) => u.stems.some((s) => s.slice(1) === unitWord));
    if (!unit) continue;
    const after = w.words.slice(i + offset + 1, i + offset + 3);
    const before = w.words[i - 1];
    const ago = after.includes("sedan") || after.includes("sen") || after.includes("ago") || before === "för";
    if (!ago) continue;
    const minutes = (offset === 0 ? 1 : n!) * unit.minutes;
    if (minutes > 60 * 24 * 31) return undefined;
    return { at: subMinutes(now, minutes), exact: unit.minutes < 24 * 60 };
  }
  return undefined;
}

/** A written clock time: "kl 14", "kl. 14.30", "14:30", "at 2 pm" is left alone (too easy to misread). */
function clockTime(w: Words): { hour: number; minute: number } | undefined {
  for (let i = 0; i < w.words.length; i++) {
    const word = w.words[i]!;
    const prefixed = ["kl", "klockan", "at", "=ca", "runt", "vid"].includes(w.words[i - 1] ?? "");
    const m =
      /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(word) ?? (prefixed ? /^([01]?\d|2[0-3])$/.exec(word) : null);
    if (m) return { hour: Number(m[1]), minute: Number(m[2] ?? 0) };
  }
  return undefined;
}

/** Which day: today, yesterday, the day before, a weekday just past. Undefined when no day is named. */
function dayOf(w: Words, now: Date): string | undefined {
  if (w.has("=förrgår", "=i =förrgår", "=day =before =yesterday")) return dayBefore(now, 2);
  if (w.has("=igår", "=i =går", "=yesterday", "=igårkväll", "=last =night")) return dayBefore(now, 1);
  if (
    w.has(
      "=idag",
      "=i =dag",
      "=today",
      "=morse",
      "=imorse",
      "=this =morning",
      "=förmiddags",
      "=eftermiddags",
    ) ||
    w.has("=ikväll", "=i =kväll", "=inatt", "=i =natt", "=tonight", "=this =afternoon", "=this =evening")
  )
    return dayBefore(now, 0);
  const today = Number(local(now, "i")) % 7; // ISO Monday 1 … Sunday 7, so Sunday becomes 0
  for (let d = 0; d < 7; d++) {
    if (!w.has(...WEEKDAYS[d]!)) continue;
    // "i fredags" said on a Friday is a week ago; otherwise the weekday just past.
    return dayBefore(now, (today - d + 7) % 7 || 7);
  }
  return undefined;
}

export function readWhen(w: Words, now: Date): WhenReading | undefined {
  const counted = countedBack(w, now);
  if (counted) return counted;
  const day = dayOf(w, now);
  if (!day) return undefined;
  const clock = clockTime(w);
  if (clock) {
    const at = atLocal(day, clock.hour, clock.minute);
    return at <= now ? { at, exact: true } : undefined;
  }
  if (w.has("=last =night")) return { at: atLocal(day, 21), exact: false };
  const hour = PART_OF_DAY.find((p) => w.has(...p.phrases))?.hour ?? 0;
  return { at: notAfter(atLocal(day, hour), now), exact: false };
}

/** A typical hour later today than now ("i kväll" said at noon) is read as now. */
function notAfter(at: Date, now: Date): Date {
  return at > now ? now : at;
}
