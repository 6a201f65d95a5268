import fs from "node:fs";
import { z } from "zod";

/**
 * The training calendar (årshjul): yearly activities a manager is responsible
 * for, by month. A municipality edits the JSON file, not code.
 */
export const CalendarEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lower-case letters, digits and - only"),
  /** 1 = January … 12 = December. */
  month: z.number().int().min(1).max(12),
  sv: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
  /** A link to the course or the routine, when there is one. */
  url: z.url({ protocol: /^https$/ }).optional(),
  /** Only these units; all units when left out. */
  unitIds: z.array(z.string().min(1).max(64)).min(1).optional(),
});

const CalendarFileSchema = z.object({
  activities: z.array(z.unknown()),
});

export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

/** Reads and validates the calendar; a bad entry stops the start with the file, the entry and the problem named. */
export function loadTrainingCalendar(file: string): CalendarEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: cannot be read as JSON (${(err as Error).message})`);
  }
  const parsed = CalendarFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: expected { "activities": [ ... ] }`);
  const entries: CalendarEntry[] = [];
  parsed.data.activities.forEach((candidate, index) => {
    const entry = CalendarEntrySchema.safeParse(candidate);
    const name =
      candidate && typeof candidate === "object" && "id" in candidate ? ` (${String(candidate.id)})` : "";
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      throw new Error(
        `${file}: activity ${index + 1}${name}: ${issue.path.join(".") || "entry"}: ${issue.message}`,
      );
    }
    if (entries.some((e) => e.id === entry.data.id))
      throw new Error(`${file}: activity ${index + 1}${name}: the id is used twice`);
    entries.push(entry.data);
  });
  return entries;
}
