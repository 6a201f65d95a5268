import { randomUUID } from "node:crypto";
import { type App, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Manager, ManagerDirectory } from "../../src/digest/ports.js";
import { createLogger } from "../../src/log.js";
import type { DigestRun, OutboxItem } from "../../src/store/digest-jobs.js";
import type { Harness } from "./harness.js";
import { BOT, TEST_TENANT } from "./teams-client.js";

/**
 * The managers per unit as the test sets them (the seam the escalation
 * branch's registry fills in production). Plain data, no store involved.
 */
export class TestManagers implements ManagerDirectory {
  private readonly byOrg = new Map<string, Manager[]>();

  add(manager: Partial<Manager> & { unitIds: string[] }, orgId = TEST_TENANT): Manager {
    const full: Manager = { aadObjectId: randomUUID(), name: `Chef ${this.count() + 1}`, ...manager };
    this.byOrg.set(orgId, [...(this.byOrg.get(orgId) ?? []), full]);
    return full;
  }

  count(): number {
    return [...this.byOrg.values()].reduce((n, list) => n + list.length, 0);
  }

  async organisations(): Promise<string[]> {
    return [...this.byOrg.keys()];
  }

  async managers(orgId: string): Promise<Manager[]> {
    return this.byOrg.get(orgId) ?? [];
  }
}

export function personalConversationId(aadObjectId: string): string {
  return `a:personal-${aadObjectId}`;
}

/**
 * Stores the personal-chat reference the bot would have kept after the person
 * first talked to it, pointing at the connector (fast set-up for runs with
 * hundreds of managers; the e2e tests also reach people through real turns).
 */
export async function rememberPersonalChat(
  app: App,
  connectorUrl: string,
  aadObjectId: string,
  locale: "sv" | "en" = "sv",
) {
  await app.services.conversations.remember(
    {
      id: `user-${aadObjectId}`,
      orgId: TEST_TENANT,
      kind: "personal",
      aadObjectId,
      locale,
      reference: {
        serviceUrl: connectorUrl,
        channelId: "msteams",
        bot: BOT,
        user: { id: `29:${aadObjectId}`, name: "", aadObjectId },
        conversation: {
          id: personalConversationId(aadObjectId),
          conversationType: "personal",
          tenantId: TEST_TENANT,
          isGroup: false,
          name: "",
        },
      },
    },
    app.services.clock.now(),
  );
}

/** Another app instance on the harness's store and connector, as a second App Service instance would be. */
export async function startInstance(
  h: Harness,
  managers: ManagerDirectory,
  options: { env?: Record<string, string> } = {},
): Promise<App> {
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATA_DIR: h.testStore.dataDir,
    ...options.env,
  });
  return startApp(config, {
    store: h.testStore.store,
    clock: h.clock,
    log: createLogger(config.logLevel),
    digest: { managers, backoffBaseMs: 10 },
  });
}

/** Digests the connector received, per conversation. */
export function digestsPerConversation(h: Harness): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of h.connector.captured) {
    if (c.kind !== "send") continue;
    const card = c.activity.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined;
    if (!card?.body?.[0]?.text?.match(/Veckobrev|Weekly data protection digest/)) continue;
    counts.set(c.conversationId, (counts.get(c.conversationId) ?? 0) + 1);
  }
  return counts;
}

/** Every item of one kind in the organisation's jobs container (runs or outbox items), straight from the store. */
async function jobsOfKind<T>(h: Harness, kind: string): Promise<T[]> {
  const { resources } = await h.testStore.store.containers.jobs.items
    .query<T>({
      query: "SELECT * FROM c WHERE c.orgId = @o AND c.kind = @kind",
      parameters: [
        { name: "@o", value: TEST_TENANT },
        { name: "@kind", value: kind },
      ],
    })
    .fetchAll();
  return resources;
}

export const outbox = (h: Harness) => jobsOfKind<OutboxItem>(h, "digestItem");
export const runs = (h: Harness) => jobsOfKind<DigestRun>(h, "digestRun");
