import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type ConversationState,
  TeamsActivityHandler,
  type TurnContext,
} from "botbuilder";
import type { CardJson } from "../cards/render.js";
import { render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import type { Logger } from "../log.js";
import type { Clock } from "../time/clock.js";
import type { Command, Feature } from "./feature.js";
import { messageCard, userFacingText } from "./messages.js";
import { recogniseSmallTalk, type SmallTalk } from "./small-talk.js";
import { normalizeCommandText } from "./text.js";
import { type TurnInfo, turnInfoFrom } from "./turn-info.js";
import { UserFacingError } from "./user-facing-error.js";
import type { VerbRouter } from "./verb-router.js";

export interface BotDependencies {
  features: readonly Feature[];
  router: VerbRouter;
  conversationState: ConversationState;
  defaultOrgId: string;
  clock: Clock;
  log: Logger;
}

/**
 * Translates Teams activities into feature calls and their cards back into
 * activities. All decisions live in the features; this class only routes.
 */
export class VarnaBot extends TeamsActivityHandler {
  private readonly commands: Command[];

  constructor(private readonly deps: BotDependencies) {
    super();
    this.commands = deps.features.flatMap((f) => f.commands ?? []);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greetIfNew(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.greetIfNew(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
  }

  turnInfo(context: TurnContext): TurnInfo {
    return turnInfoFrom(context.activity, this.deps.defaultOrgId, this.deps.clock.now());
  }

  /** Greets in personal chat the first time the conversation is seen (installationUpdate and conversationUpdate both arrive). */
  private async greetIfNew(context: TurnContext): Promise<void> {
    const turn = this.turnInfo(context);
    if (turn.conversation.kind !== "personal") return;
    if (context.turnState.get(FIRST_SEEN) !== true) return;
    await sendCards(context, [render("welcome", {}, turn.locale)]);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = this.turnInfo(context);
    const value = context.activity.value as { verb?: unknown } | undefined;
    try {
      if (value && typeof value === "object" && "verb" in value) {
        // Action.Submit from older clients: same verbs, the result is sent as new messages.
        const { verb, ...data } = value;
        const result = await this.deps.router.dispatch(verb, data, turn);
        await sendCards(context, [result.card, ...(result.also ?? [])]);
        return;
      }
      const text = normalizeCommandText(context.activity.text);
      const talk = recogniseSmallTalk(text);
      if (talk) {
        await sendCards(context, [smallTalkCard(talk, turn)]);
        return;
      }
      const command = this.commands.find((c) => c.matches(text));
      const cards = command
        ? await command.run(turn, context.activity.text ?? "")
        : [render("fallback", {}, turn.locale)];
      await sendCards(context, cards);
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      await sendCards(context, [
        messageCard(turn.locale, userFacingText(err, turn.locale), { tone: "warning" }),
      ]);
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = this.turnInfo(context);
    try {
      const result = await this.deps.router.dispatch(invokeValue.action.verb, invokeValue.action.data, turn);
      if (result.also?.length) await sendCards(context, result.also);
      return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: result.card };
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      // A message response leaves the pressed card (and what the person typed in it) as it was.
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: userFacingText(err, turn.locale) as never,
      };
    }
  }
}

/** Help and "what can you do?" show what Värna does with examples; a greeting the menu; thanks a short reply. */
function smallTalkCard(talk: SmallTalk, turn: TurnInfo): CardJson {
  if (talk === "help" || talk === "capabilities") return render("help", {}, turn.locale);
  if (talk === "greeting") return render("welcome", {}, turn.locale);
  return render("message", { title: "", text: t(turn.locale, "smalltalk.thanks"), tone: "" }, turn.locale);
}

/** Set by the turn middleware when this conversation was stored for the first time in this turn. */
export const FIRST_SEEN = Symbol("firstSeen");

export async function sendCards(context: TurnContext, cards: CardJson[]): Promise<void> {
  for (const card of cards) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
