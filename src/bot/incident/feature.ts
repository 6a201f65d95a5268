import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CardJson } from "../../cards/render.js";
import { isToBeCompleted } from "../../cases/case.js";
import { type IncidentDraft, type Position, STEPS, type Suggestions } from "../../flows/incident/draft.js";
import {
  current,
  type IncidentEvent,
  isRefusal,
  next,
  type Outcome,
  type Refusal,
  startDraft,
} from "../../flows/incident/flow.js";
import { PrefillSchema, suggestionsFrom } from "../../flows/incident/prefill.js";
import { suggestionsFromReading } from "../../flows/incident/quick.js";
import { readReport } from "../../flows/incident/recognise.js";
import type { Problem } from "../../flows/incident/steps.js";
import type { AppServices } from "../../services.js";
import type { StoredDraft } from "../../store/draft-repository.js";
import { type Feature, type VerbResult, verb } from "../feature.js";
import type { TurnInfo } from "../turn-info.js";
import { UserFacingError } from "../user-facing-error.js";
import { completionCard, completionVerbs } from "./complete.js";
import { myCasesCommand, myCasesVerbs } from "./my-cases.js";
import { ownerOf, refusalError, reporterOf, requirePersonal } from "./people.js";
import { cancelCommands } from "./text-commands.js";
import { continueCard, noticeCard, showCard, type ViewContext } from "./view.js";

const DraftRef = z.object({ draftId: z.uuid() });
const StartData = z.object({ prefill: PrefillSchema.optional() });
/** Card inputs arrive beside draftId (and step); the flow validates them. */
const AnswerData = z.looseObject({ draftId: z.uuid(), step: z.enum(STEPS) });
const QuickData = z.looseObject({ draftId: z.uuid() });
const BackData = z.object({ draftId: z.uuid(), from: z.enum([...STEPS, "summary", "quick"]) });
const EditData = z.object({ draftId: z.uuid(), step: z.enum(STEPS) });

/** Refusals that say the card itself is no longer valid: a message, the card stays as it was. */
const CARD_REFUSALS = new Set([
  "incident.refused.stale",
  "incident.refused.alreadySent",
  "incident.refused.cancelled",
  "errors.invalidInput",
]);

/** The draft as the flow knows it, without the store's bookkeeping. */
export function plain(stored: StoredDraft) {
  const { _etag, _rid, _self, _ts, _attachments, ttl, expiresAt, ...draft } = stored as StoredDraft &
    Record<string, unknown>;
  return draft as unknown as IncidentDraft;
}

/** A second write that lost to another (double click, two devices) runs again on the fresh draft. */
const ATTEMPTS = 3;

export interface StartOptions {
  /** What the person wrote, shown back in the card when it could not become the description (never stored). */
  typed?: Record<string, unknown>;
  problems?: Problem[];
}

/**
 * The incident report in Teams: what a person writes starts it (read into a
 * quick card), card verbs move it on. Drafts live in Cosmos (one per person,
 * 14 days; a cancelled one 24 hours); each turn reads the draft, asks the
 * pure flow what to do, performs the effects and writes the draft back under
 * its etag. A refused card comes back with what was typed and each problem
 * beside its field.
 */
export function incidentFeature(services: AppServices): Feature {
  const { drafts } = services;
  const context = { units: services.units.all.map((u) => u.id) };
  const viewOf = (turn: TurnInfo, extra: Partial<ViewContext> = {}): ViewContext => ({
    locale: turn.locale,
    units: services.units,
    now: turn.now,
    ...extra,
  });

  function present(outcome: Outcome, turn: TurnInfo, extra?: Partial<ViewContext>): VerbResult {
    return {
      card: showCard(outcome.show, viewOf(turn, extra)),
      also: outcome.notices.map((n) => noticeCard(n, turn.locale)),
    };
  }

  async function ownDraft(turn: TurnInfo, draftId: string): Promise<StoredDraft> {
    requirePersonal(turn);
    const stored = await drafts.get(turn.orgId, draftId);
    if (!stored) throw new UserFacingError("incident.refused.notFound");
    if (stored.ownerAad !== ownerOf(turn)) {
      services.log.warn({ event: "incident.foreignDraft", draftId }, "a draft was used by someone else");
      throw new UserFacingError("incident.refused.notYourDraft");
    }
    return stored;
  }

  /** A refusal of what was typed: the same card again, with the typed values and the problems beside them. */
  function refused(draft: IncidentDraft, result: Refusal, event: IncidentEvent, turn: TurnInfo): VerbResult {
    services.log.info(
      { event: "incident.refused", draftId: draft.id, reason: result.refused.key },
      "step refused",
    );
    const typed = "values" in event ? event.values : undefined;
    if (!typed || result.problems.some((p) => CARD_REFUSALS.has(p.key))) throw refusalError(result);
    return { card: showCard(current(draft), viewOf(turn, { typed, problems: result.problems })) };
  }

  async function move(turn: TurnInfo, draftId: string, event: IncidentEvent): Promise<VerbResult> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await ownDraft(turn, draftId);
      const draft = plain(stored);
      let result = next(draft, event, turn.now, context);
      if (isRefusal(result)) return refused(draft, result, event, turn);
      const also: CardJson[] = [];
      for (const effect of result.effects) {
        // The draft id is the case id: a second submit finds the case the first one made.
        const { case: saved, created } = await services.cases.create(effect.case, reporterOf(turn));
        if (created) services.log.info({ event: "incident.submitted", caseId: saved.id }, "case created");
        if (isToBeCompleted(saved)) also.push(completionCard(saved, turn.locale));
        result = next(
          result.draft,
          { kind: "submitted", caseNumber: saved.number },
          turn.now,
          context,
        ) as Outcome;
      }
      const shown = present(result, turn);
      const answer = { card: shown.card, also: [...(shown.also ?? []), ...also] };
      if (result.draft === draft) return answer;
      if (await drafts.replace(result.draft, stored._etag)) return answer;
    }
    throw new UserFacingError("errors.stillWorking");
  }

  async function start(
    turn: TurnInfo,
    suggested: Suggestions,
    options: StartOptions = {},
  ): Promise<VerbResult> {
    requirePersonal(turn);
    const outcome = startDraft(
      { id: randomUUID(), orgId: turn.orgId, ownerAad: ownerOf(turn), suggested },
      turn.now,
    );
    const advice = outcome.notices.map((n) => noticeCard(n, turn.locale));
    const open = await drafts.openOf(turn.orgId, ownerOf(turn));
    // Urgent advice never waits for a question, not even "continue your draft?".
    if (open) return { card: continueCard(plain(open), turn.locale), also: suggested.urgent ? advice : [] };
    await drafts.create(outcome.draft);
    services.log.info({ event: "incident.started", draftId: outcome.draft.id }, "report started");
    return { ...present(outcome, turn, options), also: advice };
  }

  /** In a message turn the advice goes first: it is read before the card that asks. */
  const asMessages = (result: VerbResult): CardJson[] => [...(result.also ?? []), result.card];

  return {
    commands: [
      ...cancelCommands(services, {
        cancel: (turn, draft) => move(turn, draft.id, { kind: "cancel" }),
        restart: async (turn, draft) => {
          if (draft) await move(turn, draft.id, { kind: "cancel" });
          return start(turn, {});
        },
      }),
      {
        id: "incident.report",
        matches: (text) => readReport(text) !== undefined,
        run: async (turn, text) => {
          const reading = readReport(text, turn.now);
          if (!reading) return asMessages(await start(turn, {}));
          const first = suggestionsFromReading(reading, text);
          const problems = first.descriptionProblem ? [first.descriptionProblem] : [];
          return asMessages(
            await start(turn, first.suggested, {
              typed: problems.length ? { description: text } : {},
              problems,
            }),
          );
        },
      },
      myCasesCommand(services),
    ],
    verbs: {
      "incident.start": verb({
        schema: StartData,
        run: (input, turn) => start(turn, suggestionsFrom(input.prefill)),
      }),
      "incident.continue": verb({
        schema: DraftRef,
        run: async ({ draftId }, turn) => {
          const draft = plain(await ownDraft(turn, draftId));
          return present({ draft, show: current(draft), notices: [], effects: [] }, turn);
        },
      }),
      "incident.restart": verb({
        schema: DraftRef,
        run: async ({ draftId }, turn) => {
          const stored = await ownDraft(turn, draftId);
          if (stored.status === "open") await move(turn, draftId, { kind: "cancel" });
          return start(turn, {});
        },
      }),
      "incident.answer": verb({
        schema: AnswerData,
        run: ({ draftId, step, ...values }, turn) => move(turn, draftId, { kind: "answer", step, values }),
      }),
      "incident.file": verb({
        schema: QuickData,
        run: ({ draftId, ...values }, turn) =>
          move(turn, draftId, { kind: "file", values, reporter: reporterOf(turn) }),
      }),
      "incident.full": verb({
        schema: QuickData,
        run: ({ draftId, ...values }, turn) => move(turn, draftId, { kind: "full", values }),
      }),
      "incident.back": verb({
        schema: BackData,
        run: ({ draftId, from }, turn) => move(turn, draftId, { kind: "back", from: from as Position }),
      }),
      "incident.edit": verb({
        schema: EditData,
        run: ({ draftId, step }, turn) => move(turn, draftId, { kind: "edit", step }),
      }),
      "incident.cancel": verb({
        schema: DraftRef,
        run: ({ draftId }, turn) => move(turn, draftId, { kind: "cancel" }),
      }),
      "incident.undo": verb({
        schema: DraftRef,
        run: ({ draftId }, turn) => move(turn, draftId, { kind: "undo" }),
      }),
      "incident.submit": verb({
        schema: DraftRef,
        run: ({ draftId }, turn) => move(turn, draftId, { kind: "submit", reporter: reporterOf(turn) }),
      }),
      ...myCasesVerbs(services),
      ...completionVerbs(services),
    },
  };
}
