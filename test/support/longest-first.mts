import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take longest (they start child processes or deliver hundreds of
 * digests), in the order they should start. On a fresh clone vitest knows no
 * durations and would start them by file size, so one of them could begin
 * last and keep a worker busy after the other has finished.
 */
const LONGEST = [
  "test/e2e/process.test.ts",
  "test/e2e/digest-delivery.test.ts",
  "test/integration/embedded-store.test.ts",
  "test/e2e/incident-report.test.ts",
  "test/integration/stats-counters.test.ts",
];

const rank = (file: TestSpecification) => {
  const at = LONGEST.findIndex((name) => file.moduleId.endsWith(name));
  return at < 0 ? LONGEST.length : at;
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
