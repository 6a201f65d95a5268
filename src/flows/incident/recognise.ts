import type { Category } from "../../cases/case.js";

/**
 * Recognises a wish to report from what a person writes, in Swedish or
 * English, without any external service: the commands themselves, and a
 * handful of everyday phrasings that also suggest the category.
 * Input is normalised command text (lower case, no mentions or markup).
 */
const COMMANDS = new Set([
  "rapportera",
  "rapportera incident",
  "rapportera en incident",
  "rapportera tillbud",
  "anmäl",
  "anmäl incident",
  "report",
  "report incident",
  "report an incident",
  "report a near miss",
]);

const PHRASES: { pattern: RegExp; category?: Category }[] = [
  {
    pattern:
      /skicka\w* (ett |en )?(mejl|mail|e-?post)\w* (till )?fel|fel (mejl|mail|e-?post)|(mejl|mail|e-?post)\w* (till|hamnade hos) fel/,
    category: "wrong_recipient_email",
  },
  {
    pattern: /sent (an |the )?e-?mail to the wrong|e-?mailed the wrong|wrong e-?mail (recipient|address)/,
    category: "wrong_recipient_email",
  },
  {
    pattern:
      /(sms|teams-?meddelande|meddelande)\w* till fel|sent (a |an )?(text|sms|teams message) to the wrong/,
    category: "wrong_recipient_message",
  },
  {
    pattern: /brev\w* till fel|skicka\w* fel brev|fel adress|letter to the wrong|wrong address/,
    category: "wrong_address_letter",
  },
  {
    pattern:
      /(tappat|tappade|glömt|glömde|förlorat|förlorade|blivit av med|stulen|stulits|stal)\b.*(dator|telefon|mobil|usb|papper|väska)|(lost|stolen|left)\b.*(laptop|phone|usb|papers|bag)|(dator|telefon|mobil|laptop|phone)\w*\b.*(stulen|stulits|borta|lost|stolen)/,
    category: "lost_or_stolen_device",
  },
  {
    pattern:
      /skyddad (adress|identitet|folkbokföring).*(röj|avslöj|läck)|(röj|avslöj|läck)\w* .*skyddad|protected (address|identity).*(revealed|disclosed|leaked)/,
    category: "protected_identity_revealed",
  },
  { pattern: /nätfiske|phishing|hackad|hacked|virus|skadlig kod|malware/, category: "malware_or_hacking" },
  { pattern: /publicer\w* av misstag|published by mistake/, category: "published_by_mistake" },
  {
    pattern:
      /personuppgiftsincident|incident med personuppgifter|data breach|personal data (incident|breach)|tillbud|near miss/,
  },
];

export interface Recognised {
  category?: Category;
}

export function recogniseReport(normalizedText: string): Recognised | undefined {
  if (COMMANDS.has(normalizedText)) return {};
  for (const { pattern, category } of PHRASES)
    if (pattern.test(normalizedText)) return category ? { category } : {};
  return undefined;
}
