import { randomUUID } from "node:crypto";
import { cardErrors } from "./card-validation.js";
import { type Card, cardsOf, pressPayload } from "./cards.js";
import type { Captured, ConnectorServer } from "./connector.js";

export interface TestUser {
  aadObjectId: string;
  name: string;
  locale?: string;
}

export interface ConversationSpec {
  kind: "personal" | "channel" | "groupChat";
  id: string;
  teamId?: string;
  channelId?: string;
}

export const TEST_TENANT = "11111111-2222-3333-4444-555555555555";
export const BOT = { id: "28:varna-bot", name: "Värna" };

export interface TurnResult {
  status: number;
  /** The HTTP response body (the invoke response for Action.Execute). */
  body: unknown;
  /** What the bot sent to this conversation during the turn. */
  sent: Captured[];
  /** Cards from what was sent, then the invoke response's card if there was one. */
  cards: Card[];
  /** The text of an invoke "message" response (shown to the person, card left as it was). */
  message?: string;
}

/**
 * Posts activities to the bot's /api/messages as Teams does, as one person in
 * one conversation, and collects what the bot sent back during the turn.
 */
export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly connector: ConnectorServer,
    readonly user: TestUser,
    readonly conversation: ConversationSpec,
    private readonly tenantId = TEST_TENANT,
    private readonly authorization?: string,
  ) {}

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const conversation = {
      id: this.conversation.id,
      conversationType: this.conversation.kind,
      tenantId: this.tenantId,
      ...(this.conversation.kind === "personal" ? {} : { isGroup: true }),
    };
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: "msteams",
      from: { id: `29:${this.user.aadObjectId}`, name: this.user.name, aadObjectId: this.user.aadObjectId },
      recipient: BOT,
      conversation,
      locale: this.user.locale ?? "sv-SE",
      channelData: {
        tenant: { id: this.tenantId },
        ...(this.conversation.teamId ? { team: { id: this.conversation.teamId } } : {}),
        ...(this.conversation.channelId ? { channel: { id: this.conversation.channelId } } : {}),
      },
      ...fields,
    };
  }

  /** Posts an activity exactly as given (tests use it for redeliveries and malformed input). */
  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<TurnResult> {
    const before = this.connector.captured.length;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...headers,
      },
      body: JSON.stringify(activity),
    });
    const raw = await response.text();
    const body: unknown = raw ? safeJson(raw) : undefined;
    const sent = this.connector.captured
      .slice(before)
      .filter((c) => c.conversationId === this.conversation.id);
    const cards = sent.flatMap((c) => cardsOf(c.activity));
    let message: string | undefined;
    const invoke = body as { type?: string; value?: unknown } | undefined;
    if (invoke?.type === "application/vnd.microsoft.card.adaptive") {
      const errors = cardErrors(invoke.value);
      if (errors.length) throw new Error(`invoke response card does not parse: ${errors.join("; ")}`);
      cards.push(invoke.value as Card);
    } else if (invoke?.type === "application/vnd.microsoft.activity.message") {
      message = String(invoke.value);
    }
    return { status: response.status, body, sent, cards, message };
  }

  say(text: string): Promise<TurnResult> {
    return this.post(this.activity({ type: "message", text, textFormat: "plain" }));
  }

  /** The app being added: Teams sends installationUpdate and conversationUpdate (bot added), in either order. */
  async install(): Promise<[TurnResult, TurnResult]> {
    const install = await this.post(this.activity({ type: "installationUpdate", action: "add" }));
    const update = await this.post(this.activity({ type: "conversationUpdate", membersAdded: [BOT] }));
    return [install, update];
  }

  /** Presses an Action.Execute button, as Teams does (invoke adaptiveCard/action). */
  press(card: Card, titleOrVerb: string, inputs: Record<string, string> = {}): Promise<TurnResult> {
    const { verb, data } = pressPayload(card, titleOrVerb, inputs);
    return this.execute(verb ?? "", data);
  }

  /** Sends an Action.Execute with any verb and data: how tests forge submissions. */
  execute(verb: string, data: Record<string, unknown>, activityId?: string): Promise<TurnResult> {
    return this.post(
      this.activity({
        type: "invoke",
        name: "adaptiveCard/action",
        ...(activityId ? { id: activityId } : {}),
        value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
      }),
    );
  }

  /** Presses an Action.Submit-style button, as older clients do (a message with a value). */
  submit(data: Record<string, unknown>): Promise<TurnResult> {
    return this.post(this.activity({ type: "message", value: data }));
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
