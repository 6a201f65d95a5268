import type { Clock } from "../time/clock.js";
import type { Role } from "./feature.js";

/** Who is asking, as the role checks need it (from a turn, or from a validated tab token). */
export interface Principal {
  orgId: string;
  aadObjectId?: string;
}

/** Answers which roles a person holds; checked on the server for every action and every tab API call. */
const ROSTER_RETRY_AFTER_MS = 60_000;

export interface RoleResolver {
  rolesOf(principal: Principal): Promise<ReadonlySet<Role>>;
}

/** The members of the team that owns an organisation's DSO channel (empty when no channel is set). */
export type DsoTeamMembers = (orgId: string) => Promise<readonly DsoMember[]>;

export interface DsoMember {
  aadObjectId: string;
  name: string;
  /** The Teams user id (29:…) from the roster; absent for people listed only in DSO_AAD_IDS. */
  teamsId?: string;
}

/** Team members by lower-cased Entra object id. */
type Team = ReadonlyMap<string, DsoMember>;

interface CachedTeam {
  members: Team;
  until: number;
}

/**
 * Everyone is staff; administrators and extra DSOs are listed by Entra object
 * id in configuration; the members of the DSO channel's team are DSOs, read
 * from the Teams roster and cached for `cacheMs`.
 */
export class ConfiguredRoles implements RoleResolver {
  private readonly admins: ReadonlySet<string>;
  private readonly dsos: ReadonlySet<string>;
  private readonly teams = new Map<string, CachedTeam>();
  private readonly loading = new Map<string, Promise<Team>>();

  private readonly dsoTeam?: DsoTeamMembers;
  private readonly cacheMs: number;
  private readonly clock: Clock;

  constructor(options: {
    adminAadIds: readonly string[];
    dsoAadIds: readonly string[];
    dsoTeam?: DsoTeamMembers;
    /** How long a roster read from Teams is trusted. */
    cacheMs?: number;
    clock: Clock;
  }) {
    this.admins = new Set(options.adminAadIds.map((id) => id.toLowerCase()));
    this.dsos = new Set(options.dsoAadIds.map((id) => id.toLowerCase()));
    this.dsoTeam = options.dsoTeam;
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.clock = options.clock;
  }

  async rolesOf(principal: Principal): Promise<ReadonlySet<Role>> {
    const roles = new Set<Role>(["staff"]);
    const aad = principal.aadObjectId?.toLowerCase();
    if (!aad) return roles;
    if (this.admins.has(aad)) roles.add("admin");
    if (this.dsos.has(aad) || (await this.teamOf(principal.orgId)).has(aad)) roles.add("dso");
    return roles;
  }

  /** Everyone holding the DSO role in the organisation (for card refresh lists and "assign to"). */
  async dsoMembers(orgId: string): Promise<DsoMember[]> {
    const team = await this.teamOf(orgId);
    const extra = [...this.dsos].filter((id) => !team.has(id)).map((id) => ({ aadObjectId: id, name: "" }));
    return [...team.values(), ...extra];
  }

  /** Forgets the cached roster (the DSO channel moved). */
  forget(orgId: string): void {
    this.teams.delete(orgId);
  }

  private async teamOf(orgId: string): Promise<Team> {
    if (!this.dsoTeam) return new Map();
    const cached = this.teams.get(orgId);
    if (cached && cached.until > this.clock.monotonic()) return cached.members;
    let pending = this.loading.get(orgId);
    if (!pending) {
      const lookup = this.dsoTeam;
      pending = (async () => {
        try {
          const members = new Map((await lookup(orgId)).map((m) => [m.aadObjectId.toLowerCase(), m]));
          this.teams.set(orgId, { members, until: this.clock.monotonic() + this.cacheMs });
          return members;
        } catch {
          // Roster unreachable: keep the last known members (without any, only DSO_AAD_IDS hold the role), and
          // remember that for a minute so that an outage does not make every role check wait on retries.
          const members = cached?.members ?? new Map<string, DsoMember>();
          this.teams.set(orgId, { members, until: this.clock.monotonic() + ROSTER_RETRY_AFTER_MS });
          return members;
        } finally {
          this.loading.delete(orgId);
        }
      })();
      this.loading.set(orgId, pending);
    }
    return pending;
  }
}
