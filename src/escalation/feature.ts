import { z } from "zod";
import { type Feature, type Role, type VerbResult, verb } from "../bot/feature.js";
import { messageCard, userFacingText } from "../bot/messages.js";
import type { ConfiguredRoles } from "../bot/roles.js";
import type { TurnInfo } from "../bot/turn-info.js";
import { type MessageParam, UserFacingError } from "../bot/user-facing-error.js";
import type { Locale } from "../cards/locale.js";
import { plainText } from "../cards/plain-text.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import { type Case, type CaseActor, INFORM_EXEMPTIONS } from "../cases/case.js";
import {
  actionPlanRefusal,
  decide,
  type LifecycleAction,
  type Refusal,
  sameActor,
} from "../cases/lifecycle.js";
import type { Organisations } from "../org/organisation.js";
import type { Units } from "../org/units.js";
import { FINDING_KINDS, findIdentifyingData } from "../privacy/guard.js";
import type { CaseRepository } from "../store/case-repository.js";
import { type ConversationReferences, conversationKey } from "../store/conversation-references.js";
import type { DsoChannels } from "../store/dso-channels.js";
import type { Stored } from "../store/repository.js";
import type { UnitManagers } from "../store/unit-managers.js";
import { CaseRef, cardDate, cardTime, caseId, localInstant, optionalText, text } from "./card-inputs.js";
import { actionPlanCard, type Escalation } from "./escalation.js";
import type { ExportLinks } from "./export-links.js";
import { NOTIFICATION_NON_TEXT_FIELDS, notificationVerbs } from "./notification-verbs.js";

export interface EscalationFeatureDeps {
  cases: CaseRepository;
  channels: DsoChannels;
  managers: UnitManagers;
  conversations: ConversationReferences;
  roles: ConfiguredRoles;
  units: Units;
  organisations: Organisations;
  escalation: Escalation;
  links: ExportLinks;
}

const DSO: Role[] = ["dso"];
const ADMIN: Role[] = ["admin"];
const ORG_EDITORS: Role[] = ["admin", "dso"];

const yesNo = z.enum(["yes", "no"]).transform((v) => v === "yes");
const aad = z.string().uuid();

function actorOf(turn: TurnInfo): CaseActor & { aadObjectId: string } {
  if (!turn.user.aadObjectId)
    throw new UserFacingError("errors.forbidden", { role: { key: "errors.roleDso" } });
  return { aadObjectId: turn.user.aadObjectId, name: turn.user.name ?? "" };
}

function refusalError(refusal: Refusal): UserFacingError {
  const params: Record<string, MessageParam> = {};
  if (refusal.code === "notAllowedInStatus") params.status = { key: `case.status.${refusal.status}` };
  if (refusal.code === "alreadyAssigned") params.assignee = plainText(refusal.assignee);
  return new UserFacingError(`escalation.refused.${refusal.code}`, params);
}

/** Fields of card data that are ids, dates or choices rather than typed text. */
const NOT_TYPED = new Set([
  "caseId",
  "v",
  "assignee",
  "reportedDate",
  "reportedTime",
  "dueDate",
  "actionPlanNotNeeded",
  "informExemption",
  ...NOTIFICATION_NON_TEXT_FIELDS,
]);

/** Fields that are meant to hold a person's name: the manager's, the owner of the action plan. */
const NAME_FIELDS = new Set(["name", "owner"]);

/** Typed text that would identify someone is refused before anything is stored; the person rewrites it. */
function refuseIdentifiers(input: object): void {
  const found = new Set(
    Object.entries(input).flatMap(([field, value]) =>
      typeof value === "string" && !NOT_TYPED.has(field)
        ? findIdentifyingData(value, { allow: NAME_FIELDS.has(field) ? ["name"] : [] })
        : [],
    ),
  );
  if (found.size > 0)
    throw new UserFacingError("escalation.identifying", {
      explanation: { findings: FINDING_KINDS.filter((k) => found.has(k)) },
    });
}

type Outcome = { after: Stored<Case>; refused?: Refusal; stale: boolean };

/** The DSO channel, the case card's actions, the reporter's answers, the manager's action plan and the registry of managers. */
export function escalationFeature(deps: EscalationFeatureDeps): Feature {
  const { cases, escalation } = deps;
  /** The case in the person's own organisation; anything else is "unknown" and changes nothing. */
  async function existingCase(turn: TurnInfo, caseId: string): Promise<Stored<Case>> {
    const c = await cases.get(turn.orgId, caseId);
    if (!c) throw new UserFacingError("escalation.unknownCase");
    return c;
  }

  /**
   * Runs one lifecycle action under the case's etag. The version check sits
   * inside the etag loop, so of two people acting on the same card version
   * exactly one wins; the other sees why and the fresh case.
   */
  async function apply(
    turn: TurnInfo,
    id: string,
    version: string | undefined,
    action: LifecycleAction,
  ): Promise<Outcome> {
    const actor = actorOf(turn);
    let refused: Refusal | undefined;
    let stale = false;
    const result = await cases.update(
      turn.orgId,
      id,
      (current) => {
        refused = undefined;
        stale = version !== undefined && current._etag !== version;
        if (stale) return undefined;
        const decision = decide(current, action, actor, turn.now);
        if (decision.ok) return decision.case;
        refused = decision.refusal;
        return undefined;
      },
      { actor, type: `case.${action.kind}` },
    );
    if (!result) throw new UserFacingError("escalation.unknownCase");
    return { after: result.after, refused, stale };
  }

  /** The DSO's own view of the case after an action, with what happened on top. */
  async function dsoCard(turn: TurnInfo, outcome: Outcome, done: string): Promise<VerbResult> {
    const notice = outcome.stale
      ? t(turn.locale, "escalation.stale")
      : outcome.refused
        ? userFacingText(refusalError(outcome.refused), turn.locale)
        : done;
    return { card: await escalation.channelCard(outcome.after, turn.locale, notice, true) };
  }

  const dsoAction = <S extends z.ZodType<{ caseId: string; v: string }>>(
    schema: S,
    toAction: (
      input: z.infer<S>,
      turn: TurnInfo,
      current: Stored<Case>,
    ) => Promise<LifecycleAction> | LifecycleAction,
    doneText: (turn: TurnInfo, after: Case) => string,
  ) =>
    verb({
      schema,
      roles: DSO,
      async run(input, turn) {
        refuseIdentifiers(input);
        const current = await cases.get(turn.orgId, input.caseId);
        if (!current) throw new UserFacingError("escalation.unknownCase");
        const outcome = await apply(turn, input.caseId, input.v, await toAction(input, turn, current));
        return dsoCard(turn, outcome, doneText(turn, outcome.after));
      },
    });

  /**
   * The case, if the caller is the one person `party` names on it. To anyone
   * else it does not exist: same answer as an unknown id, so a guessed or
   * forwarded id tells a stranger nothing (not even the case's status).
   */
  async function caseOf(
    turn: TurnInfo,
    caseId: string,
    party: (c: Case) => CaseActor,
  ): Promise<Stored<Case>> {
    const c = await cases.get(turn.orgId, caseId);
    if (!c || !sameActor(party(c), actorOf(turn))) throw new UserFacingError("escalation.unknownCase");
    return c;
  }

  /** An action by someone on the case (reporter, manager) from their personal chat: a refusal is a message. */
  const caseAction = <S extends z.ZodType<{ caseId: string }>>(
    schema: S,
    party: (c: Case) => CaseActor,
    toAction: (input: z.infer<S>) => LifecycleAction,
    savedKey: string,
  ) =>
    verb({
      schema,
      async run(input, turn) {
        refuseIdentifiers(input);
        await caseOf(turn, input.caseId, party);
        const outcome = await apply(turn, input.caseId, undefined, toAction(input));
        // The party changed between the look-up and the update (a new manager): still nobody else's business.
        if (outcome.refused?.code === "notTheReporter" || outcome.refused?.code === "notTheManager")
          throw new UserFacingError("escalation.unknownCase");
        if (outcome.refused) throw refusalError(outcome.refused);
        return { card: messageCard(turn.locale, t(turn.locale, savedKey, { number: outcome.after.number })) };
      },
    });

  const done = (key: string) => (turn: TurnInfo) => t(turn.locale, `escalation.done.${key}`);

  /** The responsible manager: the one named on the case, else the first registered for its unit. */
  async function managerFor(
    orgId: string,
    c: Case,
    locale: Locale,
  ): Promise<CaseActor & { aadObjectId: string }> {
    if (c.manager.aadObjectId) return { aadObjectId: c.manager.aadObjectId, name: c.manager.name };
    const registered = (await deps.managers.forUnit(orgId, c.unitId))[0];
    if (!registered)
      throw new UserFacingError("escalation.noManager", { unit: deps.units.name(c.unitId, locale) });
    return registered;
  }

  async function requireRole(turn: TurnInfo, allowed: Role[]): Promise<void> {
    const held = await deps.roles.rolesOf({ orgId: turn.orgId, aadObjectId: turn.user.aadObjectId });
    if (!allowed.some((r) => held.has(r)))
      throw new UserFacingError("errors.forbidden", {
        role: { key: allowed.includes("dso") ? "errors.roleDso" : "errors.roleAdmin" },
      });
  }

  async function setChannel(turn: TurnInfo): Promise<void> {
    const { teamId, channelId } = turn.conversation;
    const stored = await deps.conversations.get(
      turn.orgId,
      conversationKey("channel", { conversationId: turn.conversation.id }),
    );
    if (!teamId || !channelId || !stored) throw new UserFacingError("escalation.setup.notInChannel");
    await deps.channels.set({
      orgId: turn.orgId,
      teamId,
      channelId,
      // Top-level posts go to the channel itself, not to the thread the command was typed in.
      reference: { ...stored.reference, conversation: { ...stored.reference.conversation!, id: channelId } },
      locale: turn.locale,
      setAt: turn.now.toISOString(),
      setBy: turn.user.aadObjectId ?? "",
    });
    deps.roles.forget(turn.orgId);
    escalation.postUnposted(turn.orgId);
  }

  async function managersCard(turn: TurnInfo, notice = "", warning = false): Promise<CardJson> {
    const registry = await deps.managers.all(turn.orgId);
    const unitName = (id: string) => deps.units.name(id, turn.locale);
    return render(
      "escalation/managers",
      {
        notice,
        noticeStyle: warning ? "attention" : "good",
        rows: registry.map((r) => ({
          unit: unitName(r.unitId),
          names: r.managers.map((m) => plainText(m.name)).join(", "),
        })),
        units: deps.units.all.map((u) => ({ id: u.id, name: u[turn.locale] })),
        registered: registry.flatMap((r) =>
          r.managers.map((m) => ({
            title: `${unitName(r.unitId)}: ${plainText(m.name)}`,
            value: `${r.unitId}|${m.aadObjectId}`,
          })),
        ),
      },
      turn.locale,
    );
  }

  return {
    commands: [
      {
        id: "dso.setup",
        matches: (normalized) => normalized === "setup dso",
        async run(turn) {
          await requireRole(turn, ADMIN);
          if (turn.conversation.kind !== "channel" || !turn.conversation.channelId)
            throw new UserFacingError("escalation.setup.notInChannel");
          const existing = await deps.channels.get(turn.orgId);
          if (existing?.channelId === turn.conversation.channelId)
            return [messageCard(turn.locale, t(turn.locale, "escalation.setup.alreadyHere"))];
          if (existing)
            return [
              render(
                "escalation/setup-confirm",
                { teamId: turn.conversation.teamId, channelId: turn.conversation.channelId },
                turn.locale,
              ),
            ];
          await setChannel(turn);
          return [messageCard(turn.locale, t(turn.locale, "escalation.setup.done"))];
        },
      },
      {
        id: "managers",
        matches: (normalized) => normalized === "chefer" || normalized === "managers",
        async run(turn) {
          await requireRole(turn, ORG_EDITORS);
          return [await managersCard(turn)];
        },
      },
    ],
    verbs: {
      "dso.setup.confirm": verb({
        schema: z.object({ teamId: z.string().min(1).max(200), channelId: z.string().min(1).max(200) }),
        roles: ADMIN,
        async run(input, turn) {
          // The confirmation only moves the channel it was shown in.
          if (input.channelId !== turn.conversation.channelId || input.teamId !== turn.conversation.teamId)
            throw new UserFacingError("errors.invalidInput");
          await setChannel(turn);
          return { card: messageCard(turn.locale, t(turn.locale, "escalation.setup.done")) };
        },
      }),
      "dso.setup.cancel": verb({
        schema: z.object({}),
        roles: ADMIN,
        async run(_input, turn) {
          return { card: messageCard(turn.locale, t(turn.locale, "escalation.setup.cancelled")) };
        },
      }),

      /**
       * Teams asks for the actionable card for the DSO members listed in `refresh.userIds`;
       * everyone else keeps the read-only card, and a forged refresh by anyone else reads nothing.
       */
      "case.refresh": verb({
        schema: z.object({ caseId }),
        roles: DSO,
        async run(input, turn) {
          const c = await existingCase(turn, input.caseId);
          return { card: await escalation.channelCard(c, turn.locale, undefined, true) };
        },
      }),
      "case.take": dsoAction(CaseRef, () => ({ kind: "take" }), done("take")),
      "case.assign": dsoAction(
        CaseRef.extend({ assignee: aad }),
        async (input, turn) => {
          const member = (await deps.roles.dsoMembers(turn.orgId)).find(
            (m) => m.aadObjectId.toLowerCase() === input.assignee.toLowerCase(),
          );
          // Cases go to DSO members only.
          if (!member) throw new UserFacingError("errors.invalidInput");
          return { kind: "assign", to: { aadObjectId: member.aadObjectId, name: member.name } };
        },
        done("assign"),
      ),
      "case.assess": dsoAction(
        CaseRef.extend({
          notifyImy: yesNo,
          notifyImyReason: optionalText(2000),
          informSubjects: yesNo,
          informSubjectsReason: optionalText(2000),
          informExemption: z.union([z.enum(INFORM_EXEMPTIONS), z.literal("")]).optional(),
        }),
        (input) => ({
          kind: "assess",
          notifyImy: input.notifyImy,
          notifyImyReason: input.notifyImyReason,
          informSubjects: input.informSubjects,
          informSubjectsReason: input.informSubjectsReason,
          informExemption: input.informExemption || undefined,
        }),
        done("assess"),
      ),
      "case.ask": dsoAction(
        CaseRef.extend({ question: text(2000) }),
        (input) => ({ kind: "ask", question: input.question }),
        done("ask"),
      ),
      "case.markReported": dsoAction(
        CaseRef.extend({ reportedDate: cardDate, reportedTime: cardTime, reference: text(100) }),
        (input) => ({
          kind: "markReported",
          reportedAt: localInstant(input.reportedDate, input.reportedTime),
          reference: input.reference,
        }),
        done("markReported"),
      ),
      "case.requestActionPlan": dsoAction(
        CaseRef,
        async (_input, turn, current) => ({
          kind: "requestActionPlan",
          manager: await managerFor(turn.orgId, current, turn.locale),
        }),
        (turn, after) =>
          t(turn.locale, "escalation.done.requestActionPlan", { manager: plainText(after.manager.name) }),
      ),
      "case.close": dsoAction(
        CaseRef.extend({ actionPlanNotNeeded: z.enum(["true", "false"]).default("false") }),
        (input) => ({ kind: "close", actionPlanNotNeeded: input.actionPlanNotNeeded === "true" }),
        done("close"),
      ),
      "case.reopen": dsoAction(CaseRef, () => ({ kind: "reopen" }), done("reopen")),
      ...notificationVerbs({
        dsoAction,
        existingCase,
        units: deps.units,
        organisations: deps.organisations,
        links: deps.links,
      }),

      /** The reporter answers the DSO's question in personal chat (only the reporter; to others the case is unknown). */
      "case.answer": caseAction(
        z.object({ caseId, answer: text(2000) }),
        (c) => c.reporter,
        (input) => ({ kind: "answer", text: input.answer }),
        "escalation.reporter.answered",
      ),
      /** The responsible manager writes the action plan (only that manager; to others the case is unknown). */
      // The weekly digest's "Write action plan" button: the plan card, for the manager it was requested from.
      "case.actionPlan.open": verb({
        schema: z.object({ caseId }),
        async run(input, turn) {
          const c = await caseOf(turn, input.caseId, (found) => found.manager);
          const refusal = actionPlanRefusal(c, actorOf(turn));
          if (refusal) throw refusalError(refusal);
          return { card: actionPlanCard(c, deps.units, turn.locale) };
        },
      }),
      "case.writeActionPlan": caseAction(
        z.object({
          caseId,
          cause: text(2000),
          measures: text(4000),
          owner: text(200),
          dueDate: z.iso.date(),
        }),
        (c) => c.manager,
        ({ caseId: _id, ...plan }) => ({ kind: "writeActionPlan", ...plan }),
        "escalation.manager.saved",
      ),

      "managers.put": verb({
        schema: z.object({ unitId: z.string().min(1).max(64), manager: aad, name: text(200) }),
        roles: ORG_EDITORS,
        async run(input, turn) {
          refuseIdentifiers({ name: input.name });
          if (!deps.units.has(input.unitId)) throw new UserFacingError("escalation.managers.unknownUnit");
          const before = await deps.managers.forUnit(turn.orgId, input.unitId);
          const saved = await deps.managers.put(
            turn.orgId,
            input.unitId,
            { aadObjectId: input.manager, name: input.name },
            turn.user.aadObjectId ?? "",
          );
          if (saved && !before.some((m) => m.aadObjectId === input.manager)) {
            // Queued: reaching a person may take retries, and the card must be answered within seconds.
            deps.escalation.welcomeManager(
              turn.orgId,
              input.unitId,
              { aadObjectId: input.manager, name: input.name },
              turn.user.aadObjectId,
            );
          }
          const key = saved ? "escalation.managers.saved" : "escalation.managers.full";
          return { card: await managersCard(turn, t(turn.locale, key), !saved) };
        },
      }),
      "managers.remove": verb({
        schema: z.object({ entry: z.string().regex(/^[a-z0-9-]{1,64}\|[0-9a-fA-F-]{36}$/) }),
        roles: ORG_EDITORS,
        async run(input, turn) {
          const [unitId, manager] = input.entry.split("|") as [string, string];
          const removed = await deps.managers.remove(
            turn.orgId,
            unitId,
            manager,
            turn.user.aadObjectId ?? "",
          );
          const key = removed ? "escalation.managers.removed" : "escalation.managers.notFound";
          return { card: await managersCard(turn, t(turn.locale, key), !removed) };
        },
      }),
    },
  };
}
