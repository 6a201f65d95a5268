import { randomUUID } from "node:crypto";
import type { TestUser } from "./teams-client.js";

let userCounter = 0;

/** A person with a fresh Entra object id; Swedish unless the test says otherwise. */
export function aUser(overrides: Partial<TestUser> = {}): TestUser {
  userCounter++;
  return { aadObjectId: randomUUID(), name: `Test Person ${userCounter}`, locale: "sv-SE", ...overrides };
}
