import { z } from "zod";
import { type Verb, verb } from "../bot/feature.js";
import type { TurnInfo } from "../bot/turn-info.js";
import type { Locale } from "../cards/locale.js";
import { plainText } from "../cards/plain-text.js";
import { render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import { type Case, DISCOVERY_METHODS, INFORM_METHODS } from "../cases/case.js";
import { type ActionKind, type LifecycleAction, offeredActions } from "../cases/lifecycle.js";
import type { Organisations } from "../org/organisation.js";
import type { Units } from "../org/units.js";
import type { Stored } from "../store/repository.js";
import {
  CaseRef,
  cardDate,
  cardTime,
  caseId,
  localInstant,
  optionalDate,
  optionalInstant,
  optionalText,
  optionalTime,
} from "./card-inputs.js";
import { cardNow, choicesOf } from "./case-card.js";
import type { ExportLinks } from "./export-links.js";
import { type ExportContext, imyExport } from "./imy-export.js";

/** Runs a lifecycle action for a DSO from the case card (src/escalation/feature.ts). */
export type DsoAction = <S extends z.ZodType<{ caseId: string; v: string }>>(
  schema: S,
  toAction: (input: z.infer<S>, turn: TurnInfo, current: Stored<Case>) => LifecycleAction,
  doneText: (turn: TurnInfo, after: Case) => string,
) => Verb<S>;

export interface NotificationVerbDeps {
  dsoAction: DsoAction;
  existingCase(turn: TurnInfo, caseId: string): Promise<Stored<Case>>;
  units: Units;
  organisations: Organisations;
  links: ExportLinks;
}

/** Who the notification names for this case: the board over its unit and the DSO, from ORGANISATION_FILE. */
export function exportContext(
  c: Case,
  orgs: { units: Units; organisations: Organisations },
  locale: Locale,
  now: Date,
): ExportContext {
  return {
    unitName: orgs.units.name(c.unitId, locale),
    controller: orgs.organisations.controllerFor(c.orgId, c.unitId, locale),
    dso: orgs.organisations.dso(c.orgId),
    locale,
    now,
  };
}

/** Card inputs that are dates, times or choices, not typed text (the privacy guard reads only typed text). */
export const NOTIFICATION_NON_TEXT_FIELDS = [
  "becameAwareDate",
  "becameAwareTime",
  "endedDate",
  "endedTime",
  "discoveryMethod",
  "informedDate",
  "informedTime",
  "informMethod",
  "suppliedDate",
  "suppliedTime",
] as const;

const RECORDING: ActionKind[] = ["recordNotificationFacts", "recordSubjectsInformed", "recordImySupplement"];

const done = (key: string) => (turn: TurnInfo) => t(turn.locale, `escalation.done.${key}`);

/** The IMY notification text, and what the DSO records for it: details, informing the people, supplements. */
export function notificationVerbs(deps: NotificationVerbDeps): Record<string, Verb> {
  const { dsoAction } = deps;
  return {
    "case.imyExport": verb({
      schema: z.object({ caseId }),
      roles: ["dso"],
      async run(input, turn) {
        const c = await deps.existingCase(turn, input.caseId);
        const offered = new Set<ActionKind>(offeredActions(c));
        return {
          card: render(
            "escalation/imy-export",
            {
              caseId: c.id,
              version: c._etag,
              title: t(turn.locale, "escalation.imy.title", { number: c.number }),
              // The card shows the lines as text; the downloadable file keeps them exactly as typed.
              lines: imyExport(c, exportContext(c, deps, turn.locale, turn.now)).map((l) => ({
                ...l,
                line: plainText(l.line),
              })),
              downloadUrl: (await deps.links.url(turn.orgId, c.id, turn.now)) ?? "",
              // What is still "not yet known" is filled in right here, through the lifecycle like every DSO action.
              can: Object.fromEntries(RECORDING.map((k) => [k, offered.has(k)])),
              choices: {
                discoveryMethod: choicesOf(
                  DISCOVERY_METHODS,
                  "escalation.labels.discoveryMethod",
                  turn.locale,
                ),
                informMethod: choicesOf(INFORM_METHODS, "escalation.labels.informMethod", turn.locale),
              },
              ...cardNow(turn.now),
            },
            turn.locale,
          ),
        };
      },
    }),
    "case.notificationFacts": dsoAction(
      CaseRef.extend({
        becameAwareDate: optionalDate,
        becameAwareTime: optionalTime,
        endedDate: optionalDate,
        endedTime: optionalTime,
        discoveryMethod: z.union([z.enum(DISCOVERY_METHODS), z.literal("")]).optional(),
        systems: optionalText(300),
        processorName: optionalText(200),
        consequences: optionalText(2000),
      }),
      (input) => ({
        kind: "recordNotificationFacts",
        facts: {
          becameAwareAt: optionalInstant(input.becameAwareDate, input.becameAwareTime),
          endedAt: optionalInstant(input.endedDate, input.endedTime),
          discoveryMethod: input.discoveryMethod || undefined,
          systems: input.systems,
          processorName: input.processorName,
          consequences: input.consequences,
        },
      }),
      done("recordNotificationFacts"),
    ),
    "case.subjectsInformed": dsoAction(
      CaseRef.extend({
        informedDate: cardDate,
        informedTime: cardTime,
        informMethod: z.enum(INFORM_METHODS),
      }),
      (input) => ({
        kind: "recordSubjectsInformed",
        informedAt: localInstant(input.informedDate, input.informedTime),
        method: input.informMethod,
      }),
      done("recordSubjectsInformed"),
    ),
    "case.imySupplement": dsoAction(
      CaseRef.extend({
        suppliedDate: cardDate,
        suppliedTime: cardTime,
        supplementSummary: optionalText(1000),
      }),
      (input) => ({
        kind: "recordImySupplement",
        suppliedAt: localInstant(input.suppliedDate, input.suppliedTime),
        summary: input.supplementSummary,
      }),
      done("recordImySupplement"),
    ),
  };
}
