/**
 * What people say to a bot besides their errand: asking for help or what it
 * can do, greeting, thanking. Matched on the whole message (a greeting in
 * front of a report is a report), in Swedish or English.
 */
export type SmallTalk = "help" | "capabilities" | "greeting" | "thanks";

const PATTERNS: { kind: SmallTalk; pattern: RegExp }[] = [
  {
    kind: "help",
    pattern:
      /^(hjälp|hjalp|help|\?|meny|menu|start|jag behöver hjälp|hjälp mig|kan du hjälpa mig|help me|i need help|can you help me)$/,
  },
  {
    kind: "capabilities",
    pattern:
      /^(vad kan (du|jag) (göra|gora|hjälpa (mig )?med)|vad kan du|vad gör du|vad är du|vem är du|hur funkar (det|du)|hur fungerar (det|du)|vad används du till|what can you do|what (do|can) you (do|help (me )?with)|who are you|what are you|how does (this|it) work|how do you work)$/,
  },
  {
    kind: "greeting",
    pattern:
      /^(hej|hejsan|hej hej|hallå|halla|tjena|tja|god ?morgon|goddag|god dag|hi|hello|hey|hiya|good (morning|afternoon|day))$/,
  },
  {
    kind: "thanks",
    pattern:
      /^(tack|tack så mycket|tack så mkt|tusen tack|tackar|stort tack|tack för hjälpen|thanks|thank you|thank you very much|thanks a lot|thx|ty|cheers)$/,
  },
];

export function recogniseSmallTalk(normalizedText: string): SmallTalk | undefined {
  const text = normalizedText
    .replace(/\b(värna|varna)\b/g, " ")
    .replace(/[\p{Emoji_Presentation}\p{Extended_Pictographic}!?.,;:]+/gu, (m) => (m === "?" ? " ? " : " "))
    .replace(/\s+/g, " ")
    .trim();
  const plain = text.replace(/\s*\?$/, "").trim() || text;
  return PATTERNS.find((p) => p.pattern.test(plain) || p.pattern.test(text))?.kind;
}
