import type { Case } from "../../src/cases/case.js";
import type { Stored } from "../../src/store/repository.js";
import type { Harness } from "./harness.js";
import { TEST_TENANT } from "./teams-client.js";

/** The case (of the test tenant) once the work after its change has run (escalation works after the save). */
export async function waitForCase(
  h: Harness,
  id: string,
  test: (c: Stored<Case>) => boolean,
): Promise<Stored<Case>> {
  await h.app.settled();
  const c = await h.app.services.cases.get(TEST_TENANT, id);
  if (c && test(c)) return c;
  throw new Error(`case ${id} is not in the expected state once the work after its change has run`);
}
