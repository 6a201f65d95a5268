import { z } from "zod";
import type { Locale } from "../cards/locale.js";
import { listEntryNamer, readJsonFile } from "../json-file.js";
import { luhnValid } from "../privacy/personal-number.js";
import type { Units } from "./units.js";

/**
 * Who the IMY notification names (ORGANISATION_FILE, default cards/org/organisation.json): per organisation
 * (a Teams tenant, or "*" for every one without its own entry) the municipality and its organisation number,
 * the boards (nämnder) that are controllers with the units each is responsible for, and the DSO's contact.
 * In a municipality each board is its own controller; the unit is where it happened, not who answers for it.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const Localized = z.object({ sv: text(200), en: text(200) });

/** NNNNNN-NNNN with a valid check digit; the third digit is 2 or more, so it is never a personal identity number. */
const OrganisationNumber = z
  .string()
  .regex(/^\d{6}-\d{4}$/, "write it as NNNNNN-NNNN, e.g. 212000-0142")
  .refine((n) => Number(n[2]) >= 2 && luhnValid(n.replace("-", "")), "not a valid organisation number");

const ControllerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lower-case letters, digits and - only"),
  /** The board (nämnd) or company that is the controller. */
  name: Localized,
  /** The units (UNITS_FILE ids) whose incidents this board answers for. */
  units: z.array(z.string().min(1).max(64)).min(1),
});

const OrganisationSchema = z.object({
  orgId: z.string().regex(/^(\*|[A-Za-z0-9_-]{1,64})$/, 'a tenant id, the DEFAULT_ORG_ID, or "*"'),
  name: Localized,
  organisationNumber: OrganisationNumber,
  dso: z.object({
    name: text(200),
    email: z.email("must be an e-mail address"),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,30}$/, "digits, spaces, +, - and () only")
      .optional(),
  }),
  controllers: z.array(ControllerSchema).min(1),
});

type OrganisationEntry = z.infer<typeof OrganisationSchema>;

function fileSchema(units: Units) {
  return z.object({
    organisations: z
      .array(OrganisationSchema)
      .min(1)
      .superRefine((orgs, ctx) => {
        orgs.forEach((org, i) => {
          if (orgs.findIndex((o) => o.orgId === org.orgId) !== i)
            ctx.addIssue({ code: "custom", path: [i, "orgId"], message: "the orgId is used twice" });
          const owner = new Map<string, string>();
          for (const [j, c] of org.controllers.entries())
            for (const [k, unit] of c.units.entries()) {
              const path = [i, "controllers", j, "units", k];
              if (!units.has(unit))
                ctx.addIssue({ code: "custom", path, message: `"${unit}" is not a unit in UNITS_FILE` });
              else if (owner.has(unit))
                ctx.addIssue({
                  code: "custom",
                  path,
                  message: `"${unit}" already belongs to ${owner.get(unit)}`,
                });
              owner.set(unit, c.id);
            }
          for (const unit of units.all)
            if (!owner.has(unit.id))
              ctx.addIssue({
                code: "custom",
                path: [i, "controllers"],
                message: `unit "${unit.id}" has no controller: list it under one board's units`,
              });
        });
      }),
  });
}

/** "organisation 3 (orgId): field" for a problem inside an entry, so the municipality finds the line to fix. */
const entryName = listEntryNamer("organisations", "organisation", "orgId");

/** The controller of a case: the board, the municipality and its organisation number. */
export interface ControllerInfo {
  board: string;
  municipality: string;
  organisationNumber: string;
}

export interface DsoContact {
  name: string;
  email: string;
  phone?: string;
}

export class Organisations {
  constructor(private readonly entries: readonly OrganisationEntry[]) {}

  private entry(orgId: string): OrganisationEntry | undefined {
    return this.entries.find((e) => e.orgId === orgId) ?? this.entries.find((e) => e.orgId === "*");
  }

  /** Undefined when the organisation has no entry: the notification then says the controller is not yet known. */
  controllerFor(orgId: string, unitId: string, locale: Locale): ControllerInfo | undefined {
    const org = this.entry(orgId);
    const board = org?.controllers.find((c) => c.units.includes(unitId));
    if (!org || !board) return undefined;
    return {
      board: board.name[locale],
      municipality: org.name[locale],
      organisationNumber: org.organisationNumber,
    };
  }

  dso(orgId: string): DsoContact | undefined {
    return this.entry(orgId)?.dso;
  }
}

/** Reads and validates the file against the units; a bad entry stops the start with the file and the entry named. */
export function loadOrganisations(file: string, units: Units): Organisations {
  return new Organisations(readJsonFile(file, fileSchema(units), entryName).organisations);
}
