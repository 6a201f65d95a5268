import { z } from "zod";
import {
  type Answers,
  CHANNELS,
  type Channel,
  CIRCUMSTANCES,
  type Circumstance,
  INFORMATION,
  type Information,
  isProtected,
  PROTECTED_LEVELS,
  type ProtectedLevel,
  RECIPIENTS,
  type Recipient,
  strictness,
  TABLE_INFORMATION,
  type TableInformation,
  VERDICTS,
  type Verdict,
} from "./answers.js";

/**
 * The "may I send this?" rule table as data, and the engine that turns it into
 * one decision for every combination of the three answers.
 *
 * Three layers, applied in this order for (information, recipient, channel):
 * 1. `cells`: exactly one per information × channel (the table in domain.md §3);
 * 2. `recipientRules`: at most one per combination; it replaces the cell;
 * 3. `protectedRules` (protected levels only) and `guardRules` (any information,
 *    optionally only when the question names a circumstance such as an
 *    unencrypted stick): every one that matches is applied and the stricter of
 *    it and the result so far wins, so a guard never loosens an answer (equal
 *    verdicts keep both conditions).
 * "Protected, level unknown" takes the strictest answer of the three levels.
 */

const Localized = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof Localized>;

const TextId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a text id: letters, digits, - and _");

const OutcomeFields = {
  verdict: z.enum(VERDICTS),
  condition: TextId.optional(),
  reason: TextId,
  rule: TextId,
  alternative: TextId.optional(),
};

const CellSchema = z
  .object({ information: z.enum(TABLE_INFORMATION), channel: z.enum(CHANNELS), ...OutcomeFields })
  .strict();

const MatchFields = {
  id: TextId,
  information: z.array(z.enum(TABLE_INFORMATION)).min(1).optional(),
  recipients: z.array(z.enum(RECIPIENTS)).min(1).optional(),
  channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  ...OutcomeFields,
};
const RecipientRuleSchema = z.object(MatchFields).strict();
const ProtectedRuleSchema = z
  .object({ ...MatchFields, information: z.array(z.enum(PROTECTED_LEVELS)).min(1).optional() })
  .strict();
/** A guard applies only when every circumstance it lists is in the question. */
const GuardRuleSchema = z
  .object({ ...MatchFields, circumstances: z.array(z.enum(CIRCUMSTANCES)).min(1).optional() })
  .strict();

const ReferenceSchema = z.object({ title: Localized, link: z.string().url().optional() }).strict();

/** Files without `format` were written for the table before SDK and secure messaging were split (see migrate.ts). */
export const RULE_FORMAT = 2;
const Format = z.literal(RULE_FORMAT).optional();

export const RuleFileSchema = z
  .object({
    format: Format,
    version: z.string().min(1),
    references: z.record(TextId, ReferenceSchema),
    texts: z.record(TextId, Localized),
    cells: z.array(CellSchema),
    recipientRules: z.array(RecipientRuleSchema).default([]),
    protectedRules: z.array(ProtectedRuleSchema).default([]),
    guardRules: z.array(GuardRuleSchema).default([]),
  })
  .strict();
export type RuleFile = z.infer<typeof RuleFileSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type MatchRule = z.infer<typeof GuardRuleSchema>;

/** A municipality's file: the same shape, every part optional; cells replace by information × channel, rules by id. */
export const OverrideFileSchema = z
  .object({
    format: Format,
    version: z.string().min(1),
    references: z
      .record(TextId, z.object({ title: Localized.optional(), link: z.string().url().optional() }).strict())
      .default({}),
    texts: z.record(TextId, Localized).default({}),
    cells: z.array(CellSchema).default([]),
    recipientRules: z.array(RecipientRuleSchema).default([]),
    protectedRules: z.array(ProtectedRuleSchema).default([]),
    guardRules: z.array(GuardRuleSchema).default([]),
  })
  .strict();
export type OverrideFile = z.infer<typeof OverrideFileSchema>;

/** What the table says for one combination: ids into `texts` and `references`. */
export interface Decision {
  verdict: Verdict;
  conditions: string[];
  reason: string;
  rule: string;
  alternative?: string;
  /** The cell and rules that decided it, for the DSO's review table. */
  decidedBy: string[];
}

export interface RuleTable {
  version: string;
  references: RuleFile["references"];
  texts: RuleFile["texts"];
  /** Circumstances named in the question can only make the answer stricter. */
  decide(answers: Answers, circumstances?: readonly Circumstance[]): Decision;
}

/** A gap, a conflict or a broken entry; the message names the cell or rule. */
export class RuleTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleTableError";
  }
}

export function cellName(information: string, channel: string, recipient?: string): string {
  return recipient === undefined
    ? `information=${information} × channel=${channel}`
    : `information=${information} × recipient=${recipient} × channel=${channel}`;
}

function matches(
  rule: MatchRule,
  information: TableInformation,
  recipient: Recipient,
  channel: Channel,
  circumstances: readonly Circumstance[] = [],
) {
  return (
    (rule.information?.includes(information as never) ?? true) &&
    (rule.recipients?.includes(recipient) ?? true) &&
    (rule.channels?.includes(channel) ?? true) &&
    (rule.circumstances?.every((c) => circumstances.includes(c)) ?? true)
  );
}

function checkOutcome(file: RuleFile, name: string, o: z.infer<z.ZodObject<typeof OutcomeFields>>): void {
  if (o.verdict === "yes_if" && !o.condition) throw new RuleTableError(`${name}: "yes_if" needs a condition`);
  if (o.verdict !== "yes" && !o.alternative)
    throw new RuleTableError(`${name}: a verdict other than "yes" needs a safe alternative`);
  for (const field of ["condition", "reason", "alternative"] as const) {
    const id = o[field];
    if (id !== undefined && !file.texts[id])
      throw new RuleTableError(`${name}: ${field} text "${id}" is not defined`);
  }
  if (!file.references[o.rule])
    throw new RuleTableError(`${name}: rule reference "${o.rule}" is not defined`);
}

function onlyMatch(
  rules: readonly MatchRule[],
  kind: string,
  information: TableInformation,
  recipient: Recipient,
  channel: Channel,
): MatchRule | undefined {
  const found = rules.filter((r) => matches(r, information, recipient, channel));
  if (found.length > 1)
    throw new RuleTableError(
      `conflict at ${cellName(information, channel, recipient)}: ${kind} rules "${found[0]!.id}" and "${found[1]!.id}" both apply`,
    );
  return found[0];
}

function fromOutcome(o: Cell | MatchRule, by: string): Decision {
  return {
    verdict: o.verdict,
    conditions: o.condition ? [o.condition] : [],
    reason: o.reason,
    rule: o.rule,
    ...(o.alternative ? { alternative: o.alternative } : {}),
    decidedBy: [by],
  };
}

/** The stricter decision wins; on equal verdicts the guard speaks and both conditions are kept. */
function guardWins(current: Decision, rule: MatchRule, kind: string): Decision {
  const candidate = fromOutcome(rule, `${kind} rule ${rule.id}`);
  const diff = strictness(candidate.verdict) - strictness(current.verdict);
  if (diff < 0) return current;
  if (diff > 0) return { ...candidate, decidedBy: [...current.decidedBy, ...candidate.decidedBy] };
  return {
    ...candidate,
    conditions: [...new Set([...current.conditions, ...candidate.conditions])],
    decidedBy: [...current.decidedBy, ...candidate.decidedBy],
  };
}

/** When the level is unknown, the strictest level decides (the most severe level first on a tie). */
const LEVELS_BY_SEVERITY: ProtectedLevel[] = [
  "skyddad_folkbokforing",
  "fingerade_personuppgifter",
  "sekretessmarkering",
];

/** Every set of circumstances a question can name, as sorted lists (the empty set first). */
const CIRCUMSTANCE_SETS: Circumstance[][] = [[]];
for (const c of CIRCUMSTANCES) for (const set of [...CIRCUMSTANCE_SETS]) CIRCUMSTANCE_SETS.push([...set, c]);

function key(
  information: Information,
  recipient: Recipient,
  channel: Channel,
  circumstances: readonly Circumstance[] = [],
): string {
  const named = CIRCUMSTANCES.filter((c) => circumstances.includes(c)).join(",");
  return `${information}|${recipient}|${channel}|${named}`;
}

/**
 * Proves the table complete and unambiguous by resolving every combination up
 * front; throws RuleTableError naming the first gap or conflict.
 */
export function buildRuleTable(file: RuleFile): RuleTable {
  const cells = new Map<string, Cell>();
  for (const cell of file.cells) {
    const name = cellName(cell.information, cell.channel);
    if (cells.has(name)) throw new RuleTableError(`conflict at ${name}: the cell is defined twice`);
    checkOutcome(file, name, cell);
    cells.set(name, cell);
  }
  const ruleIds = new Set<string>();
  for (const rule of [...file.recipientRules, ...file.protectedRules, ...file.guardRules]) {
    if (ruleIds.has(rule.id)) throw new RuleTableError(`conflict: rule id "${rule.id}" is used twice`);
    ruleIds.add(rule.id);
    checkOutcome(file, `rule ${rule.id}`, rule);
  }

  const decisions = new Map<string, Decision>();
  for (const information of TABLE_INFORMATION) {
    for (const channel of CHANNELS) {
      const cell = cells.get(cellName(information, channel));
      if (!cell)
        throw new RuleTableError(`gap at ${cellName(information, channel)}: no cell gives a verdict`);
      for (const recipient of RECIPIENTS) {
        const byRecipient = onlyMatch(file.recipientRules, "recipient", information, recipient, channel);
        const base = byRecipient
          ? fromOutcome(byRecipient, `recipient rule ${byRecipient.id}`)
          : fromOutcome(cell, `cell ${cellName(information, channel)}`);
        for (const circumstances of CIRCUMSTANCE_SETS) {
          let decision = base;
          for (const [kind, rules] of [
            ["protected", file.protectedRules],
            ["guard", file.guardRules],
          ] as const)
            for (const rule of rules)
              if (matches(rule, information, recipient, channel, circumstances))
                decision = guardWins(decision, rule, kind);
          decisions.set(key(information, recipient, channel, circumstances), decision);
        }
      }
    }
  }
  for (const recipient of RECIPIENTS) {
    for (const channel of CHANNELS) {
      for (const circumstances of CIRCUMSTANCE_SETS) {
        const strictest = LEVELS_BY_SEVERITY.map(
          (level) => decisions.get(key(level, recipient, channel, circumstances))!,
        ).reduce((a, b) => (strictness(b.verdict) > strictness(a.verdict) ? b : a));
        decisions.set(key("protected_unknown", recipient, channel, circumstances), strictest);
      }
    }
  }

  return {
    version: file.version,
    references: file.references,
    texts: file.texts,
    decide: ({ information, recipient, channel }, circumstances = []) =>
      decisions.get(key(information, recipient, channel, circumstances))!,
  };
}

/** Cells replace by information × channel, rules by id, texts and references by id; the version records both. */
export function applyOverride(base: RuleFile, override: OverrideFile): RuleFile {
  const references = { ...base.references };
  for (const [id, ref] of Object.entries(override.references)) {
    const title = ref.title ?? references[id]?.title;
    if (!title) throw new RuleTableError(`rule reference "${id}": a new reference needs a title`);
    references[id] = { ...references[id], title, ...(ref.link ? { link: ref.link } : {}) };
  }
  const byCell = (c: Cell) => cellName(c.information, c.channel);
  const replaced = new Set(override.cells.map(byCell));
  const mergeRules = <R extends { id: string }>(a: R[], b: R[]) => [
    ...a.filter((r) => !b.some((o) => o.id === r.id)),
    ...b,
  ];
  return {
    format: base.format,
    version: `${base.version}+${override.version}`,
    references,
    texts: { ...base.texts, ...override.texts },
    cells: [...base.cells.filter((c) => !replaced.has(byCell(c))), ...override.cells],
    recipientRules: mergeRules(base.recipientRules, override.recipientRules),
    protectedRules: mergeRules(base.protectedRules, override.protectedRules),
    guardRules: mergeRules(base.guardRules, override.guardRules),
  };
}

/** Every combination, in table order (for the review table and the tests). */
export function* allAnswers(): Generator<Answers> {
  for (const recipient of RECIPIENTS)
    for (const information of INFORMATION)
      for (const channel of CHANNELS) yield { information, recipient, channel };
}

/** An override may tighten what is said about protected persons, never loosen it (with or without circumstances). */
export function assertProtectedNotLoosened(baseline: RuleTable, effective: RuleTable): void {
  for (const circumstances of CIRCUMSTANCE_SETS) {
    for (const answers of allAnswers()) {
      if (!isProtected(answers.information)) continue;
      const before = baseline.decide(answers, circumstances).verdict;
      const after = effective.decide(answers, circumstances).verdict;
      if (strictness(after) < strictness(before)) {
        const when = circumstances.length ? ` (when the question says: ${circumstances.join(", ")})` : "";
        throw new RuleTableError(
          `${cellName(answers.information, answers.channel, answers.recipient)}${when}: the override would loosen a protected-data rule from "${before}" to "${after}"`,
        );
      }
    }
  }
}
