import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type ConversationState,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
} from "botbuilder";
import { z } from "zod";
import type { Locale } from "../cards/locale.js";
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

/**
 * The shape of an Action.Execute invoke that the router can read. Anything
 * else (no value, a string or array, `action: null`, non-object data) is
 * refused here as an unreadable card, before botbuilder would stumble on it.
 */
const CardActionSchema = z.looseObject({
  action: z.looseObject({
    type: z.literal("Action.Execute"),
    verb: z.string().min(1).max(200),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** A short text instead of a card: Teams leaves the pressed card (and what was typed in it) as it was. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text as never };
}

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

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (
      context.activity.name === "adaptiveCard/action" &&
      !CardActionSchema.safeParse(context.activity.value).success
    ) {
      this.deps.log.warn(
        { event: "invoke.unreadable", activityId: context.activity.id },
        "unreadable card action",
      );
      const locale: Locale = this.turnInfo(context).locale;
      return { status: 200, body: messageResponse(t(locale, "errors.unreadableCard")) };
    }
    return super.onInvokeActivity(context);
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
      return messageResponse(userFacingText(err, turn.locale));
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
