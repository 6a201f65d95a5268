import type { ConversationReference } from "botbuilder";
import type { Repository } from "./repository.js";

export type ConversationKind = "personal" | "channel" | "groupChat";

/** Where the bot can reach someone later (proactive messages). Ids only: the user's display name is dropped. */
export interface StoredConversation {
  id: string;
  orgId: string;
  kind: ConversationKind;
  aadObjectId?: string;
  teamId?: string;
  channelId?: string;
  locale: "sv" | "en";
  reference: Partial<ConversationReference>;
  firstSeenAt: string;
  updatedAt: string;
}

/** One record per person for personal chats (so a new chat id replaces the old), one per channel or group chat. */
export function conversationKey(
  kind: ConversationKind,
  ids: { aadObjectId?: string; conversationId: string },
): string {
  return kind === "personal" && ids.aadObjectId
    ? personalKey(ids.aadObjectId)
    : `conv-${encodeURIComponent(ids.conversationId)}`;
}

function personalKey(aadObjectId: string): string {
  return `user-${aadObjectId}`;
}

export class ConversationReferences {
  constructor(private readonly repo: Repository<StoredConversation>) {}

  get(orgId: string, key: string) {
    return this.repo.get(orgId, key);
  }

  forUser(orgId: string, aadObjectId: string) {
    return this.repo.get(orgId, personalKey(aadObjectId));
  }

  /** Any conversation of the organisation: where its Teams connector is, for starting a new personal chat. */
  async anyOf(orgId: string): Promise<StoredConversation | undefined> {
    const [found] = await this.repo.query(
      {
        query: "SELECT TOP 1 * FROM c WHERE c.orgId = @orgId",
        parameters: [{ name: "@orgId", value: orgId }],
      },
      orgId,
    );
    return found;
  }

  /**
   * Records the conversation; returns true when it was seen for the first
   * time (used to greet exactly once, whichever install event arrives first).
   */
  async remember(entry: Omit<StoredConversation, "firstSeenAt" | "updatedAt">, now: Date): Promise<boolean> {
    const stamp = now.toISOString();
    const created = await this.repo.createIfAbsent({ ...entry, firstSeenAt: stamp, updatedAt: stamp });
    if (created) return true;
    await this.repo.update(entry.orgId, entry.id, (current) => ({ ...current, ...entry, updatedAt: stamp }));
    return false;
  }
}
