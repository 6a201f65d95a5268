import type { Role } from "./feature.js";
import type { TurnInfo } from "./turn-info.js";

/** Answers which roles the person in a turn holds; checked on the server for every action. */
export interface RoleResolver {
  rolesOf(turn: TurnInfo): Promise<ReadonlySet<Role>>;
}

/** Everyone is staff; administrators are listed by Entra object id in configuration. */
export class ConfiguredRoles implements RoleResolver {
  private readonly admins: ReadonlySet<string>;

  constructor(adminAadIds: readonly string[]) {
    this.admins = new Set(adminAadIds.map((id) => id.toLowerCase()));
  }

  async rolesOf(turn: TurnInfo): Promise<ReadonlySet<Role>> {
    const roles = new Set<Role>(["staff"]);
    const aad = turn.user.aadObjectId?.toLowerCase();
    if (aad && this.admins.has(aad)) roles.add("admin");
    return roles;
  }
}
