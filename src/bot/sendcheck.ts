import { z } from "zod";
import type { Locale } from "../cards/locale.js";
import { type CardJson, render } from "../cards/render.js";
import { t } from "../cards/strings.js";
import {
  type Answers,
  AnswersSchema,
  CHANNELS,
  INFORMATION,
  RECIPIENTS,
} from "../flows/sendcheck/answers.js";
import type { Tally } from "../flows/sendcheck/counters.js";
import { isSendQuestion, type Recognised, recognise } from "../flows/sendcheck/recognise.js";
import type { RuleTable } from "../flows/sendcheck/rules.js";
import { containsPersonalNumber } from "../privacy/personal-number.js";
import type { AppServices } from "../services.js";
import type { SendCheckCounters } from "../store/sendcheck-counters.js";
import { type Feature, verb } from "./feature.js";
import { messageCard } from "./messages.js";
import { normalizeCommandText } from "./text.js";
import type { TurnInfo } from "./turn-info.js";

/** Pre-filled answers (from "Check another" or a recognised question); each is optional. */
const PrefillSchema = z.object({
  information: z.enum(INFORMATION).optional(),
  recipient: z.enum(RECIPIENTS).optional(),
  channel: z.enum(CHANNELS).optional(),
});
const HelpfulSchema = AnswersSchema.extend({ helpful: z.enum(["yes", "no"]) });

function questionCard(prefill: Recognised, locale: Locale): CardJson {
  return render(
    "sendcheck/question",
    {
      information: prefill.information ?? "",
      recipient: prefill.recipient ?? "",
      channel: prefill.channel ?? "",
      recognised: Object.keys(prefill).length > 0,
    },
    locale,
  );
}

function answerCard(rules: RuleTable, answers: Answers, locale: Locale, thanked: boolean): CardJson {
  const decision = rules.decide(answers);
  const text = (id: string) => rules.texts[id]![locale];
  const reference = rules.references[decision.rule]!;
  return render(
    "sendcheck/answer",
    {
      ...answers,
      verdict: decision.verdict,
      verdictTitle: t(locale, `sendcheck.verdict.${decision.verdict}`),
      conditions: decision.conditions.map((id) => `- ${text(id)}`).join("\r"),
      reason: text(decision.reason),
      alternative: decision.alternative ? text(decision.alternative) : "",
      ruleTitle: reference.title[locale],
      ruleLink: reference.link ?? "",
      unknownLevel: answers.information === "protected_unknown",
      informationLabel: t(locale, `sendcheck.information.${answers.information}`),
      recipientLabel: t(locale, `sendcheck.recipient.${answers.recipient}`),
      channelLabel: t(locale, `sendcheck.channel.${answers.channel}`),
      thanked,
    },
    locale,
  );
}

/**
 * "May I send this?": a command or free-text question opens one card with the
 * three questions (pre-filled from recognised words); the answer card gives the
 * verdict from the rule table. Only anonymous weekly counters are stored.
 */
export function sendCheckFeature(
  services: AppServices,
  rules: RuleTable,
  counters: SendCheckCounters,
): Feature {
  const { log } = services;

  /** Counting must never cost the person their answer: a failed count is logged and the answer still shown. */
  async function count(turn: TurnInfo, answers: Answers, tally: Tally): Promise<void> {
    try {
      await counters.count(turn.orgId, turn.now, answers, rules.decide(answers).verdict, tally);
    } catch (err) {
      log.warn({ event: "sendcheck.count_failed", tally, err }, "send check counter not updated");
    }
  }

  return {
    commands: [
      {
        id: "sendcheck",
        matches: isSendQuestion,
        async run(turn, text) {
          const cards: CardJson[] = [];
          if (containsPersonalNumber(text)) {
            log.info({ event: "sendcheck.personal_number_pasted" }, "reminded not to paste identifying data");
            cards.push(
              messageCard(turn.locale, t(turn.locale, "sendcheck.question.personalNumber"), {
                tone: "warning",
              }),
            );
          }
          cards.push(questionCard(recognise(normalizeCommandText(text)), turn.locale));
          return cards;
        },
      },
    ],
    verbs: {
      "sendcheck.start": verb({
        schema: PrefillSchema,
        run: async (prefill, turn) => ({ card: questionCard(prefill, turn.locale) }),
      }),
      "sendcheck.answer": verb({
        schema: AnswersSchema,
        async run(answers, turn) {
          await count(turn, answers, "check");
          return { card: answerCard(rules, answers, turn.locale, false) };
        },
      }),
      "sendcheck.helpful": verb({
        schema: HelpfulSchema,
        async run({ helpful, ...answers }, turn) {
          await count(turn, answers, helpful === "yes" ? "helpfulYes" : "helpfulNo");
          return { card: answerCard(rules, answers, turn.locale, true) };
        },
      }),
    },
  };
}
