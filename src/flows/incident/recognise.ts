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

/** Phrases written as one string: words apart by spaces, the words of one phrase joined by "_". */
function phrases(list: string): string[] {
  return list.split(" ").map((p) => p.replaceAll("_", " "));
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
const EMAIL = phrases(
  "mejl mail =e-post =epost e-posten =e-mail =email emailed e-mailed outlook =bcc =kopia =cc =mejladress svara_alla svarade_alla reply_all replied_all",
);
const LETTER = phrases(
  "brev försändelse kuvert fönsterkuvert =post =posten paket =letter =letters envelope parcel",
);
const MESSAGE = phrases(
  "=sms sms- =sms:et =smset =smsade =sms:ade =teams teams- chatt =chat =chatten meddelande =message =text =texted whatsapp direktmeddelande",
);
const WRONG = phrases(
  "=fel felaktig =wrong incorrect råkade =misstag misstaget oavsiktligt accidentally by_mistake av_misstag istället instead annan_mottagare another_recipient alla_mottagare all_recipients synliga =visible svarade_alla svara_alla replied_all reply_all =bcc hemlig_kopia dold_kopia någon_annan =någon_=utomstående someone_else the_other annan_person annan_familj annan_klient annan_vårdnadshavare",
);
const DEVICE = phrases(
  "dator laptop bärbar telefon mobil jobbtelefon tjänstetelefon jobbmobil smartphone surfplatta =ipad =platta =usb usb- minnessticka =sticka hårddisk =papper =pappren pärm =akt =akten =akter dokument utskrift =väska =väskan ryggsäck =phone computer tablet =folder =papers =bag =files notebook =device memory_stick",
);
const LOSE = phrases(
  "tappa glömde glömt förlora blev_av_med blivit_av_med =borta försvann försvunn stulen stulit stulna =stal stöld inbrott =snodd =lost =lose =left =forgot =forgotten stolen theft =stole missing misplaced",
);
const LOOKED = phrases(
  "tittat tittade tittar =läst =läste läser kikat kikade snokat snokade snokar öppnat öppnade =sökt =sökte slagit_upp slog_upp gått_in gick_in loggat_in =looked =looking accessed =opened browsed searched snooped snooping =viewed =read",
);
const RECORDS = phrases(
  "journal =akt =akter =akten ärende =systemet verksamhetssystem register procapita lifecare treserva =cosmic =records =record =file =files case_file databas database personakt elevakt =uppgifter",
);
const NO_NEED = phrases(
  "inte_jobbar inte_arbetar inte_har_med inte_hade_med utan_behörighet utan_att inte_borde inte_skulle obehörig nyfiken =behörighet =behörigheten för_bred för_många not_working no_reason without unauthori should_not shouldn't curiosity too_wide too_broad =access nothing_to_do",
);
const PROTECTED_WORDS = phrases(
  "skyddad skyddade sekretessmarker fingerade fingerad hemlig_adress hemliga_adress skyddat_boende skyddade_boende protected confidentiality_marking fictitious_identit secret_address",
);
const IDENTITY = phrases(
  "adress identitet =bor =bodde boende =namn =namnet nya_namn personnummer telefonnummer =address identity =lives where_she where_he =name whereabouts folkbokför vistelse",
);
const REVEAL = phrases(
  "synt synlig =syns röj avslöj läck kom_ut berätta =sa =sade nämnde lämnade_ut lämnat_ut lämnades_ut =stod framgick framgår visades =visade skicka =fanns revealed disclosed visible leaked =shown =showed =told mentioned exposed =printed =sent =gave =given",
);
const PUBLIC_RECORDS = phrases(
  "allmän_handling allmänna_handling allmänna_handlingar begäran_om utlämnande lämnade_ut lämnat_ut lämnades_ut maska omaskad sekretessprövning public_record freedom_of_information =foi redact unredacted",
);
const PUBLISH = phrases(
  "publicer lade_upp =la_upp lagt_upp lade_ut =la_ut lagt_ut låg_ute hemsida webbplats webbsida intranät facebook instagram sociala_medier publish =posted_online website intranet social_media",
);
const DATA_OBJECTS = phrases(
  "=fil =filer =filen filerna =data =uppgifterna =mapp =mappen mappar register databas säkerhetskopi backup =files =file =folder =records database dokument journal",
);
const DELETED = phrases(
  "raderade raderat raderades tog_bort togs_bort tagits_bort försvann försvunn förlorade förlorats gick_förlorad =borta =deleted erased =wiped =lost =gone korrupt corrupt kommer_inte_åt kom_inte_åt inte_åtkomlig otillgänglig inaccessible unavailable",
);
const ALTERED = phrases(
  "ändrades ändrats ändrade skrevs_över skrev_över överskriv blandades_ihop sammanblandad ihopblandad felregistrer felaktigt_registrer fel_journal fel_akt fel_person_journal altered overwritten =modified mixed_up wrong_record wrong_file",
);
const MALWARE = phrases(
  "nätfiske phishing bedrägeri klickade_på_en_länk klickade_på_länk clicked_a_link clicked_on_a_link lösenord password hackad hackat hackade hacker hacked =kapad =kapat =kapade intrång virus skadlig_kod skadlig_programvara malware ransomware utpressningsvirus utpressningsprogram trojan compromised kompromett dataintrång",
);
const NEAR_MISS = phrases(
  "tillbud tillbudet höll_på_att var_nära_att var_nära nära_ögat i_sista_stund upptäckte_innan innan_det_skickades innan_jag_skickade innan_den_skickades innan_brevet innan_mejlet hann_stoppa hann_ta stoppade_det skickades_aldrig skickade_aldrig kom_aldrig_iväg near_miss =nearly =almost about_to caught_it before_it_was_sent before_sending before_i_sent never_sent was_never_sent stopped_it",
);
const NOT_NEAR = phrases("hann_inte =too_late för_sent didn't_manage did_not_manage =failed");
const NEARLY = phrases("=nästan =nearly =almost");
const QUANTITY = phrases("alla hela =all =every =the_whole samtliga");
const THREAT = phrases(
  "=hot =hotad =hotade =hotat =hotar hotfull hotbild =hotet =hoten =våld våldsam =våldet förföljd förföljer förföljelse =i_fara =fara farlig =rädd threat violen stalk danger =harm unsafe",
);
const INCIDENT_WORDS = phrases(
  "incident personuppgiftsincident data_breach personal_data_breach =läcka =läckt =läckte röjd röjt =röjde rapportera =anmäla =report =reporting obehörig =misstag by_mistake av_misstag =leak =leaked =wrong_person =fel_person =fel_mottagare =fel_adress =wrong_recipient =wrong_address",
);

const LEVELS: { phrases: string[]; level: ProtectionLevel }[] = [
  {
    phrases: phrases(
      "fingerade_personuppgifter fingerad_identitet fingerade_identitet fingerade fictitious_identit fictitious_personal",
    ),
    level: "fingerade_personuppgifter",
  },
  {
    phrases: phrases(
      "skyddad_folkbokföring skyddade_folkbokföring skyddat_folkbokförd skyddat_folkbokförda protected_registration protected_population_registration",
    ),
    level: "skyddad_folkbokforing",
  },
  {
    phrases: phrases("sekretessmarker confidentiality_marking confidentiality_flag"),
    level: "sekretessmarkering",
  },
  { phrases: phrases("21_kap_3 21:3 kontaktuppgifter_sekretess"), level: "osl_21_3" },
];
const NO_PROTECTION = phrases(
  "inga_skyddade ingen_skyddad inte_skyddad inte_skyddade utan_skyddade no_protected not_protected none_protected ingen_sekretessmarkering inga_sekretessmarkeringar",
);

const DATA_WORDS: { phrases: string[]; data: DataCategory[]; subjects?: SubjectGroup[] }[] = [
  {
    phrases: phrases(
      "journal patientjournal diagnos hälsa sjukdom vårdplan läkemedel medicin medical health diagnosis",
    ),
    data: ["health"],
    subjects: ["patients"],
  },
  {
    phrases: phrases(
      "socialtjänst orosanmälan orosanmälning lvu lvm försörjningsstöd ekonomiskt_bistånd biståndsbeslut barnavård social_services child_protection",
    ),
    data: ["social_services"],
  },
  {
    phrases: phrases("elevhälsa skolkurator skolsköterska pupil_welfare"),
    data: ["pupil_welfare"],
    subjects: ["pupils"],
  },
  { phrases: phrases("betyg omdöme omdömen bedömning grades assessment"), data: ["evaluative"] },
  {
    phrases: phrases("personnummer samordningsnummer personal_identity_number social_security"),
    data: ["personal_identity_number"],
  },
  {
    phrases: phrases("lönespec lön faktura bankuppgift kontonummer salary payslip bank_details"),
    data: ["financial"],
  },
  {
    phrases: phrases("brottsmisstanke brottsregister belastningsregist criminal_record"),
    data: ["crime_related"],
  },
];
const SUBJECT_WORDS: { phrases: string[]; group: SubjectGroup }[] = [
  { phrases: phrases("elev =pupil =pupils =student =students"), group: "pupils" },
  { phrases: phrases("=barn =barnet =barnen barnens =child children"), group: "children" },
  { phrases: phrases("patient brukare vårdtagare omsorgstagare"), group: "patients" },
  {
    phrases: phrases("klient =invånare medborgare sökande client resident citizen"),
    group: "residents_clients",
  },
  {
    phrases: phrases(
      "=anställd =anställda medarbetare =kollega =kollegor =personal =personalen employee =staff colleague",
    ),
    group: "employees",
  },
];

/** Questions before sending belong to "May I send this?", not to a report. */
const SEND_QUESTION = phrases(
  "får_jag kan_jag ska_jag borde_jag is_it_ok may_i can_i should_i am_i_allowed is_it_allowed är_det_ok är_det_okej går_det_att",
);

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

/** Undefined when the text is not a report. Without `now` no time is read (for telling a report from other text). */
export function readReport(text: string, now?: Date): ReportReading | undefined {
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
    occurred: now ? readWhen(w, now) : undefined,
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
