import type { ConversationReference } from "botbuilder";
import type { Repository } from "./repository.js";

/** The one DSO channel of an organisation: where cases are posted and whose team members hold the DSO role. */
export interface DsoChannel {
  kind: "dso_channel";
  id: typeof DSO_CHANNEL_ID;
  orgId: string;
  teamId: string;
  channelId: string;
  /** The channel's conversation reference (ids and service URL only), for proactive posts. */
  reference: Partial<ConversationReference>;
  /** The language cards in the channel are written in (the one of the person who set it up). */
  locale: "sv" | "en";
  setAt: string;
  setBy: string;
}

export const DSO_CHANNEL_ID = "dso-channel";

export class DsoChannels {
  constructor(private readonly repo: Repository<DsoChannel>) {}

  get(orgId: string) {
    return this.repo.get(orgId, DSO_CHANNEL_ID);
  }

  async set(channel: Omit<DsoChannel, "kind" | "id">): Promise<void> {
    await this.repo.upsert({ ...channel, kind: "dso_channel", id: DSO_CHANNEL_ID });
  }

  /** Every organisation with a DSO channel (a small cross-partition read, done by the deadline watcher). */
  all(): Promise<DsoChannel[]> {
    return this.repo.query({
      query: "SELECT * FROM c WHERE c.kind = @kind",
      parameters: [{ name: "@kind", value: "dso_channel" }],
    });
  }
}
