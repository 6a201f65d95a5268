import type { Category } from "./case.js";

/**
 * What a reporter may already have done, per category (domain.md §2.2): the
 * checklist on the "what has been done" step. Ids are strings under
 * `incident.measures.<id>`; the case keeps the ids.
 */
export const MEASURES: Record<Category, readonly string[]> = {
  wrong_recipient_email: [
    "recalled_email",
    "asked_recipient_to_delete",
    "recipient_confirmed_deletion",
    "told_manager",
  ],
  wrong_address_letter: ["contacted_recipient", "got_it_back", "told_manager"],
  wrong_recipient_message: [
    "deleted_message",
    "asked_recipient_to_delete",
    "recipient_confirmed_deletion",
    "told_manager",
  ],
  lost_or_stolen_device: ["told_it", "device_locked_or_wiped", "police_report", "told_manager"],
  unauthorised_access: ["access_removed", "logs_preserved", "told_manager"],
  protected_identity_revealed: ["stopped_spread", "told_dso", "told_security", "told_manager"],
  public_records_disclosure: ["asked_for_copies_back", "told_manager"],
  published_by_mistake: ["taken_down", "asked_search_engines", "told_manager"],
  data_lost: ["restored_from_backup", "told_it", "told_manager"],
  data_altered: ["corrected", "checked_decisions", "told_manager"],
  malware_or_hacking: ["told_it", "changed_passwords", "told_manager"],
  other: ["told_manager"],
};

/** Every checklist id, for validating what a stored case may hold. */
export const MEASURE_IDS = [...new Set(Object.values(MEASURES).flat())] as [string, ...string[]];
