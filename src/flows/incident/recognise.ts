import type { CaseType, Category, DataCategory, ProtectionLevel, SubjectGroup } from "../../cases/case.js";
import { readWhen, type WhenReading } from "./read-when.js";
import { Words } from "./words.js";

/**
 * Reads a report from what a person wrote, in Swedish or English, without
 * any external service (domain.md §2.2 for the categories). It fills in only
 * what the words make clear: two categories that both fit, or none, leave the
 * category to be asked; a protected person named without a level reads as
 * "don't know" (treated as protected); a near miss needs words that say it
 * nearly happened. What it read is shown to the person, who can correct it.
 */
export interface ReportReading {
  category?: Category;
  /** Categories that fit equally well when `category` is not set (the card says so). */
  candidates: Category[];
  type?: CaseType;
  protectionLevel?: ProtectionLevel;
  /** Someone's safety may be threatened: the urgent advice comes first. */
  safetyThreat: boolean;
  occurred?: WhenReading;
  dataCategories: DataCategory[];
  subjectGroups: SubjectGroup[];
  /** Words that describe what happened (more than a command): the text may become the description. */
  describes: boolean;
}

const COMMANDS = new Set([
  "rapportera",
  "rapportera incident",
  "rapportera en incident",
  "rapportera personuppgiftsincident",
  "anmäl",
  "anmäl incident",
  "anmäla",
  "ny rapport",
  "report",
  "report incident",
  "report an incident",
  "new report",
]);
const NEAR_MISS_COMMANDS = new Set([
  "rapportera tillbud",
  "rapportera ett tillbud",
  "anmäl tillbud",
  "report a near miss",
  "report near miss",
]);

// Signal words, each a stem (a word beginning with it) or "=word" (exactly that word); phrases are consecutive words.
const EMAIL = [
  "mejl",
  "mail",
  "=e-post",
  "=epost",
  "e-posten",
  "=e-mail",
  "=email",
  "emailed",
  "e-mailed",
  "outlook",
  "=bcc",
  "=kopia",
  "=cc",
  "=mejladress",
  "svara alla",
  "svarade alla",
  "reply all",
  "replied all",
];
const LETTER = [
  "brev",
  "försändelse",
  "kuvert",
  "fönsterkuvert",
  "=post",
  "=posten",
  "paket",
  "=letter",
  "=letters",
  "envelope",
  "parcel",
];
const MESSAGE = [
  "=sms",
  "sms-",
  "=sms:et",
  "=smset",
  "=smsade",
  "=sms:ade",
  "=teams",
  "teams-",
  "chatt",
  "=chat",
  "=chatten",
  "meddelande",
  "=message",
  "=text",
  "=texted",
  "whatsapp",
  "direktmeddelande",
];
const SEND = [
  "skicka",
  "sände",
  "mejlade",
  "mailade",
  "=sent",
  "=send",
  "=sending",
  "emailed",
  "e-mailed",
  "vidarebefordra",
  "=forward",
  "forwarded",
  "bifoga",
  "attach",
  "postade",
  "=posted",
  "svarade alla",
  "svara alla",
  "reply all",
  "replied all",
  "gick ut",
  "=went",
  "hamnade",
];
const WRONG = [
  "=fel",
  "felaktig",
  "=wrong",
  "incorrect",
  "råkade",
  "=misstag",
  "misstaget",
  "oavsiktligt",
  "accidentally",
  "by mistake",
  "av misstag",
  "istället",
  "instead",
  "annan mottagare",
  "another recipient",
  "alla mottagare",
  "all recipients",
  "synliga",
  "=visible",
  "svarade alla",
  "svara alla",
  "replied all",
  "reply all",
  "=bcc",
  "hemlig kopia",
  "dold kopia",
  "någon annan",
  "=någon =utomstående",
  "someone else",
  "the other",
  "annan person",
  "annan familj",
  "annan klient",
  "annan vårdnadshavare",
];
const DEVICE = [
  "dator",
  "laptop",
  "bärbar",
  "telefon",
  "mobil",
  "jobbtelefon",
  "tjänstetelefon",
  "jobbmobil",
  "smartphone",
  "surfplatta",
  "=ipad",
  "=platta",
  "=usb",
  "usb-",
  "minnessticka",
  "=sticka",
  "hårddisk",
  "=papper",
  "=pappren",
  "pärm",
  "=akt",
  "=akten",
  "=akter",
  "dokument",
  "utskrift",
  "=väska",
  "=väskan",
  "ryggsäck",
  "=phone",
  "computer",
  "tablet",
  "=folder",
  "=papers",
  "=bag",
  "=files",
  "notebook",
  "=device",
  "memory stick",
];
const LOSE = [
  "tappa",
  "glömde",
  "glömt",
  "förlora",
  "blev av med",
  "blivit av med",
  "=borta",
  "försvann",
  "försvunn",
  "stulen",
  "stulit",
  "stulna",
  "=stal",
  "stöld",
  "inbrott",
  "=snodd",
  "=lost",
  "=lose",
  "=left",
  "=forgot",
  "=forgotten",
  "stolen",
  "theft",
  "=stole",
  "missing",
  "misplaced",
];
const LOOKED = [
  "tittat",
  "tittade",
  "tittar",
  "=läst",
  "=läste",
  "läser",
  "kikat",
  "kikade",
  "snokat",
  "snokade",
  "snokar",
  "öppnat",
  "öppnade",
  "=sökt",
  "=sökte",
  "slagit upp",
  "slog upp",
  "gått in",
  "gick in",
  "loggat in",
  "=looked",
  "=looking",
  "accessed",
  "=opened",
  "browsed",
  "searched",
  "snooped",
  "snooping",
  "=viewed",
  "=read",
];
const RECORDS = [
  "journal",
  "=akt",
  "=akter",
  "=akten",
  "ärende",
  "=systemet",
  "verksamhetssystem",
  "register",
  "procapita",
  "lifecare",
  "treserva",
  "=cosmic",
  "=records",
  "=record",
  "=file",
  "=files",
  "case file",
  "databas",
  "database",
  "personakt",
  "elevakt",
  "=uppgifter",
];
const NO_NEED = [
  "inte jobbar",
  "inte arbetar",
  "inte har med",
  "inte hade med",
  "utan behörighet",
  "utan att",
  "inte borde",
  "inte skulle",
  "obehörig",
  "nyfiken",
  "=behörighet",
  "=behörigheten",
  "för bred",
  "för många",
  "not working",
  "no reason",
  "without",
  "unauthori",
  "should not",
  "shouldn't",
  "curiosity",
  "too wide",
  "too broad",
  "=access",
  "nothing to do",
];
const PROTECTED_WORDS = [
  "skyddad",
  "skyddade",
  "sekretessmarker",
  "fingerade",
  "fingerad",
  "hemlig adress",
  "hemliga adress",
  "skyddat boende",
  "skyddade boende",
  "protected",
  "confidentiality marking",
  "fictitious identit",
  "secret address",
];
const IDENTITY = [
  "adress",
  "identitet",
  "=bor",
  "=bodde",
  "boende",
  "=namn",
  "=namnet",
  "nya namn",
  "personnummer",
  "telefonnummer",
  "=address",
  "identity",
  "=lives",
  "where she",
  "where he",
  "=name",
  "whereabouts",
  "folkbokför",
  "vistelse",
];
const REVEAL = [
  "synt",
  "synlig",
  "=syns",
  "röj",
  "avslöj",
  "läck",
  "kom ut",
  "berätta",
  "=sa",
  "=sade",
  "nämnde",
  "lämnade ut",
  "lämnat ut",
  "lämnades ut",
  "=stod",
  "framgick",
  "framgår",
  "visades",
  "=visade",
  "skicka",
  "=fanns",
  "revealed",
  "disclosed",
  "visible",
  "leaked",
  "=shown",
  "=showed",
  "=told",
  "mentioned",
  "exposed",
  "=printed",
  "=sent",
  "=gave",
  "=given",
];
const PUBLIC_RECORDS = [
  "allmän handling",
  "allmänna handling",
  "allmänna handlingar",
  "begäran om",
  "utlämnande",
  "lämnade ut",
  "lämnat ut",
  "lämnades ut",
  "maska",
  "omaskad",
  "sekretessprövning",
  "public record",
  "freedom of information",
  "=foi",
  "redact",
  "unredacted",
];
const PUBLISH = [
  "publicer",
  "lade upp",
  "=la upp",
  "lagt upp",
  "lade ut",
  "=la ut",
  "lagt ut",
  "låg ute",
  "hemsida",
  "webbplats",
  "webbsida",
  "intranät",
  "facebook",
  "instagram",
  "sociala medier",
  "publish",
  "=posted online",
  "website",
  "intranet",
  "social media",
];
const DATA_OBJECTS = [
  "=fil",
  "=filer",
  "=filen",
  "filerna",
  "=data",
  "=uppgifterna",
  "=mapp",
  "=mappen",
  "mappar",
  "register",
  "databas",
  "säkerhetskopi",
  "backup",
  "=files",
  "=file",
  "=folder",
  "=records",
  "database",
  "dokument",
  "journal",
];
const DELETED = [
  "raderade",
  "raderat",
  "raderades",
  "tog bort",
  "togs bort",
  "tagits bort",
  "försvann",
  "försvunn",
  "förlorade",
  "förlorats",
  "gick förlorad",
  "=borta",
  "=deleted",
  "erased",
  "=wiped",
  "=lost",
  "=gone",
  "korrupt",
  "corrupt",
  "kommer inte åt",
  "kom inte åt",
  "inte åtkomlig",
  "otillgänglig",
  "inaccessible",
  "unavailable",
];
const ALTERED = [
  "ändrades",
  "ändrats",
  "ändrade",
  "skrevs över",
  "skrev över",
  "överskriv",
  "blandades ihop",
  "sammanblandad",
  "ihopblandad",
  "felregistrer",
  "felaktigt registrer",
  "fel journal",
  "fel akt",
  "fel person journal",
  "altered",
  "overwritten",
  "=modified",
  "mixed up",
  "wrong record",
  "wrong file",
];
const MALWARE = [
  "nätfiske",
  "phishing",
  "bedrägeri",
  "klickade på en länk",
  "klickade på länk",
  "clicked a link",
  "clicked on a link",
  "lösenord",
  "password",
  "hackad",
  "hackat",
  "hackade",
  "hacker",
  "hacked",
  "=kapad",
  "=kapat",
  "=kapade",
  "intrång",
  "virus",
  "skadlig kod",
  "skadlig programvara",
  "malware",
  "ransomware",
  "utpressningsvirus",
  "utpressningsprogram",
  "trojan",
  "compromised",
  "kompromett",
  "dataintrång",
];
const NEAR_MISS = [
  "tillbud",
  "tillbudet",
  "höll på att",
  "var nära att",
  "var nära",
  "nära ögat",
  "i sista stund",
  "upptäckte innan",
  "innan det skickades",
  "innan jag skickade",
  "innan den skickades",
  "innan brevet",
  "innan mejlet",
  "hann stoppa",
  "hann ta",
  "stoppade det",
  "skickades aldrig",
  "skickade aldrig",
  "kom aldrig iväg",
  "near miss",
  "=nearly",
  "=almost",
  "about to",
  "caught it",
  "before it was sent",
  "before sending",
  "before i sent",
  "never sent",
  "was never sent",
  "stopped it",
];
const NOT_NEAR = ["hann inte", "=too late", "för sent", "didn't manage", "did not manage", "=failed"];
const NEARLY = ["=nästan", "=nearly", "=almost"];
const QUANTITY = ["alla", "hela", "=all", "=every", "=the whole", "samtliga"];
const THREAT = [
  "=hot",
  "=hotad",
  "=hotade",
  "=hotat",
  "=hotar",
  "hotfull",
  "hotbild",
  "=hotet",
  "=hoten",
  "=våld",
  "våldsam",
  "=våldet",
  "förföljd",
  "förföljer",
  "förföljelse",
  "=i fara",
  "=fara",
  "farlig",
  "=rädd",
  "threat",
  "violen",
  "stalk",
  "danger",
  "=harm",
  "unsafe",
];
const INCIDENT_WORDS = [
  "incident",
  "personuppgiftsincident",
  "data breach",
  "personal data breach",
  "=läcka",
  "=läckt",
  "=läckte",
  "röjd",
  "röjt",
  "=röjde",
  "rapportera",
  "=anmäla",
  "=report",
  "=reporting",
  "obehörig",
  "=misstag",
  "by mistake",
  "av misstag",
  "=leak",
  "=leaked",
  "=wrong person",
  "=fel person",
  "=fel mottagare",
  "=fel adress",
  "=wrong recipient",
  "=wrong address",
];

const LEVELS: { phrases: string[]; level: ProtectionLevel }[] = [
  {
    phrases: [
      "fingerade personuppgifter",
      "fingerad identitet",
      "fingerade identitet",
      "fingerade",
      "fictitious identit",
      "fictitious personal",
    ],
    level: "fingerade_personuppgifter",
  },
  {
    phrases: [
      "skyddad folkbokföring",
      "skyddade folkbokföring",
      "skyddat folkbokförd",
      "skyddat folkbokförda",
      "protected registration",
      "protected population registration",
    ],
    level: "skyddad_folkbokforing",
  },
  {
    phrases: ["sekretessmarker", "confidentiality marking", "confidentiality flag"],
    level: "sekretessmarkering",
  },
  { phrases: ["21 kap 3", "21:3", "kontaktuppgifter sekretess"], level: "osl_21_3" },
];
const NO_PROTECTION = [
  "inga skyddade",
  "ingen skyddad",
  "inte skyddad",
  "inte skyddade",
  "utan skyddade",
  "no protected",
  "not protected",
  "none protected",
  "ingen sekretessmarkering",
  "inga sekretessmarkeringar",
];

const DATA_WORDS: { phrases: string[]; data: DataCategory[]; subjects?: SubjectGroup[] }[] = [
  {
    phrases: [
      "journal",
      "patientjournal",
      "diagnos",
      "hälsa",
      "sjukdom",
      "vårdplan",
      "läkemedel",
      "medicin",
      "medical",
      "health",
      "diagnosis",
    ],
    data: ["health"],
    subjects: ["patients"],
  },
  {
    phrases: [
      "socialtjänst",
      "orosanmälan",
      "orosanmälning",
      "lvu",
      "lvm",
      "försörjningsstöd",
      "ekonomiskt bistånd",
      "biståndsbeslut",
      "barnavård",
      "social services",
      "child protection",
    ],
    data: ["social_services"],
  },
  {
    phrases: ["elevhälsa", "skolkurator", "skolsköterska", "pupil welfare"],
    data: ["pupil_welfare"],
    subjects: ["pupils"],
  },
  { phrases: ["betyg", "omdöme", "omdömen", "bedömning", "grades", "assessment"], data: ["evaluative"] },
  {
    phrases: ["personnummer", "samordningsnummer", "personal identity number", "social security"],
    data: ["personal_identity_number"],
  },
  {
    phrases: [
      "lönespec",
      "lön",
      "faktura",
      "bankuppgift",
      "kontonummer",
      "salary",
      "payslip",
      "bank details",
    ],
    data: ["financial"],
  },
  {
    phrases: ["brottsmisstanke", "brottsregister", "belastningsregist", "criminal record"],
    data: ["crime_related"],
  },
];
const SUBJECT_WORDS: { phrases: string[]; group: SubjectGroup }[] = [
  { phrases: ["elev", "=pupil", "=pupils", "=student", "=students"], group: "pupils" },
  { phrases: ["=barn", "=barnet", "=barnen", "barnens", "=child", "children"], group: "children" },
  { phrases: ["patient", "brukare", "vårdtagare", "omsorgstagare"], group: "patients" },
  {
    phrases: ["klient", "=invånare", "medborgare", "sökande", "client", "resident", "citizen"],
    group: "residents_clients",
  },
  {
    phrases: [
      "=anställd",
      "=anställda",
      "medarbetare",
      "=kollega",
      "=kollegor",
      "=personal",
      "=personalen",
      "employee",
      "=staff",
      "colleague",
    ],
    group: "employees",
  },
];

/** Questions before sending belong to "May I send this?", not to a report. */
const SEND_QUESTION = [
  "får jag",
  "kan jag",
  "ska jag",
  "borde jag",
  "is it ok",
  "may i",
  "can i",
  "should i",
  "am i allowed",
  "is it allowed",
  "är det ok",
  "är det okej",
  "går det att",
];

function protectionOf(w: Words): ProtectionLevel | undefined {
  if (w.has(...NO_PROTECTION)) return "none";
  for (const { phrases, level } of LEVELS) if (w.has(...phrases)) return level;
  // "skyddad identitet", "hemlig adress", "skyddade personuppgifter": protected, the level not said.
  if (w.has(...PROTECTED_WORDS)) return "unknown";
  return undefined;
}

/** "Nästan" says a near miss when what follows is something done, not an amount ("nästan alla elever"). */
function saysNearMiss(w: Words): boolean {
  if (w.has(...NOT_NEAR)) return false;
  if (w.has(...NEAR_MISS.filter((p) => !NEARLY.includes(p)))) return true;
  for (const nearly of NEARLY) {
    const i = w.find(nearly);
    if (i < 0) continue;
    const following = w.words[i + 1] ?? "";
    if (following && !QUANTITY.some((q) => q.replace("=", "") === following) && !/^\d/.test(following))
      return true;
  }
  return false;
}

function categoriesOf(w: Words, protection: ProtectionLevel | undefined): Category[] {
  const found: Category[] = [];
  const protectedPerson = protection !== undefined && protection !== "none";
  if (protectedPerson && w.has(...IDENTITY) && w.has(...REVEAL)) return ["protected_identity_revealed"];
  if (w.has(...MALWARE)) return ["malware_or_hacking"];
  if (w.has(...LOSE) && w.has(...DEVICE) && !w.near(LOOKED, RECORDS, 4)) return ["lost_or_stolen_device"];
  if (
    w.near(LOOKED, RECORDS, 5) &&
    (w.has(...NO_NEED) || w.has("=kollega", "=colleague", "=någon", "=someone"))
  )
    return ["unauthorised_access"];
  if (w.has(...PUBLIC_RECORDS)) return ["public_records_disclosure"];
  if (w.has(...PUBLISH)) return ["published_by_mistake"];
  if (w.has(...WRONG)) {
    if (w.has(...EMAIL)) found.push("wrong_recipient_email");
    if (w.has(...LETTER)) found.push("wrong_address_letter");
    if (w.has(...MESSAGE)) found.push("wrong_recipient_message");
  }
  if (
    found.length === 0 &&
    w.has(...LETTER) &&
    w.has("synt", "synlig", "=syns", "fönster", "=visible", "=window")
  )
    found.push("wrong_address_letter");
  if (found.length > 0) return found;
  if (w.has(...ALTERED)) found.push("data_altered");
  if (w.has(...DELETED) && w.has(...DATA_OBJECTS)) found.push("data_lost");
  return found;
}

/** Undefined when the text is not a report (then another feature or the help answers). */
export function readReport(text: string, now: Date): ReportReading | undefined {
  const w = new Words(text);
  const plain = w.words.join(" ");
  const command = COMMANDS.has(plain);
  const nearMissCommand = NEAR_MISS_COMMANDS.has(plain);
  const protection = protectionOf(w);
  const categories = categoriesOf(w, protection);
  const nearMiss = nearMissCommand || saysNearMiss(w);
  const incidentWords = w.has(...INCIDENT_WORDS) || w.has("tillbud", "near miss");
  const isQuestion = w.has(...SEND_QUESTION) && !w.has(...INCIDENT_WORDS) && !nearMiss;
  const report =
    command ||
    nearMissCommand ||
    (!isQuestion &&
      (categories.length > 0 ||
        incidentWords ||
        nearMiss ||
        (protection !== undefined && protection !== "none" && w.has(...REVEAL))));
  if (!report) return undefined;
  const dataCategories = new Set<DataCategory>();
  const subjectGroups = new Set<SubjectGroup>();
  for (const d of DATA_WORDS) {
    if (!w.has(...d.phrases)) continue;
    for (const c of d.data) dataCategories.add(c);
    for (const s of d.subjects ?? []) subjectGroups.add(s);
  }
  for (const s of SUBJECT_WORDS) if (w.has(...s.phrases)) subjectGroups.add(s.group);
  const category = categories.length === 1 ? categories[0] : undefined;
  return {
    category,
    candidates: categories.length > 1 ? categories : [],
    type: nearMiss ? "near_miss" : category || incidentWords ? "incident" : undefined,
    protectionLevel: protection,
    safetyThreat: w.has(...THREAT),
    occurred: readWhen(w, now),
    dataCategories: [...dataCategories],
    subjectGroups: [...subjectGroups],
    describes: !command && !nearMissCommand && w.words.length >= 4,
  };
}

/** Protected identity or a threat to someone's safety: the do-this-now advice comes before any question. */
export function isUrgent(
  reading: Pick<ReportReading, "category" | "protectionLevel" | "safetyThreat">,
): boolean {
  return (
    reading.safetyThreat ||
    reading.category === "protected_identity_revealed" ||
    (reading.protectionLevel !== undefined && reading.protectionLevel !== "none")
  );
}
