import type { Activity } from "botbuilder";
import { type Locale, localeFrom } from "../cards/locale.js";
import type { ConversationKind } from "../store/conversation-references.js";

/** What every handler needs to know about the turn, as plain data (no botbuilder types leak past the bot layer). */
export interface TurnInfo {
  orgId: string;
  locale: Locale;
  now: Date;
  user: { id: string; aadObjectId?: string; name?: string };
  conversation: { id: string; kind: ConversationKind; teamId?: string; channelId?: string };
}

const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

function conversationKind(type: string | undefined): ConversationKind {
  if (type === "channel") return "channel";
  if (type === "groupChat") return "groupChat";
  return "personal";
}

/** The organisation is the Entra tenant the activity comes from; local tools send none, so a default applies. */
export function turnInfoFrom(activity: Partial<Activity>, defaultOrgId: string, now: Date): TurnInfo {
  const channelData = (activity.channelData ?? {}) as {
    tenant?: { id?: string };
    team?: { id?: string };
    channel?: { id?: string };
  };
  const tenant = activity.conversation?.tenantId ?? channelData.tenant?.id;
  return {
    orgId: tenant && ORG_ID.test(tenant) ? tenant : defaultOrgId,
    locale: localeFrom(activity.locale),
    now,
    user: { id: activity.from?.id ?? "", aadObjectId: activity.from?.aadObjectId, name: activity.from?.name },
    conversation: {
      id: activity.conversation?.id ?? "",
      kind: conversationKind(activity.conversation?.conversationType),
      teamId: channelData.team?.id,
      channelId: channelData.channel?.id,
    },
  };
}
