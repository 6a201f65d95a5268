import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Repository } from "../store/repository.js";

/** The deployment-wide key behind download links, created once in the settings container and shared by every instance. */
export interface LinkSecret {
  kind: "secret";
  id: "export-link-secret";
  orgId: "_deployment";
  secret: string;
}

async function loadLinkSecret(repo: Repository<LinkSecret>): Promise<string> {
  const fresh: LinkSecret = {
    kind: "secret",
    id: "export-link-secret",
    orgId: "_deployment",
    secret: randomBytes(32).toString("base64url"),
  };
  await repo.createIfAbsent(fresh);
  return (await repo.get("_deployment", "export-link-secret"))!.secret;
}

/** How long a download link works after a DSO asked for it. */
export const LINK_TTL_SECONDS = 15 * 60;

/**
 * Short-lived signed links to a case's IMY export text file: the role is
 * checked when the DSO asks for the export; the link then proves it for a
 * quarter of an hour (Teams opens links in a browser without the bot's token).
 */
export class ExportLinks {
  private secret?: Promise<string>;

  constructor(
    private readonly repo: Repository<LinkSecret>,
    private readonly baseUrl: string | undefined,
  ) {}

  async url(orgId: string, caseId: string, now: Date): Promise<string | undefined> {
    if (!this.baseUrl) return undefined;
    const exp = Math.floor(now.getTime() / 1000) + LINK_TTL_SECONDS;
    const path = `/api/imy-export/${encodeURIComponent(orgId)}/${encodeURIComponent(caseId)}`;
    return `${this.baseUrl}${path}?exp=${exp}&sig=${await this.sign(orgId, caseId, exp)}`;
  }

  async verify(orgId: string, caseId: string, exp: number, sig: string, now: Date): Promise<boolean> {
    if (!Number.isInteger(exp) || exp * 1000 < now.getTime()) return false;
    const expected = Buffer.from(await this.sign(orgId, caseId, exp));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private async sign(orgId: string, caseId: string, exp: number): Promise<string> {
    this.secret ??= loadLinkSecret(this.repo).catch((err: unknown) => {
      this.secret = undefined;
      throw err;
    });
    return createHmac("sha256", await this.secret)
      .update(`${orgId}\n${caseId}\n${exp}`)
      .digest("base64url");
  }
}
