import { type Activity, CardFactory, type ConversationReference } from "botbuilder";
import type { Background } from "../bot/feature.js";
import { messageCard } from "../bot/messages.js";
import type { ProactiveSender } from "../bot/proactive.js";
import type { ConfiguredRoles } from "../bot/roles.js";
import type { Locale } from "../cards/locale.js";
import { plainText } from "../cards/plain-text.js";
import type { CardJson } from "../cards/render.js";
import { render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import type { Case, CaseActor } from "../cases/case.js";
import type { CaseEvent } from "../cases/case-event.js";
import { IMY_DEADLINE_HOURS } from "../cases/deadline.js";
import { dueReminder, type Reminder } from "../cases/reminders.js";
import type { Logger } from "../log.js";
import type { Units } from "../org/units.js";
import type { CaseRepository } from "../store/case-repository.js";
import type { ConversationReferences } from "../store/conversation-references.js";
import type { DsoChannel, DsoChannels } from "../store/dso-channels.js";
import type { JobClaims } from "../store/job-claims.js";
import type { Stored } from "../store/repository.js";
import type { Clock } from "../time/clock.js";
import { caseCard } from "./case-card.js";

/** The audit event type of storing where the card was posted; it changes nothing a person sees. */
export const CHANNEL_POSTED = "case.channelPosted";
export const SYSTEM_ACTOR: CaseActor = { name: "Värna" };

/** How long an instance holds a posting or reminder job before another may take it over. */
const LEASE_SECONDS = 120;

export interface EscalationDeps {
  cases: CaseRepository;
  channels: DsoChannels;
  conversations: ConversationReferences;
  sender: ProactiveSender;
  claims: JobClaims;
  roles: ConfiguredRoles;
  units: Units;
  adminAadIds: readonly string[];
  log: Logger;
  clock: Clock;
}

const cardActivity = (card: CardJson): Partial<Activity> => ({
  attachments: [CardFactory.adaptiveCard(card)],
});

/**
 * Keeps the DSO channel in step with the cases: posts each new case, updates
 * its card in place on every change, tells the reporter and the manager what
 * concerns them, and reminds the channel of the IMY deadline. Work runs after
 * the change is saved, in order per case, so a card action answers at once.
 */
export class Escalation {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: EscalationDeps) {}

  listen(): void {
    this.deps.cases.onChange(async (change) => {
      this.enqueue(change.after.id, () => this.onChange(change));
    });
  }

  /** Resolves when all queued work has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  private enqueue(key: string, work: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((err: unknown) =>
        this.deps.log.error({ event: "escalation.failed", caseId: key, err }, "escalation work failed"),
      )
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
  }

  private async onChange(change: { before?: Case; after: Stored<Case>; event: CaseEvent }): Promise<void> {
    const { before, after, event } = change;
    if (event.type === CHANNEL_POSTED) return;
    if (after.channelPost) await this.updateCard(after.orgId, after.id);
    else await this.post(after.orgId, after.id);
    await this.tellPeople(before, after, event);
  }

  /** The card in the channel: read-only for everyone, refreshed with actions for the DSO members. */
  async channelCard(c: Stored<Case>, locale: Locale, notice?: string, forDso = false): Promise<CardJson> {
    const members = await this.deps.roles.dsoMembers(c.orgId);
    return caseCard(c, {
      locale,
      now: this.deps.clock.now(),
      units: this.deps.units,
      // Teams matches refresh.userIds against user MRIs: the roster's id, or the org MRI for configured DSOs.
      refreshUserIds: members.map((m) => m.teamsId ?? `8:orgid:${m.aadObjectId}`),
      dso: forDso
        ? { assignable: members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name || m.aadObjectId })) }
        : undefined,
      notice,
    });
  }

  /**
   * Posts the case to the DSO channel once, whichever instance or path gets
   * there first; on failure the case stays unposted and the watcher tries again.
   */
  async post(orgId: string, caseId: string): Promise<void> {
    const { cases, channels, claims, sender, log } = this.deps;
    const jobId = `post-${caseId}`;
    if (!(await claims.claim(orgId, jobId, LEASE_SECONDS))) return;
    const c = await cases.get(orgId, caseId);
    if (!c || c.channelPost) {
      await claims.complete(orgId, jobId);
      return;
    }
    const channel = await channels.get(orgId);
    if (!channel) {
      await claims.release(orgId, jobId);
      await this.tellAdminsNotConfigured(orgId, c.number);
      return;
    }
    const delivery = await sender.send(
      channel.reference,
      cardActivity(await this.channelCard(c, channel.locale)),
    );
    if (!delivery.ok) {
      await claims.release(orgId, jobId);
      log.warn({ event: "escalation.postFailed", caseId, reason: delivery.reason }, "case not posted yet");
      return;
    }
    await cases.update(
      orgId,
      caseId,
      (current) =>
        current.channelPost
          ? undefined
          : {
              ...current,
              channelPost: { conversationId: channel.channelId, activityId: delivery.activityId },
            },
      { actor: SYSTEM_ACTOR, type: CHANNEL_POSTED },
    );
    await claims.complete(orgId, jobId);
    log.info({ event: "escalation.posted", caseId }, "case posted to the DSO channel");
  }

  /** Replaces the channel card with the case as it is now. */
  async updateCard(orgId: string, caseId: string): Promise<void> {
    const c = await this.deps.cases.get(orgId, caseId);
    const channel = await this.deps.channels.get(orgId);
    if (!c?.channelPost || !channel) return;
    const delivery = await this.deps.sender.update(
      channelReference(channel, c.channelPost.conversationId),
      c.channelPost.activityId,
      cardActivity(await this.channelCard(c, channel.locale)),
    );
    if (!delivery.ok)
      this.deps.log.warn(
        { event: "escalation.updateFailed", caseId, reason: delivery.reason },
        "card not updated",
      );
  }

  private async tellPeople(before: Case | undefined, after: Case, event: CaseEvent): Promise<void> {
    const number = after.number;
    const reporter = after.reporter.aadObjectId;
    switch (event.type) {
      case "case.take":
      case "case.assign":
        if (!before?.assignee)
          await this.sendToPerson(after.orgId, reporter, (l) =>
            messageCard(l, t(l, "escalation.reporter.taken", { number })),
          );
        return;
      case "case.ask": {
        const question = after.additions.filter((a) => a.kind === "dso_question").at(-1);
        if (!question) return;
        await this.sendToPerson(after.orgId, reporter, (l) =>
          render(
            "escalation/question",
            {
              caseId: after.id,
              title: t(l, "escalation.reporter.questionTitle", { number }),
              question: plainText(question.text),
            },
            l,
          ),
        );
        return;
      }
      case "case.close":
        await this.sendToPerson(after.orgId, reporter, (l) =>
          messageCard(l, t(l, "escalation.reporter.closed", { number })),
        );
        return;
      case "case.requestActionPlan":
        if (after.manager.aadObjectId)
          await this.sendToPerson(after.orgId, after.manager.aadObjectId, (l) =>
            actionPlanCard(after, this.deps.units, l),
          );
        return;
    }
  }

  /**
   * A personal message: through the chat the person already has with the bot,
   * or a new one opened through the DSO channel's service (403 = unreachable, logged).
   */
  async sendToPerson(
    orgId: string,
    aadObjectId: string,
    card: (locale: Locale) => CardJson,
  ): Promise<boolean> {
    const known = await this.deps.conversations.forUser(orgId, aadObjectId);
    if (known) return (await this.deps.sender.send(known.reference, cardActivity(card(known.locale)))).ok;
    const channel = await this.deps.channels.get(orgId);
    if (!channel) return false;
    const delivery = await this.deps.sender.sendToNewChat(
      channel.reference,
      orgId,
      aadObjectId,
      cardActivity(card(channel.locale)),
    );
    return delivery.ok;
  }

  /**
   * Greets a newly registered manager in personal chat (so the digest and plan
   * requests can reach them later); when Teams cannot reach them, the person
   * who registered them is told, so it is fixed now rather than found at the
   * first digest. Queued, so the card action is answered first and `idle()` waits for it.
   */
  welcomeManager(
    orgId: string,
    unitId: string,
    manager: CaseActor & { aadObjectId: string },
    registeredBy?: string,
  ): void {
    this.enqueue(`welcome-${orgId}-${manager.aadObjectId}`, () =>
      this.greetManager(orgId, unitId, manager, registeredBy),
    );
  }

  private async greetManager(
    orgId: string,
    unitId: string,
    manager: CaseActor & { aadObjectId: string },
    registeredBy?: string,
  ): Promise<void> {
    try {
      const reached = await this.sendToPerson(orgId, manager.aadObjectId, (l) =>
        messageCard(l, t(l, "escalation.managers.welcome", { unit: this.deps.units.name(unitId, l) })),
      );
      this.deps.log.info({ event: "managers.welcome", reached }, "new unit manager greeted");
      if (!reached && registeredBy)
        await this.sendToPerson(orgId, registeredBy, (l) =>
          messageCard(l, t(l, "escalation.managers.unreachable", { name: plainText(manager.name) }), {
            tone: "warning",
          }),
        );
    } catch (err) {
      this.deps.log.warn({ event: "managers.welcomeFailed", err }, "could not greet a new unit manager");
    }
  }

  /** Without a DSO channel, admins who have talked to the bot hear it once a day; the case is kept. */
  private async tellAdminsNotConfigured(orgId: string, number: string): Promise<void> {
    const day = this.deps.clock.now().toISOString().slice(0, 10);
    const jobId = `unconfigured-${day}`;
    if (!(await this.deps.claims.claim(orgId, jobId, LEASE_SECONDS))) return;
    for (const admin of this.deps.adminAadIds) {
      const known = await this.deps.conversations.forUser(orgId, admin);
      if (known)
        await this.deps.sender.send(
          known.reference,
          cardActivity(
            messageCard(known.locale, t(known.locale, "escalation.setup.notConfigured", { number }), {
              tone: "warning",
            }),
          ),
        );
    }
    await this.deps.claims.complete(orgId, jobId);
  }

  /**
   * One pass of the deadline watcher: posts what is not yet in the channel and
   * sends each due reminder once (the claim decides which instance sends it).
   */
  async watch(): Promise<void> {
    const now = this.deps.clock.now();
    for (const channel of await this.deps.channels.all()) {
      for (const c of await this.deps.cases.list(channel.orgId, { open: true })) {
        if (!c.channelPost) await this.post(c.orgId, c.id);
        const due = dueReminder(c, now);
        if (due) await this.remind(channel, c, due);
      }
    }
  }

  /** Queues the posting of every open case not yet in the channel (after the channel is set up). */
  postUnposted(orgId: string): void {
    this.enqueue(`org-${orgId}`, async () => {
      for (const c of await this.deps.cases.list(orgId, { open: true }))
        if (!c.channelPost) await this.post(orgId, c.id);
    });
  }

  /** Runs `watch` every `seconds` (one pass at a time) until stopped. */
  watcher(seconds: number): Background {
    let stopTimer: (() => void) | undefined;
    let running: Promise<void> | undefined;
    const tick = () => {
      if (running) return;
      running = this.watch()
        .catch((err: unknown) =>
          this.deps.log.error({ event: "escalation.watchFailed", err }, "watch failed"),
        )
        .finally(() => {
          running = undefined;
        });
    };
    return {
      start: () => {
        if (seconds > 0) stopTimer = this.deps.clock.every(seconds * 1000, tick);
      },
      runOnce: async () => {
        await running;
        await this.watch();
        await this.idle();
      },
      settled: async () => {
        await running;
        await this.idle();
      },
      stop: async () => {
        stopTimer?.();
        await running;
        await this.idle();
      },
    };
  }

  private async remind(channel: DsoChannel, c: Case, due: Reminder): Promise<void> {
    const { claims, sender, log } = this.deps;
    const jobId = `reminder-${c.id}-${due.key}`;
    if (!(await claims.claim(c.orgId, jobId, LEASE_SECONDS))) return;
    const locale = channel.locale;
    // The handling DSO is @mentioned; before anyone has the case, the reply in its thread notifies the channel.
    const assignee = c.assignee?.aadObjectId
      ? { id: c.assignee.aadObjectId, name: c.assignee.name }
      : undefined;
    // The name is a person's display name: shown as text, and the entity below carries the same tag.
    const tag = assignee ? `<at>${plainText(assignee.name)}</at>` : "";
    const text = (
      due.key === "overdue"
        ? t(locale, "escalation.reminder.overdue", { mention: tag, number: c.number })
        : t(locale, "escalation.reminder.hours", {
            mention: tag,
            number: c.number,
            hours: due.hours,
            left: IMY_DEADLINE_HOURS - due.hours,
          })
    ).trim();
    // The thread of the case's own card, in the channel it was posted to (which may not be today's DSO channel).
    const thread = c.channelPost
      ? `${c.channelPost.conversationId.split(";")[0]};messageid=${c.channelPost.activityId}`
      : channel.channelId;
    const delivery = await sender.send(channelReference(channel, thread), {
      type: "message",
      text,
      entities: assignee ? [{ type: "mention", text: tag, mentioned: assignee }] : [],
    });
    if (delivery.ok) {
      await claims.complete(c.orgId, jobId);
      log.info({ event: "escalation.reminded", caseId: c.id, reminder: due.key }, "deadline reminder sent");
      // The card's "time left" moves on too.
      await this.updateCard(c.orgId, c.id);
    } else {
      await claims.release(c.orgId, jobId);
    }
  }
}

/** The channel's reference pointed at a conversation within it (the channel itself or a thread). */
export function channelReference(
  channel: DsoChannel,
  conversationId: string,
): Partial<ConversationReference> {
  const conversation = { ...(channel.reference.conversation ?? {}), id: conversationId };
  return { ...channel.reference, conversation } as Partial<ConversationReference>;
}

/** The manager's card for writing a case's action plan (sent on request, opened from the weekly digest). */
export function actionPlanCard(c: Case, units: Units, locale: Locale): CardJson {
  return render(
    "escalation/action-plan",
    {
      caseId: c.id,
      title: t(locale, "escalation.manager.title", { number: c.number }),
      intro: t(locale, "escalation.manager.intro", {
        unit: units.name(c.unitId, locale),
        category: t(locale, `case.category.${c.category}`),
      }),
    },
    locale,
  );
}
