import { z } from "zod";
import type { CardJson } from "../cards/render.js";
import { t } from "../cards/strings.js";
import {
  type Answers,
  AnswersSchema,
  CHANNELS,
  CIRCUMSTANCES,
  INFORMATION,
  RECIPIENTS,
} from "../flows/sendcheck/answers.js";
import { isComplete, isSendQuestion } from "../flows/sendcheck/check.js";
import type { Tally } from "../flows/sendcheck/counters.js";
import type { LexiconIndex } from "../flows/sendcheck/mentions.js";
import type { RuleTable } from "../flows/sendcheck/rules.js";
import { understand } from "../flows/sendcheck/understand.js";
import { containsPersonalNumber } from "../privacy/personal-number.js";
import type { AppServices } from "../services.js";
import type { SendCheckCounters } from "../store/sendcheck-counters.js";
import { type Feature, verb } from "./feature.js";
import { messageCard } from "./messages.js";
import { answerCard, askCard, type CheckFacts, questionCard } from "./sendcheck-view.js";
import { normalizeCommandText } from "./text.js";
import type { TurnInfo } from "./turn-info.js";

/** Pre-filled answers (from "Check another"); each is optional. */
const PrefillSchema = z.object({
  information: z.enum(INFORMATION).optional(),
  recipient: z.enum(RECIPIENTS).optional(),
  channel: z.enum(CHANNELS).optional(),
});
/** Circumstances travel as "a,b" (what a multi-select input sends); each must be one the table knows. */
const CircumstanceList = z
  .string()
  .max(200)
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(z.enum(CIRCUMSTANCES)));
const CheckSchema = AnswersSchema.extend({
  recipientKind: z
    .string()
    .regex(/^[a-z0-9_]{0,40}$/)
    .optional(),
  circumstances: CircumstanceList.optional(),
});
const HelpfulSchema = CheckSchema.extend({ helpful: z.enum(["yes", "no"]) });

/**
 * "May I send this?": a free-text question is read by the recogniser; with all
 * three facts it gets its verdict at once, with a fact missing or in doubt it
 * is asked that fact only, with nothing recognised the three questions. Every
 * verdict says what it understood, and one click corrects any fact (the card
 * is updated in place). Only anonymous weekly counters are stored.
 */
export function sendCheckFeature(
  services: AppServices,
  rules: RuleTable,
  lexicon: LexiconIndex,
  counters: SendCheckCounters,
): Feature {
  const { log } = services;
  const kinds = lexicon.lexicon.kinds;

  /** Counting must never cost the person their answer: a failed count is logged and the answer still shown. */
  async function count(turn: TurnInfo, answers: Answers, tally: Tally): Promise<void> {
    try {
      await counters.count(turn.orgId, turn.now, answers, rules.decide(answers).verdict, tally);
    } catch (err) {
      log.warn({ event: "sendcheck.count_failed", tally, err }, "send check counter not updated");
    }
  }

  /** A kind is only a label: one that is unknown or names another class than the answer is dropped. */
  function checked(input: z.infer<typeof CheckSchema>): CheckFacts {
    const { recipientKind, circumstances, information, recipient, channel } = input;
    const kind = recipientKind && kinds[recipientKind]?.class === recipient ? recipientKind : undefined;
    return {
      information,
      recipient,
      channel,
      circumstances: circumstances ?? [],
      ...(kind ? { recipientKind: kind } : {}),
    };
  }

  const answersOf = ({ information, recipient, channel }: CheckFacts): Answers => ({
    information,
    recipient,
    channel,
  });

  return {
    commands: [
      {
        id: "sendcheck",
        matches: (text) => isSendQuestion(text, lexicon),
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
          // A pasted personal identity number is itself what would be sent: understand reads it as one.
          const { facts, missing, conflicts } = understand(normalizeCommandText(text), lexicon);
          const asked = [...missing, ...conflicts.map((c) => c.fact)];
          if (isComplete(facts) && asked.length === 0) {
            await count(turn, answersOf(facts), "check");
            cards.push(answerCard(rules, lexicon.lexicon, facts, turn.locale, false));
          } else if (asked.length === 3) {
            cards.push(questionCard({}, turn.locale));
          } else {
            cards.push(askCard(facts, asked, conflicts, lexicon.lexicon, turn.locale));
          }
          log.info({ event: "sendcheck.read", asked }, "send question read");
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
        schema: CheckSchema,
        async run(input, turn) {
          const facts = checked(input);
          await count(turn, answersOf(facts), "check");
          return { card: answerCard(rules, lexicon.lexicon, facts, turn.locale, false) };
        },
      }),
      "sendcheck.helpful": verb({
        schema: HelpfulSchema,
        async run({ helpful, ...input }, turn) {
          const facts = checked(input);
          await count(turn, answersOf(facts), helpful === "yes" ? "helpfulYes" : "helpfulNo");
          return { card: answerCard(rules, lexicon.lexicon, facts, turn.locale, true) };
        },
      }),
    },
  };
}
