import { z } from "zod";
import type { Locale } from "../../cards/locale.js";
import type { CardJson } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import { type Case, isToBeCompleted, OPEN_STATUSES } from "../../cases/case.js";
import { type CompletionFact, complete, pendingFacts } from "../../flows/incident/completion.js";
import type { Problem } from "../../flows/incident/steps.js";
import { TEXT_LIMITS } from "../../flows/incident/steps.js";
import type { AppServices } from "../../services.js";
import { type Verb, verb } from "../feature.js";
import { messageCard } from "../messages.js";
import type { TurnInfo } from "../turn-info.js";
import { UserFacingError } from "../user-facing-error.js";
import { choices, type FormInput, input, renderForm, withProblems } from "./form.js";
import { ownerOf, reporterOf, requirePersonal } from "./people.js";

const CaseRef = z.object({ caseId: z.string().min(1).max(128) });
/** The facts arrive beside the case id; `complete` reads only those still to be given. */
const CompleteData = z.looseObject({ caseId: z.string().min(1).max(128) });

function factInputs(
  fact: CompletionFact,
  c: Case,
  locale: Locale,
  typed?: Record<string, unknown>,
): FormInput[] {
  const value = typeof typed?.[fact.id] === "string" ? (typed[fact.id] as string) : fact.shown(c);
  const label = t(locale, `incident.complete.${fact.id}`);
  if (fact.input === "count")
    return [
      input(locale, {
        id: fact.id,
        kind: "number",
        label,
        value,
        placeholder: t(locale, "incident.complete.countPlaceholder"),
      }),
      input(locale, {
        id: `${fact.id}Unknown`,
        kind: "toggle",
        label: t(locale, "incident.unknown"),
        value: typed?.[`${fact.id}Unknown`] === "true" ? "true" : "false",
      }),
    ];
  if (fact.input === "text")
    return [input(locale, { id: fact.id, kind: "text", label, value, maxLength: TEXT_LIMITS.managerName })];
  return [
    input(locale, {
      id: fact.id,
      kind: "choice",
      label,
      value,
      multi: fact.input === "multi",
      style: (fact.choices?.(c).length ?? 0) > 6 && fact.input === "single" ? "compact" : "expanded",
      choices: choices(fact.choices?.(c) ?? [], fact.labels ?? "incident", locale),
    }),
  ];
}

/** The *Komplettera* card: every fact still to be given, all optional; what is left empty can be given later. */
export function completionCard(
  c: Case,
  locale: Locale,
  typed?: Record<string, unknown>,
  problems: readonly Problem[] = [],
): CardJson {
  const form = withProblems(
    {
      title: t(locale, "incident.complete.title", { number: c.number }),
      intro: t(locale, "incident.complete.intro"),
      inputs: pendingFacts(c).flatMap((f) => factInputs(f, c, locale, typed)),
      actions: [
        {
          title: t(locale, "incident.complete.save"),
          verb: "incident.complete",
          data: { caseId: c.id },
          style: "positive",
          inputs: "auto",
        },
      ],
    },
    problems,
    locale,
  );
  return renderForm(form, locale);
}

async function ownOpenCase(services: AppServices, turn: TurnInfo, caseId: string): Promise<Case> {
  requirePersonal(turn);
  const found = await services.cases.get(turn.orgId, caseId);
  if (!found || found.reporter.aadObjectId !== ownerOf(turn)) throw new UserFacingError("mycases.notYours");
  if (!OPEN_STATUSES.has(found.status)) throw new UserFacingError("mycases.closed", { number: found.number });
  return found;
}

/**
 * Completing a report filed with the minimum: the card lists what is still
 * to be given; each answer is written to the case under its etag (the DSO's
 * card updates through the case listeners) and the fact is no longer "to be
 * completed". A refusal brings the card back with what was typed.
 */
export function completionVerbs(services: AppServices): Record<string, Verb> {
  return {
    "incident.completeForm": verb({
      schema: CaseRef,
      run: async ({ caseId }, turn) => {
        const c = await ownOpenCase(services, turn, caseId);
        if (!isToBeCompleted(c))
          throw new UserFacingError("incident.complete.nothingLeft", { number: c.number });
        return { card: completionCard(c, turn.locale) };
      },
    }),
    "incident.complete": verb({
      schema: CompleteData,
      run: async ({ caseId, ...values }, turn) => {
        const found = await ownOpenCase(services, turn, caseId);
        const tried = complete(found, values);
        if ("problems" in tried) {
          if (tried.problems.some((p) => p.key === "errors.invalidInput"))
            throw new UserFacingError("errors.invalidInput");
          services.log.info({ event: "incident.completionRefused", caseId }, "completion refused");
          return { card: completionCard(found, turn.locale, values, tried.problems) };
        }
        if (tried.answered.length === 0)
          return {
            card: completionCard(found, turn.locale, values, [{ key: "incident.complete.nothingGiven" }]),
          };
        const by = reporterOf(turn);
        const updated = await services.cases.update(
          turn.orgId,
          caseId,
          (c) => {
            if (c.reporter.aadObjectId !== by.aadObjectId || !OPEN_STATUSES.has(c.status)) return undefined;
            const again = complete(c, values);
            return "problems" in again ? undefined : { ...c, ...again.case };
          },
          { actor: by, type: "reporter_completion" },
        );
        if (!updated) throw new UserFacingError("mycases.closed", { number: found.number });
        services.log.info(
          { event: "incident.completed", caseId, facts: tried.answered.length },
          "report completed",
        );
        const after = updated.after;
        if (isToBeCompleted(after))
          return {
            card: completionCard(after, turn.locale),
            also: [
              messageCard(
                turn.locale,
                t(turn.locale, "incident.complete.savedSome", { number: after.number }),
              ),
            ],
          };
        return {
          card: messageCard(
            turn.locale,
            t(turn.locale, "incident.complete.savedAll", { number: after.number }),
          ),
        };
      },
    }),
  };
}
