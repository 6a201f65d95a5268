import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { assess } from "../../src/cases/assessment.js";
import { CaseSchema, type PreliminaryAssessment, SEVERITIES, type Severity } from "../../src/cases/case.js";

/**
 * The labelled scenario sets for the preliminary assessment (eval/assessment/*.json) and how the assessment is
 * measured against them: agreement per decision, and the dangerous under-ratings that must never happen.
 */

export const SETS = {
  edpb: "edpb-01-2021.json",
  municipal: "municipal.json",
  holdback: "municipal-holdback.json",
} as const;
export type SetName = keyof typeof SETS;

/** The facts a scenario gives: the report's first answers, then the optional further facts. Typos are refused. */
const FactsSchema = CaseSchema.pick({
  type: true,
  category: true,
  protectionLevel: true,
  dataCategories: true,
  subjectGroups: true,
  approxSubjects: true,
  breachTypes: true,
  encrypted: true,
  seenByUnauthorised: true,
  ongoing: true,
})
  .extend(
    CaseSchema.pick({
      cause: true,
      recipient: true,
      deletionConfirmed: true,
      safetyRisk: true,
      encryptionKeySafe: true,
      intent: true,
      alreadyPublic: true,
      revealing: true,
      identifiable: true,
      restoration: true,
      outage: true,
      serviceImpact: true,
      recipientCount: true,
      recipientLink: true,
      exposure: true,
      dependence: true,
    }).partial().shape,
  )
  .strict();

const ScenarioSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  source: z.string().optional(),
  area: z.string().optional(),
  facts: FactsSchema,
  expected: z.object({
    severity: z.enum(SEVERITIES).optional(),
    notifyImy: z.boolean(),
    informSubjects: z.boolean(),
  }),
  rationale: z.string().optional(),
  note: z.string().optional(),
});

const SetSchema = z.object({ set: z.string(), scenarios: z.array(ScenarioSchema).min(1) });

export type Scenario = z.infer<typeof ScenarioSchema>;

export function loadSet(name: SetName): Scenario[] {
  const file = path.join(__dirname, SETS[name]);
  const parsed = SetSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.scenarios;
}

export interface Outcome {
  scenario: Scenario;
  result: PreliminaryAssessment;
  notifyAgrees: boolean;
  informAgrees: boolean;
  /** Undefined where the scenario has no severity label (the EDPB gives none). */
  severityAgrees?: boolean;
  /** Each way this result under-rates a scenario that needs more: never acceptable. */
  dangerous: string[];
}

const HIGH: ReadonlySet<Severity> = new Set(["high", "very_high"]);

export function evaluate(scenario: Scenario): Outcome {
  const result = assess(scenario.facts);
  const { expected } = scenario;
  const dangerous: string[] = [];
  if (expected.notifyImy && !result.notifyImyLikely) dangerous.push("does not notify IMY where required");
  if (expected.informSubjects && !result.informSubjectsLikely)
    dangerous.push("does not inform the people where required");
  // A scenario that requires informing the people is high risk by art. 34, whatever its label says.
  const highRisk =
    expected.informSubjects || (expected.severity !== undefined && HIGH.has(expected.severity));
  if (highRisk && !HIGH.has(result.severity)) dangerous.push(`high-risk case rated ${result.severity}`);
  return {
    scenario,
    result,
    notifyAgrees: result.notifyImyLikely === expected.notifyImy,
    informAgrees: result.informSubjectsLikely === expected.informSubjects,
    severityAgrees: expected.severity === undefined ? undefined : result.severity === expected.severity,
    dangerous,
  };
}

export interface Summary {
  total: number;
  notify: number;
  inform: number;
  both: number;
  severity: { agree: number; labelled: number };
  dangerous: Outcome[];
  disagreements: Outcome[];
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const labelled = outcomes.filter((o) => o.severityAgrees !== undefined);
  return {
    total: outcomes.length,
    notify: outcomes.filter((o) => o.notifyAgrees).length,
    inform: outcomes.filter((o) => o.informAgrees).length,
    both: outcomes.filter((o) => o.notifyAgrees && o.informAgrees).length,
    severity: { agree: labelled.filter((o) => o.severityAgrees).length, labelled: labelled.length },
    dangerous: outcomes.filter((o) => o.dangerous.length > 0),
    disagreements: outcomes.filter((o) => !o.notifyAgrees || !o.informAgrees || o.severityAgrees === false),
  };
}
