import { randomUUID } from "node:crypto";
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from "botbuilder";
import { localeFrom } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { BotAuth } from "../config.js";
import type { Logger } from "../log.js";
import { StoreUnavailableError } from "../store/errors.js";
import { messageCard } from "./messages.js";

/** botbuilder's configuration keys for the chosen authentication; an empty object means local mode (no auth). */
function authenticationSettings(auth: BotAuth): Record<string, string> {
  switch (auth.mode) {
    case "local":
      return {};
    case "SingleTenant":
      return {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.password,
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: auth.tenantId,
      };
    case "UserAssignedMSI":
      return {
        MicrosoftAppId: auth.appId,
        MicrosoftAppType: "UserAssignedMSI",
        MicrosoftAppTenantId: auth.tenantId,
      };
  }
}

/**
 * The CloudAdapter with Värna's error policy: a store outage tells the person
 * to try again shortly; anything else is logged with an id the person can quote.
 */
export function createAdapter(auth: BotAuth, log: Logger): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationSettings(auth)));
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    const locale = localeFrom(context.activity.locale);
    const errorId = randomUUID().slice(0, 8);
    const unavailable = err instanceof StoreUnavailableError;
    log.error(
      {
        event: unavailable ? "turn.storeUnavailable" : "turn.error",
        errorId,
        activityId: context.activity.id,
        err,
      },
      "turn failed",
    );
    const text = unavailable
      ? t(locale, "errors.storeUnavailable")
      : t(locale, "errors.unexpected", { id: errorId });
    try {
      if (context.activity.type === "invoke") {
        await context.sendActivity({
          type: "invokeResponse",
          value: {
            status: 200,
            body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text },
          },
        });
      } else {
        await context.sendActivity({
          attachments: [CardFactory.adaptiveCard(messageCard(locale, text, { tone: "warning" }))],
        });
      }
    } catch (sendErr) {
      log.error(
        { event: "turn.errorReplyFailed", errorId, err: sendErr },
        "could not tell the user about an error",
      );
    }
  };
  return adapter;
}
