import type { CaseType, Category, ProtectionLevel } from "../../src/cases/case.js";

/**
 * How staff describe incidents, one line per phrasing, written from the
 * categories and the do-this-now table in domain.md §2.2 (and the examples in
 * §1): Swedish and English, with typos and without punctuation. `ask` means
 * the words leave the category open: the reading must ask rather than guess.
 * A field left out is not checked.
 */
export interface Phrasing {
  text: string;
  category?: Category;
  type?: CaseType;
  protectionLevel?: ProtectionLevel;
  urgent?: boolean;
  ask?: true;
}

/** Used while writing the reader. */
export const TUNING: Phrasing[] = [
  // e-mail to the wrong recipient
  { text: "Jag skickade ett mejl till fel person", category: "wrong_recipient_email", type: "incident" },
  { text: "jag råkade mejla ett beslut till fel mottagare", category: "wrong_recipient_email" },
  { text: "skickade mailet till fel kalle", category: "wrong_recipient_email" },
  { text: "ett mejl med utredningen hamnade hos fel förälder", category: "wrong_recipient_email" },
  { text: "I sent an email to the wrong person", category: "wrong_recipient_email", type: "incident" },
  { text: "Jag svarade alla på ett mejl med klientuppgifter", category: "wrong_recipient_email" },
  {
    text: "alla mottagare syntes i ett utskick via e-post, borde ha varit hemlig kopia",
    category: "wrong_recipient_email",
  },
  // letter to the wrong address, visible in a window envelope
  { text: "ett brev skickades till fel adress", category: "wrong_address_letter" },
  { text: "beslutet syntes genom fönsterkuvertet", category: "wrong_address_letter" },
  { text: "We posted a letter to the wrong address", category: "wrong_address_letter" },
  // SMS or Teams to the wrong person
  { text: "jag skickade ett sms till fel vårdnadshavare", category: "wrong_recipient_message" },
  { text: "skrev i fel teams chatt om en klient", category: "wrong_recipient_message" },
  {
    text: "sent a teams message about a patient to the wrong colleague",
    category: "wrong_recipient_message",
  },
  // lost or stolen
  {
    text: "jag tappade min jobbtelefon på bussen igår kväll",
    category: "lost_or_stolen_device",
    type: "incident",
  },
  { text: "min bärbara dator blev stulen ur bilen", category: "lost_or_stolen_device" },
  { text: "glömde en pärm med elevakter på tåget", category: "lost_or_stolen_device" },
  { text: "My work laptop was stolen", category: "lost_or_stolen_device" },
  { text: "usb-stickan med underlagen är borta", category: "lost_or_stolen_device" },
  // unauthorised access
  { text: "en kollega har tittat i journaler hen inte jobbar med", category: "unauthorised_access" },
  { text: "någon har läst akter utan behörighet i verksamhetssystemet", category: "unauthorised_access" },
  {
    text: "a colleague looked at records of a client they are not working with",
    category: "unauthorised_access",
  },
  // protected identity revealed
  {
    text: "adressen till en person med skyddad identitet syntes i ett brev",
    category: "protected_identity_revealed",
    urgent: true,
  },
  {
    text: "en handläggare berättade i telefon vilken kommun en kvinna med skyddad folkbokföring bor i",
    category: "protected_identity_revealed",
    protectionLevel: "skyddad_folkbokforing",
    urgent: true,
  },
  {
    text: "the new name of a child with fictitious identity was sent to the mother",
    category: "protected_identity_revealed",
    protectionLevel: "fingerade_personuppgifter",
    urgent: true,
  },
  // public records request
  {
    text: "vi lämnade ut en allmän handling utan att maska personnummer",
    category: "public_records_disclosure",
  },
  {
    text: "documents released under a public records request were not redacted",
    category: "public_records_disclosure",
  },
  // published by mistake
  { text: "ett protokoll med namn publicerades på hemsidan av misstag", category: "published_by_mistake" },
  { text: "we published a list of pupils on the intranet by mistake", category: "published_by_mistake" },
  // availability and integrity
  { text: "filerna i mappen för ärendena raderades och finns inte i säkerhetskopian", category: "data_lost" },
  { text: "uppgifter i registret skrevs över med fel värden", category: "data_altered" },
  // malware and phishing
  {
    text: "jag klickade på en länk i ett nätfiskemejl och skrev mitt lösenord",
    category: "malware_or_hacking",
  },
  { text: "my account was hacked", category: "malware_or_hacking" },
  // near misses
  { text: "rapportera tillbud", type: "near_miss", ask: true },
  {
    text: "jag höll på att skicka ett mejl till fel person men upptäckte det",
    category: "wrong_recipient_email",
    type: "near_miss",
  },
  { text: "var nära att lämna ut en skyddad adress", type: "near_miss", urgent: true },
  {
    text: "I nearly sent an email to the wrong person",
    category: "wrong_recipient_email",
    type: "near_miss",
  },
  // protected data in another category
  {
    text: "skickade ett mejl om en person med sekretessmarkering till fel mottagare",
    category: "wrong_recipient_email",
    protectionLevel: "sekretessmarkering",
    urgent: true,
  },
  // typos and no punctuation
  { text: "jag skikcade ett mejl till fel person", category: "wrong_recipient_email" },
  { text: "kollegan har kikat i jornaler utan behörighet", category: "unauthorised_access" },
  // unclear: ask, do not guess
  { text: "jag vill rapportera en incident", ask: true },
  { text: "något gick fel med ett mejl och ett brev", ask: true },
];

/**
 * Held back while tuning: run once the reader was written, and kept as a
 * check that it reads unseen phrasings without filing a wrong category.
 */
export const HELD_BACK: Phrasing[] = [
  { text: "mejlade läkarintyget till fel HR-handläggare", category: "wrong_recipient_email" },
  { text: "skickade e-post med orosanmälan till fel skola", category: "wrong_recipient_email" },
  { text: "oops I emailed the pupil reports to the wrong parents", category: "wrong_recipient_email" },
  { text: "ett kallelsebrev gick till fel adress", category: "wrong_address_letter" },
  { text: "Sms om besökstiden gick till fel nummer", category: "wrong_recipient_message" },
  { text: "jag har tappat bort min tjänstetelefon", category: "lost_or_stolen_device" },
  { text: "someone stole my bag with case files", category: "lost_or_stolen_device" },
  { text: "en medarbetare har snokat i journalen för sin granne", category: "unauthorised_access" },
  {
    text: "kvinnans skyddade adress stod i beslutet som skickades till exmannen",
    category: "protected_identity_revealed",
    urgent: true,
  },
  {
    text: "hen har sekretessmarkering och adressen lämnades ut i telefon",
    category: "protected_identity_revealed",
    urgent: true,
  },
  {
    text: "en journalist fick en omaskad handling efter en begäran om allmän handling",
    category: "public_records_disclosure",
  },
  { text: "bilder på elever lades ut på facebook av misstag", category: "published_by_mistake" },
  { text: "databasen med besöksloggar gick förlorad och backup saknas", category: "data_lost" },
  { text: "anteckningar blandades ihop mellan två klienter", category: "data_altered" },
  { text: "fick ett phishingmejl och loggade in på en falsk sida", category: "malware_or_hacking" },
  { text: "det var nära ögat att jag skickade fel bilaga", type: "near_miss" },
  { text: "almost gave a protected address over the phone", type: "near_miss", urgent: true },
  { text: "nästan alla elever fick fel betyg mejlat till sig", type: "incident" },
  { text: "klienten är hotad och hennes telefonnummer röjdes", urgent: true },
  { text: "behöver rapportera något", ask: true },
];
