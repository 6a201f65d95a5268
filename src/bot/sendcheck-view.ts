import type { Locale } from "../cards/locale.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import {
  CHANNELS,
  CIRCUMSTANCES,
  type Circumstance,
  INFORMATION,
  RECIPIENTS,
} from "../flows/sendcheck/answers.js";
import { type CompleteFacts, decide } from "../flows/sendcheck/check.js";
import type { LexiconFile } from "../flows/sendcheck/lexicon.js";
import type { RuleTable } from "../flows/sendcheck/rules.js";
import type { Fact, Facts } from "../flows/sendcheck/understand.js";

/** The send check's cards: the three questions, the one question that is missing, and the verdict. */

export type CheckFacts = CompleteFacts & { recipientKind?: string };

const OPTIONS = { information: INFORMATION, recipient: RECIPIENTS, channel: CHANNELS } as const;

function choices(locale: Locale) {
  const of = (fact: Fact) =>
    OPTIONS[fact].map((value) => ({ value, title: t(locale, `sendcheck.${fact}.${value}`) }));
  return {
    informationChoices: of("information"),
    recipientChoices: of("recipient"),
    channelChoices: of("channel"),
    circumstanceChoices: CIRCUMSTANCES.map((value) => ({
      value,
      title: t(locale, `sendcheck.circumstance.${value}`),
    })),
  };
}

/** "personnummer · till en anhörig · via sms · från en privat telefon …": what the answer rests on. */
export function understoodLine(facts: Facts, lexicon: LexiconFile, locale: Locale): string {
  const parts: string[] = [];
  if (facts.information) parts.push(t(locale, `sendcheck.short.information.${facts.information}`));
  if (facts.recipient) {
    const kind = facts.recipientKind ? lexicon.kinds[facts.recipientKind] : undefined;
    const who =
      kind?.class === facts.recipient
        ? kind.label[locale]
        : t(locale, `sendcheck.short.recipient.${facts.recipient}`);
    parts.push(t(locale, "sendcheck.understood.to", { who }));
  }
  if (facts.channel) parts.push(t(locale, `sendcheck.short.channel.${facts.channel}`));
  for (const c of facts.circumstances) parts.push(t(locale, `sendcheck.circumstance.${c}`));
  return parts.length ? `${t(locale, "sendcheck.understood.prefix")}: ${parts.join(" · ")}` : "";
}

export function questionCard(prefill: Partial<Facts>, locale: Locale): CardJson {
  return render(
    "sendcheck/question",
    {
      information: prefill.information ?? "",
      recipient: prefill.recipient ?? "",
      channel: prefill.channel ?? "",
      recognised: Boolean(prefill.information ?? prefill.recipient ?? prefill.channel),
      ...choices(locale),
    },
    locale,
  );
}

/** Only the facts that are missing or conflict; what is known travels in the action's data. */
export function askCard(
  facts: Facts,
  asked: readonly Fact[],
  conflicts: { fact: Fact; values: string[] }[],
  lexicon: LexiconFile,
  locale: Locale,
): CardJson {
  const known: Record<string, string> = { circumstances: facts.circumstances.join(",") };
  for (const fact of ["information", "recipient", "channel"] as const)
    if (facts[fact] && !asked.includes(fact)) known[fact] = facts[fact]!;
  if (facts.recipientKind && !asked.includes("recipient")) known.recipientKind = facts.recipientKind;
  const conflict = conflicts
    .map((c) =>
      t(locale, "sendcheck.ask.conflict", {
        values: c.values
          .filter((v) => (OPTIONS[c.fact] as readonly string[]).includes(v))
          .map((v) => t(locale, `sendcheck.${c.fact}.${v}`))
          .join(" / "),
      }),
    )
    .join(" ");
  return render(
    "sendcheck/ask",
    {
      understood: understoodLine(
        { ...facts, ...Object.fromEntries(asked.map((f) => [f, undefined])) },
        lexicon,
        locale,
      ),
      conflict,
      askInformation: asked.includes("information"),
      askRecipient: asked.includes("recipient"),
      askChannel: asked.includes("channel"),
      information: "",
      recipient: "",
      channel: "",
      known,
      ...choices(locale),
    },
    locale,
  );
}

export function answerCard(
  rules: RuleTable,
  lexicon: LexiconFile,
  facts: CheckFacts,
  locale: Locale,
  thanked: boolean,
): CardJson {
  const answer = decide(rules, facts, locale);
  const circumstances: Circumstance[] = [...(facts.circumstances ?? [])];
  return render(
    "sendcheck/answer",
    {
      information: facts.information,
      recipient: facts.recipient,
      channel: facts.channel,
      recipientKind: facts.recipientKind ?? "",
      circumstances: circumstances.join(","),
      understood: understoodLine({ ...facts, circumstances }, lexicon, locale),
      verdict: answer.verdict,
      verdictTitle: t(locale, `sendcheck.verdict.${answer.verdict}`),
      conditions: answer.conditions.map((c) => `- ${c}`).join("\r"),
      reason: answer.reason,
      alternative: answer.alternative ?? "",
      ruleTitle: answer.reference.title,
      ruleLink: answer.reference.link ?? "",
      unknownLevel: facts.information === "protected_unknown",
      thanked,
      ...choices(locale),
    },
    locale,
  );
}
