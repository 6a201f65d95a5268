import { z } from "zod";
import type { Locale } from "../cards/locale.js";
import { readJsonFile } from "../json-file.js";

export const UnitSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lower-case letters, digits and - only"),
  sv: z.string().min(1).max(120),
  en: z.string().min(1).max(120),
});

const UnitsFileSchema = z.object({
  units: z
    .array(UnitSchema)
    .min(1)
    .refine((units) => new Set(units.map((u) => u.id)).size === units.length, "unit ids must be unique"),
});

export type Unit = z.infer<typeof UnitSchema>;

/** The organisation's units (förvaltningar/nämnder); a municipality edits data, not code. */
export class Units {
  private readonly byId: Map<string, Unit>;

  constructor(readonly all: readonly Unit[]) {
    this.byId = new Map(all.map((u) => [u.id, u]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  name(id: string, locale: Locale): string {
    return this.byId.get(id)?.[locale] ?? id;
  }
}

/** Reads and validates a units file; the error names the file and the first problem. */
export function loadUnits(file: string): Units {
  return new Units(readJsonFile(file, UnitsFileSchema).units);
}
