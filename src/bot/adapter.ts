import { randomUUID } from "node:crypto";
import {
  type Activity,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import { localeFrom } from "../cards/locale.js";
import { t } from "../cards/strings.js";
import type { BotAuth } from "../config.js";
import type { Logger } from "../log.js";
import { StoreUnavailableError } from "../store/errors.js";
import { messageCard } from "./messages.js";

/**
 * Where the Bot Framework's signing keys are published and who issues its tokens. Production uses botbuilder's
 * public-cloud defaults; tests point these at a local stand-in that serves keys they sign with.
 */
export interface BotIdentityEndpoints {
  openIdMetadataUrl: string;
  tokenIssuer: string;
}

/** botbuilder's own public-cloud values for the settings it needs once any endpoint is given explicitly. */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  CallerId: "urn:botframework:azure",
  ValidateAuthority: "true",
};

function identitySettings(identity: BotIdentityEndpoints | undefined): Record<string, string> {
  if (!identity) return {};
  return {
    ...PUBLIC_CLOUD,
    ToBotFromChannelOpenIdMetadataUrl: identity.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: identity.tokenIssuer,
    // Tokens that look like the Emulator's are checked against the same keys, never against Microsoft's.
    ToBotFromEmulatorOpenIdMetadataUrl: identity.openIdMetadataUrl,
  };
}

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

export type AuthenticatedRequest = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>
>;

/** The CloudAdapter, opened up so the HTTP edge can hand it a parsed activity instead of a request object. */
export class VarnaAdapter extends CloudAdapter {
  constructor(readonly authentication: ConfigurationBotFrameworkAuthentication) {
    super(authentication);
  }

  /** Runs the turn for an activity whose request `authentication.authenticateRequest` has accepted. */
  run(
    identity: AuthenticatedRequest,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(identity, activity, logic);
  }
}

/**
 * The adapter with Värna's error policy: a store outage tells the person
 * to try again shortly; anything else is logged with an id the person can quote.
 */
export function createAdapter(auth: BotAuth, log: Logger, identity?: BotIdentityEndpoints): VarnaAdapter {
  const settings =
    auth.mode === "local" ? {} : { ...authenticationSettings(auth), ...identitySettings(identity) };
  const adapter = new VarnaAdapter(new ConfigurationBotFrameworkAuthentication(settings));
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
