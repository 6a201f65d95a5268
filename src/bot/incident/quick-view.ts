import { localDateTime, localInputParts } from "../../cards/local-time.js";
import type { Locale } from "../../cards/locale.js";
import { plainText } from "../../cards/plain-text.js";
import type { CardJson } from "../../cards/render.js";
import { t } from "../../cards/strings.js";
import { CATEGORIES, PROTECTION_LEVELS } from "../../cases/case.js";
import { isLate } from "../../cases/deadline.js";
import type { IncidentDraft } from "../../flows/incident/draft.js";
import type { Problem } from "../../flows/incident/steps.js";
import { TEXT_LIMITS } from "../../flows/incident/steps.js";
import type { Units } from "../../org/units.js";
import { type Choice, choices, type FormInput, input, renderForm, withProblems } from "./form.js";

export interface QuickView {
  locale: Locale;
  units: Units;
  now: Date;
  /** What the person typed on the card that was refused: shown again as it was (never stored). */
  typed?: Record<string, unknown>;
  problems?: readonly Problem[];
}

const typeChoices = (locale: Locale): Choice[] => [
  { title: t(locale, "incident.what.typeIncident"), value: "incident" },
  { title: t(locale, "incident.what.typeNearMiss"), value: "near_miss" },
];

/**
 * The one card of a report: what was read from the person's words as a short
 * summary, and only what is missing as inputs. What was read can still be
 * changed (behind *Ändra*), and *Fyll i allt nu* leads through every step.
 */
export function quickCard(draft: IncidentDraft, view: QuickView): CardJson {
  const { locale, now } = view;
  const s = draft.suggested;
  const typed = (id: string, fallback: string) => {
    const v = view.typed?.[id];
    return typeof v === "string" ? v : fallback;
  };
  const discovered = s.discoveredAt ? localInputParts(s.discoveredAt) : undefined;
  const all: { known: boolean; input: FormInput }[] = [
    {
      known: s.category !== undefined,
      input: input(locale, {
        id: "category",
        kind: "choice",
        style: "compact",
        label: t(locale, "incident.what.category"),
        choices: choices(CATEGORIES, "case.category", locale),
        value: typed("category", s.category ?? ""),
        required: true,
        help: s.candidates?.length
          ? t(locale, "incident.quick.candidates", {
              list: s.candidates.map((c) => t(locale, `case.category.${c}`)).join(" / "),
            })
          : "",
      }),
    },
    {
      known: s.type !== undefined,
      input: input(locale, {
        id: "type",
        kind: "choice",
        label: t(locale, "incident.what.type"),
        choices: typeChoices(locale),
        value: typed("type", s.type ?? ""),
        required: true,
      }),
    },
    {
      known: s.protectionLevel !== undefined,
      input: input(locale, {
        id: "protectionLevel",
        kind: "choice",
        label: t(locale, "incident.what.protection"),
        choices: choices(PROTECTION_LEVELS, "case.protection", locale),
        value: typed("protectionLevel", s.protectionLevel ?? ""),
        required: true,
        help: t(locale, "incident.what.protectionHelp"),
      }),
    },
    {
      known: s.description !== undefined && !view.problems?.some((p) => p.field === "description"),
      input: input(locale, {
        id: "description",
        kind: "text",
        multiline: true,
        maxLength: TEXT_LIMITS.description,
        label: t(locale, "incident.quick.description"),
        value: typed("description", s.description ?? ""),
        required: true,
        help: t(locale, "incident.done.descriptionHelp"),
      }),
    },
    {
      known: discovered !== undefined,
      input: input(locale, {
        id: "discoveredDate",
        kind: "date",
        label: t(locale, "incident.when.discoveredDate"),
        value: typed("discoveredDate", discovered?.date ?? ""),
        max: localInputParts(now).date,
        required: true,
      }),
    },
    {
      known: discovered !== undefined,
      input: input(locale, {
        id: "discoveredTime",
        kind: "time",
        label: t(locale, "incident.quick.discoveredTime"),
        value: typed("discoveredTime", discovered?.time ?? ""),
      }),
    },
    {
      known: s.unitId !== undefined,
      input: input(locale, {
        id: "unitId",
        kind: "choice",
        style: "compact",
        label: t(locale, "incident.who.unit"),
        choices: view.units.all.map((u) => ({ title: u[locale], value: u.id })),
        value: typed("unitId", s.unitId ?? ""),
        required: true,
      }),
    },
  ];
  const late =
    (s.discoveredAt !== undefined && isLate(new Date(s.discoveredAt), now)) ||
    view.problems?.some((p) => p.field === "lateReason") ||
    typed("lateReason", "") !== "";
  if (late)
    all.push({
      known: false,
      input: input(locale, {
        id: "lateReason",
        kind: "text",
        multiline: true,
        maxLength: TEXT_LIMITS.lateReason,
        label: t(locale, "incident.late.reason"),
        value: typed("lateReason", ""),
        required: true,
        help: t(locale, "incident.late.text"),
      }),
    });
  const read = readFacts(draft, locale);
  const form = withProblems(
    {
      title: t(locale, read.length ? "incident.quick.titleRead" : "incident.quick.title"),
      intro: t(locale, "incident.quick.intro"),
      factsTitle: read.length ? t(locale, "incident.quick.understood") : "",
      facts: read,
      hidden: all.filter((a) => a.known).map((a) => a.input),
      toggleTitle: t(locale, "incident.quick.change"),
      askTitle: all.some((a) => !a.known) && read.length ? t(locale, "incident.quick.missing") : "",
      inputs: all.filter((a) => !a.known).map((a) => a.input),
      footnote: t(
        locale,
        s.type === "near_miss" ? "incident.quick.footnoteNearMiss" : "incident.quick.footnote",
      ),
      actions: [
        {
          title: t(locale, "incident.quick.file"),
          verb: "incident.file",
          data: { draftId: draft.id },
          style: "positive",
          inputs: "auto",
        },
        {
          title: t(locale, "incident.quick.full"),
          verb: "incident.full",
          data: { draftId: draft.id },
          style: "default",
          inputs: "auto",
        },
        {
          title: t(locale, "incident.cancel"),
          verb: "incident.cancel",
          data: { draftId: draft.id },
          style: "destructive",
          inputs: "none",
        },
      ],
    },
    view.problems ?? [],
    locale,
  );
  return renderForm(form, locale);
}

/** What the first words said, as the person reads it back. */
function readFacts(draft: IncidentDraft, locale: Locale): Choice[] {
  const s = draft.suggested;
  const f = (key: string, value: string) => ({ title: t(locale, `incident.summary.${key}`), value });
  const facts: Choice[] = [];
  if (s.category) facts.push(f("category", t(locale, `case.category.${s.category}`)));
  if (s.type) facts.push(f("type", t(locale, `case.type.${s.type}`)));
  if (s.protectionLevel) facts.push(f("protection", t(locale, `case.protection.${s.protectionLevel}`)));
  if (s.occurredAt) {
    const at = localDateTime(s.occurredAt, locale);
    facts.push(
      f("occurred", s.occurredApproximate ? `${at} (${t(locale, "incident.summary.approximately")})` : at),
    );
  }
  if (s.discoveredAt && s.discoveredAt === s.occurredAt)
    facts.push(
      f(
        "discovered",
        t(locale, "incident.quick.discoveredAssumed", { time: localDateTime(s.discoveredAt, locale) }),
      ),
    );
  if (s.description) facts.push(f("description", plainText(s.description)));
  return facts;
}
