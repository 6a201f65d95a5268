import http from "node:http";
import type { AddressInfo } from "node:net";
import { cardErrors } from "./card-validation.js";

export interface CapturedActivity {
  type?: string;
  id: string;
  text?: string;
  replyToId?: string;
  conversation?: { id: string };
  attachments?: { contentType: string; content: unknown }[];
  entities?: unknown[];
  [key: string]: unknown;
}

export interface Captured {
  kind: "send" | "update" | "delete" | "createConversation";
  conversationId: string;
  /** The id the connector gave the activity (send), or the id being updated/deleted. */
  activityId: string;
  replyToId?: string;
  activity: CapturedActivity;
  at: number;
}

interface Fault {
  status: number;
  retryAfterSeconds?: number;
  matches: (c: Omit<Captured, "at">) => boolean;
  remaining: number;
}

export interface Member {
  id: string;
  aadObjectId: string;
  name: string;
  userPrincipalName?: string;
}

/**
 * A local stand-in for the Teams connector (the Bot Framework Emulator's
 * protocol): records what the bot sends and updates, answers member look-ups
 * from a roster the test sets, and can be told to fail requests (429, 5xx, 403).
 * Every Adaptive Card it receives is parsed; parse errors are collected.
 */
export class ConnectorServer {
  readonly captured: Captured[] = [];
  readonly invalidCards: { activityId: string; errors: string[] }[] = [];
  readonly rosters = new Map<string, Member[]>();
  private readonly faults: Fault[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;
  private server?: http.Server;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** The next `times` requests matching `matches` are answered with `status` instead of being captured. */
  fail(
    status: number,
    options: { times?: number; retryAfterSeconds?: number; matches?: Fault["matches"] } = {},
  ): void {
    this.faults.push({
      status,
      retryAfterSeconds: options.retryAfterSeconds,
      matches: options.matches ?? (() => true),
      remaining: options.times ?? 1,
    });
  }

  sentTo(conversationId: string): Captured[] {
    return this.captured.filter((c) => c.conversationId === conversationId);
  }

  /** Waits until `predicate` holds over what has been captured, or fails after `timeoutMs`. */
  async waitFor<T>(
    predicate: (captured: Captured[]) => T | undefined | false,
    timeoutMs = 5_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate(this.captured);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `connector: condition not met within ${timeoutMs} ms (${this.captured.length} captured)`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private record(entry: Omit<Captured, "at">): void {
    this.captured.push({ ...entry, at: Date.now() });
    for (const attachment of entry.activity.attachments ?? []) {
      if (attachment.contentType !== "application/vnd.microsoft.card.adaptive") continue;
      const errors = cardErrors(attachment.content);
      if (errors.length) this.invalidCards.push({ activityId: entry.activityId, errors });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? (JSON.parse(raw) as CapturedActivity) : ({} as CapturedActivity);
    const url = new URL(req.url ?? "/", "http://connector");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    // /v3/conversations[/{id}/activities[/{activityId}]] and member look-ups
    const [v3, collection, conversationId, sub, subId] = parts;
    if (v3 !== "v3") return reply(404, { error: "not a connector route" });

    let entry: Omit<Captured, "at"> | undefined;
    if (collection === "conversations" && !conversationId && req.method === "POST") {
      const id = `a:proactive-${this.nextId++}`;
      entry = { kind: "createConversation", conversationId: id, activityId: "", activity: { ...body, id } };
    } else if (collection === "conversations" && conversationId && sub === "activities") {
      const activityId = req.method === "POST" ? `c-${this.nextId++}` : (subId ?? "");
      const kind = req.method === "PUT" ? "update" : req.method === "DELETE" ? "delete" : "send";
      entry = {
        kind,
        conversationId,
        activityId,
        replyToId: req.method === "POST" ? subId : undefined,
        activity: { ...body, id: activityId },
      };
    } else if (req.method === "GET" && conversationId && (sub === "members" || sub === "pagedmembers")) {
      const roster = this.rosters.get(conversationId) ?? [];
      if (sub === "pagedmembers") return reply(200, { members: roster });
      if (subId) {
        const member = roster.find((m) => m.id === subId || m.aadObjectId === subId);
        return member ? reply(200, member) : reply(404, { error: { code: "MemberNotFoundInConversation" } });
      }
      return reply(200, roster);
    } else if (req.method === "GET" && collection === "teams" && conversationId) {
      return reply(200, { id: conversationId, name: "Team", aadGroupId: conversationId });
    }
    if (!entry) return reply(404, { error: "unknown connector route" });

    const fault = this.faults.find((f) => f.remaining > 0 && f.matches(entry));
    if (fault) {
      fault.remaining--;
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      return reply(
        fault.status,
        { error: { code: `Injected${fault.status}`, message: "injected by the test" } },
        headers,
      );
    }
    this.record(entry);
    if (entry.kind === "createConversation")
      return reply(201, { id: entry.conversationId, activityId: `c-${this.nextId++}` });
    return reply(entry.kind === "send" ? 201 : 200, { id: entry.activityId });
  }
}
