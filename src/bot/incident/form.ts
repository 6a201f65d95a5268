import type { Locale } from "../../cards/locale.js";
import { type CardJson, render } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import type { Problem } from "../../flows/incident/steps.js";
import { userFacingText } from "../messages.js";
import { UserFacingError } from "../user-facing-error.js";

/**
 * One card template (`cards/incident/form.json`) for the forms built from a
 * list of inputs: the quick report and *Komplettera*. Each input carries its
 * label (a required one says so in words), the value to show (what the person
 * typed, after a refusal), and the problem to show beside it.
 */
export type Choice = { title: string; value: string };

export interface FormInput {
  id: string;
  kind: "choice" | "text" | "number" | "date" | "time" | "toggle";
  label: string;
  value: string;
  required: boolean;
  errorMessage: string;
  error: string;
  help: string;
  choices: Choice[];
  multi: boolean;
  style: "compact" | "expanded";
  multiline: boolean;
  maxLength: number;
  placeholder: string;
  max: string;
}

export interface FormAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style: "positive" | "destructive" | "default";
  inputs: "auto" | "none";
}

export interface Form {
  title: string;
  intro?: string;
  notice?: string;
  factsTitle?: string;
  facts?: Choice[];
  /** Inputs for what was read already, behind a "change" toggle (shown when one of them has a problem). */
  hidden?: FormInput[];
  toggleTitle?: string;
  askTitle?: string;
  inputs: FormInput[];
  footnote?: string;
  actions: FormAction[];
}

export const choices = (values: readonly string[], prefix: string, locale: Locale): Choice[] =>
  values.map((value) => ({ title: t(locale, `${prefix}.${value}`), value }));

/** An input with its label; `required` adds the words that say so, and the message shown when it is left empty. */
export function input(
  locale: Locale,
  spec: Partial<FormInput> & Pick<FormInput, "id" | "kind" | "label">,
): FormInput {
  const required = spec.required ?? false;
  return {
    value: "",
    error: "",
    help: "",
    choices: [],
    multi: false,
    style: "expanded",
    multiline: false,
    maxLength: 2000,
    placeholder: "",
    max: "",
    ...spec,
    required,
    label: required ? t(locale, "incident.form.requiredLabel", { label: spec.label }) : spec.label,
    errorMessage: required ? t(locale, "incident.form.requiredMissing", { label: spec.label }) : "",
  };
}

/** The text of a problem in the person's language. */
export function problemText(problem: Problem, locale: Locale): string {
  return userFacingText(new UserFacingError(problem.key, problem.params ?? {}), locale);
}

/** Puts each problem beside its input; a problem for no input (or a hidden one) also goes on top. */
export function withProblems(form: Form, problems: readonly Problem[], locale: Locale): Form {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const p of problems) {
    if (p.field && !byField.has(p.field)) byField.set(p.field, problemText(p, locale));
    else if (!p.field) general.push(problemText(p, locale));
  }
  const mark = (list: FormInput[] = []) => list.map((i) => ({ ...i, error: byField.get(i.id) ?? i.error }));
  const hidden = mark(form.hidden);
  const hiddenProblem = hidden.some((i) => i.error !== "");
  return {
    ...form,
    notice: [form.notice, ...general].filter(Boolean).join(" "),
    inputs: mark(form.inputs),
    hidden,
    ...(hiddenProblem ? { showHidden: true } : {}),
  };
}

export function renderForm(form: Form & { showHidden?: boolean }, locale: Locale): CardJson {
  return render(
    "incident/form",
    {
      intro: "",
      notice: "",
      factsTitle: "",
      facts: [],
      hidden: [],
      toggleTitle: "",
      askTitle: "",
      footnote: "",
      showHidden: false,
      ...form,
    },
    locale,
  );
}
