import type { Locale } from "../cards/locale.js";
import { digestText } from "./compose.js";
import { DigestMaterial, type DigestSources } from "./gather.js";
import type { ManagerDirectory, Recipient } from "./ports.js";

export interface DryRunInput {
  sources: DigestSources;
  managers: ManagerDirectory;
  localeOf: (recipient: Recipient) => Promise<Locale | undefined>;
  now: Date;
  /** Only these organisations; all with managers when left out. */
  orgIds?: string[];
}

/** The digests a run would send at `now`, as text, one per manager. Reads only; sends and writes nothing. */
export async function dryRun(
  input: DryRunInput,
): Promise<{ orgId: string; aadObjectId: string; text: string }[]> {
  const out: { orgId: string; aadObjectId: string; text: string }[] = [];
  for (const orgId of input.orgIds ?? (await input.managers.organisations())) {
    const material = new DigestMaterial(input.sources, orgId, input.now);
    for (const manager of await input.managers.managers(orgId)) {
      const locale =
        manager.locale ?? (await input.localeOf({ orgId, aadObjectId: manager.aadObjectId })) ?? "sv";
      out.push({
        orgId,
        aadObjectId: manager.aadObjectId,
        text: digestText(await material.digestFor(manager, locale)),
      });
    }
  }
  return out;
}
