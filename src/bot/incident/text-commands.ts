import { render } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import type { IncidentDraft } from "../../flows/incident/draft.js";
import type { AppServices } from "../../services.js";
import type { Command, VerbResult } from "../feature.js";
import { messageCard } from "../messages.js";
import type { TurnInfo } from "../turn-info.js";
import { ownerOf, requirePersonal } from "./people.js";

const CANCEL = new Set([
  "avbryt",
  "avsluta",
  "stopp",
  "sluta",
  "cancel",
  "stop",
  "quit",
  "avbryt rapporten",
  "cancel the report",
]);
const RESTART = new Set([
  "börja om",
  "borja om",
  "starta om",
  "börja från början",
  "start over",
  "restart",
  "start again",
]);

/** Typed "avbryt" and "börja om": they act on the person's open report, if there is one. */
export function cancelCommands(
  services: AppServices,
  handlers: {
    cancel(turn: TurnInfo, draft: IncidentDraft): Promise<VerbResult>;
    restart(turn: TurnInfo, draft: IncidentDraft | undefined): Promise<VerbResult>;
  },
): Command[] {
  const openDraft = async (turn: TurnInfo) => {
    requirePersonal(turn);
    return services.drafts.openOf(turn.orgId, ownerOf(turn));
  };
  const cards = (r: VerbResult) => [...(r.also ?? []), r.card];
  return [
    {
      id: "incident.cancelByText",
      matches: (text) => CANCEL.has(text),
      run: async (turn) => {
        const draft = await openDraft(turn);
        if (!draft)
          return [
            messageCard(turn.locale, t(turn.locale, "incident.nothingToCancel")),
            render("welcome", {}, turn.locale),
          ];
        return cards(await handlers.cancel(turn, draft));
      },
    },
    {
      id: "incident.restartByText",
      matches: (text) => RESTART.has(text),
      run: async (turn) => cards(await handlers.restart(turn, await openDraft(turn))),
    },
  ];
}
