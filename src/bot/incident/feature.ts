import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CardJson } from "../../cards/render.js";
import { type IncidentDraft, type Position, STEPS } from "../../flows/incident/draft.js";
import {
  current,
  type IncidentEvent,
  isRefusal,
  next,
  type Outcome,
  startDraft,
} from "../../flows/incident/flow.js";
import { PrefillSchema, suggestionsFrom } from "../../flows/incident/prefill.js";
import { recogniseReport } from "../../flows/incident/recognise.js";
import type { AppServices } from "../../services.js";
import type { StoredDraft } from "../../store/draft-repository.js";
import { type Feature, type VerbResult, verb } from "../feature.js";
import { normalizeCommandText } from "../text.js";
import type { TurnInfo } from "../turn-info.js";
import { UserFacingError } from "../user-facing-error.js";
import { myCasesCommand, myCasesVerbs } from "./my-cases.js";
import { ownerOf, refusalError, reporterOf, requirePersonal } from "./people.js";
import { continueCard, noticeCard, showCard } from "./view.js";

const DraftRef = z.object({ draftId: z.uuid() });
const StartData = z.object({ prefill: PrefillSchema.optional() });
/** Card inputs arrive beside draftId and step; the flow validates them per step. */
const AnswerData = z.looseObject({ draftId: z.uuid(), step: z.enum(STEPS) });
const BackData = z.object({ draftId: z.uuid(), from: z.enum([...STEPS, "summary"]) });
const EditData = z.object({ draftId: z.uuid(), step: z.enum(STEPS) });

/** The draft as the flow knows it, without the store's bookkeeping. */
function plain(stored: StoredDraft) {
  const { _etag, _rid, _self, _ts, _attachments, ttl, expiresAt, ...draft } = stored as StoredDraft &
    Record<string, unknown>;
  return draft as unknown as IncidentDraft;
}

/** A second write that lost to another (double click, two devices) runs again on the fresh draft. */
const ATTEMPTS = 3;

/**
 * The incident report in Teams: commands and phrases start it, card verbs
 * move it on. Drafts live in Cosmos (one per person, 14 days); each turn
 * reads the draft, asks the pure flow what to do, performs the effects and
 * writes the draft back under its etag.
 */
export function incidentFeature(services: AppServices): Feature {
  const { drafts } = services;
  const context = { units: services.units.all.map((u) => u.id) };

  function present(outcome: Outcome, turn: TurnInfo): VerbResult {
    const view = { locale: turn.locale, units: services.units, now: turn.now };
    return {
      card: showCard(outcome.show, view),
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

  async function move(turn: TurnInfo, draftId: string, event: IncidentEvent): Promise<VerbResult> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await ownDraft(turn, draftId);
      const draft = plain(stored);
      let result = next(draft, event, turn.now, context);
      if (isRefusal(result)) {
        services.log.info({ event: "incident.refused", draftId, reason: result.refused.key }, "step refused");
        throw refusalError(result);
      }
      for (const effect of result.effects) {
        // The draft id is the case id: a second submit finds the case the first one made.
        const { case: saved, created } = await services.cases.create(effect.case, reporterOf(turn));
        if (created) services.log.info({ event: "incident.submitted", caseId: saved.id }, "case created");
        result = next(
          result.draft,
          { kind: "submitted", caseNumber: saved.number },
          turn.now,
          context,
        ) as Outcome;
      }
      if (result.draft === draft) return present(result, turn);
      if (await drafts.replace(result.draft, stored._etag)) return present(result, turn);
    }
    throw new UserFacingError("errors.stillWorking");
  }

  async function start(turn: TurnInfo, suggested: ReturnType<typeof suggestionsFrom>): Promise<VerbResult> {
    requirePersonal(turn);
    const open = await drafts.openOf(turn.orgId, ownerOf(turn));
    if (open) return { card: continueCard(plain(open), turn.locale) };
    const outcome = startDraft(
      { id: randomUUID(), orgId: turn.orgId, ownerAad: ownerOf(turn), suggested },
      turn.now,
    );
    await drafts.create(outcome.draft);
    services.log.info({ event: "incident.started", draftId: outcome.draft.id }, "report started");
    return present(outcome, turn);
  }

  const asMessages = (result: VerbResult): CardJson[] => [result.card, ...(result.also ?? [])];

  return {
    commands: [
      {
        id: "incident.report",
        matches: (text) => recogniseReport(text) !== undefined,
        run: async (turn, text) => {
          const recognised = recogniseReport(normalizeCommandText(text)) ?? {};
          return asMessages(await start(turn, recognised.category ? { category: recognised.category } : {}));
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
      "incident.submit": verb({
        schema: DraftRef,
        run: ({ draftId }, turn) => move(turn, draftId, { kind: "submit", reporter: reporterOf(turn) }),
      }),
      ...myCasesVerbs(services),
    },
  };
}
