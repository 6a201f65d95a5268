import type { Logger } from "../log.js";
import type { Feature, Verb, VerbResult } from "./feature.js";
import type { RoleResolver } from "./roles.js";
import type { TurnInfo } from "./turn-info.js";
import { UserFacingError } from "./user-facing-error.js";

/**
 * Routes a card action to its handler: unknown verb, data that fails the
 * verb's schema, or a missing role all end in a UserFacingError before any
 * handler runs, so a forged submission changes nothing.
 */
export class VerbRouter {
  private readonly verbs = new Map<string, Verb>();

  constructor(
    features: readonly Feature[],
    private readonly roles: RoleResolver,
    private readonly log: Logger,
  ) {
    for (const feature of features) {
      for (const [name, handler] of Object.entries(feature.verbs ?? {})) {
        if (this.verbs.has(name)) throw new Error(`verb ${name} is registered twice`);
        this.verbs.set(name, handler);
      }
    }
  }

  async dispatch(name: unknown, data: unknown, turn: TurnInfo): Promise<VerbResult> {
    const handler = typeof name === "string" ? this.verbs.get(name) : undefined;
    if (!handler) {
      this.log.warn({ event: "verb.unknown" }, "unknown card verb");
      throw new UserFacingError("errors.unreadableCard");
    }
    const parsed = handler.schema.safeParse(data ?? {});
    if (!parsed.success) {
      this.log.info(
        { event: "verb.invalid", verb: name, fields: parsed.error.issues.map((i) => i.path.join(".")) },
        "invalid card data",
      );
      throw new UserFacingError("errors.invalidInput");
    }
    if (handler.roles) {
      const held = await this.roles.rolesOf({ orgId: turn.orgId, aadObjectId: turn.user.aadObjectId });
      if (!handler.roles.some((role) => held.has(role))) {
        this.log.warn({ event: "verb.forbidden", verb: name }, "role check refused an action");
        throw new UserFacingError("errors.forbidden", {
          role: { key: handler.roles.includes("dso") ? "errors.roleDso" : "errors.roleAdmin" },
        });
      }
    }
    return handler.run(parsed.data, turn);
  }
}
