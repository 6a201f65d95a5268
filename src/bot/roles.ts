import type { Role } from "./feature.js";

/** Who is asking, as the role checks need it (from a turn, or from a validated tab token). */
export interface Principal {
  orgId: string;
  aadObjectId?: string;
}

/** Answers which roles a person holds; checked on the server for every action and every tab API call. */
export interface RoleResolver {
  rolesOf(principal: Principal): Promise<ReadonlySet<Role>>;
}

/** Everyone is staff; administrators are listed by Entra object id in configuration. */
export class ConfiguredRoles implements RoleResolver {
  private readonly admins: ReadonlySet<string>;

  constructor(adminAadIds: readonly string[]) {
    this.admins = new Set(adminAadIds.map((id) => id.toLowerCase()));
  }

  async rolesOf(principal: Principal): Promise<ReadonlySet<Role>> {
    const roles = new Set<Role>(["staff"]);
    const aad = principal.aadObjectId?.toLowerCase();
    if (aad && this.admins.has(aad)) roles.add("admin");
    return roles;
  }
}
