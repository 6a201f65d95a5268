import { z } from "zod";
import { listEntryNamer, readJsonFile } from "../json-file.js";

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

export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

const CalendarFileSchema = z.object({
  activities: z.array(CalendarEntrySchema).superRefine((entries, ctx) =>
    entries.forEach((entry, index) => {
      if (entries.findIndex((e) => e.id === entry.id) !== index)
        ctx.addIssue({ code: "custom", path: [index], message: "the id is used twice" });
    }),
  ),
});

/** "activity 3 (id): field" for a problem inside an entry, so the municipality finds the line to fix. */
const entryName = listEntryNamer("activities", "activity", "id");

/** Reads and validates the calendar; a bad entry stops the start with the file, the entry and the problem named. */
export function loadTrainingCalendar(file: string): CalendarEntry[] {
  return readJsonFile(file, CalendarFileSchema, entryName).activities;
}
