import type { CaseActor } from "../../cases/case.js";
import type { Refusal } from "../../flows/incident/flow.js";
import type { TurnInfo } from "../turn-info.js";
import { UserFacingError } from "../user-facing-error.js";

/** Whose draft or case it is: the person's Entra object id (local tools without one fall back to the channel id). */
export function ownerOf(turn: TurnInfo): string {
  return turn.user.aadObjectId ?? turn.user.id;
}

export function reporterOf(turn: TurnInfo): CaseActor & { aadObjectId: string } {
  return { aadObjectId: ownerOf(turn), name: turn.user.name ?? "" };
}

export function refusalError(refusal: Refusal): UserFacingError {
  return new UserFacingError(refusal.refused.key, refusal.refused.params);
}

/** Reports and cases are private: in a channel or group chat everyone would see them. */
export function requirePersonal(turn: TurnInfo): void {
  if (turn.conversation.kind !== "personal") throw new UserFacingError("incident.refused.personalOnly");
}
