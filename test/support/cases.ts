import type { Case } from "../../src/cases/case.js";
import type { Stored } from "../../src/store/repository.js";
import type { Harness } from "./harness.js";
import { TEST_TENANT } from "./teams-client.js";

/** Polls the store until the case (of the test tenant) satisfies `test`: escalation work runs after the change is saved. */
export async function waitForCase(
  h: Harness,
  id: string,
  test: (c: Stored<Case>) => boolean,
): Promise<Stored<Case>> {
  for (let i = 0; i < 100; i++) {
    const c = await h.app.services.cases.get(TEST_TENANT, id);
    if (c && test(c)) return c;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${id} never reached the expected state`);
}
