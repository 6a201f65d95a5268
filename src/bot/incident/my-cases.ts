import { z } from "zod";
import { localDate } from "../../cards/local-time.js";
import { render } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import { isToBeCompleted, MAX_ADDITIONS, OPEN_STATUSES } from "../../cases/case.js";
import { problemsFrom, text } from "../../flows/incident/steps.js";
import type { AppServices } from "../../services.js";
import type { Command, Verb } from "../feature.js";
import { verb } from "../feature.js";
import { messageCard } from "../messages.js";
import type { TurnInfo } from "../turn-info.js";
import { UserFacingError } from "../user-facing-error.js";
import { ownerOf, refusalError, reporterOf, requirePersonal } from "./people.js";

const CaseRef = z.object({ caseId: z.string().min(1).max(128) });
const AdditionData = CaseRef.extend({ text: z.string() });
const COMMANDS = new Set(["mina ärenden", "mina arenden", "ärenden", "my cases", "cases"]);
/** A chat card has room for this many; the newest come first. */
const SHOWN = 20;

/** The reporter's own cases with their status, and adding information to an open one (appended, never overwritten). */
async function myCases(services: AppServices, turn: TurnInfo) {
  requirePersonal(turn);
  const cases = await services.cases.list(turn.orgId, { reporterAad: ownerOf(turn) });
  const { locale } = turn;
  return render(
    "cases/mine",
    {
      cases: cases.slice(0, SHOWN).map((c) => ({
        id: c.id,
        number: c.number,
        status: t(locale, `case.status.${c.status}`),
        category: `${t(locale, `case.type.${c.type}`)}: ${t(locale, `case.category.${c.category}`)}`,
        reported: t(locale, "mycases.reportedOn", { date: localDate(c.createdAt, locale) }),
        open: OPEN_STATUSES.has(c.status),
        toComplete: OPEN_STATUSES.has(c.status) && isToBeCompleted(c),
      })),
    },
    locale,
  );
}

async function ownCase(services: AppServices, turn: TurnInfo, caseId: string) {
  requirePersonal(turn);
  const found = await services.cases.get(turn.orgId, caseId);
  if (!found || found.reporter.aadObjectId !== ownerOf(turn)) throw new UserFacingError("mycases.notYours");
  if (!OPEN_STATUSES.has(found.status)) throw new UserFacingError("mycases.closed", { number: found.number });
  return found;
}

export function myCasesCommand(services: AppServices): Command {
  return {
    id: "cases.mine",
    matches: (normalized) => COMMANDS.has(normalized),
    run: async (turn) => [await myCases(services, turn)],
  };
}

export function myCasesVerbs(services: AppServices): Record<string, Verb> {
  return {
    "cases.mine": verb({
      schema: z.object({}),
      run: async (_input, turn) => ({ card: await myCases(services, turn) }),
    }),
    "cases.addForm": verb({
      schema: CaseRef,
      run: async ({ caseId }, turn) => {
        const found = await ownCase(services, turn, caseId);
        if (found.additions.length >= MAX_ADDITIONS)
          throw new UserFacingError("mycases.full", { number: found.number });
        return {
          card: render(
            "cases/add",
            { caseId, title: t(turn.locale, "mycases.addTitle", { number: found.number }) },
            turn.locale,
          ),
        };
      },
    }),
    "cases.add": verb({
      schema: AdditionData,
      run: async ({ caseId, text: typed }, turn) => {
        const parsed = z.object({ text: text("addition") }).safeParse({ text: typed });
        if (!parsed.success) {
          const problems = problemsFrom(parsed.error);
          throw refusalError({ refused: problems[0]!, problems });
        }
        const found = await ownCase(services, turn, caseId);
        if (found.additions.length >= MAX_ADDITIONS)
          throw new UserFacingError("mycases.full", { number: found.number });
        const by = reporterOf(turn);
        const at = turn.now.toISOString();
        const updated = await services.cases.update(
          turn.orgId,
          caseId,
          (c) =>
            c.reporter.aadObjectId === by.aadObjectId && OPEN_STATUSES.has(c.status)
              ? {
                  ...c,
                  additions: [...c.additions, { at, by, kind: "reporter_addition", text: parsed.data.text }],
                }
              : undefined,
          { actor: by, type: "reporter_addition" },
        );
        if (!updated || updated.after.additions.length === updated.before.additions.length)
          throw new UserFacingError("mycases.closed", { number: found.number });
        services.log.info({ event: "case.addition", caseId }, "reporter added information");
        return {
          card: messageCard(turn.locale, t(turn.locale, "mycases.added", { number: found.number })),
        };
      },
    }),
  };
}
