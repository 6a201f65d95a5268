import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/support/longest-first.mjs";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own embedded store and servers; two cores, so keep parallelism modest.
    maxWorkers: 2,
    // Files share a worker's loaded modules (the app's dependencies take seconds to load); each file still
    // starts its own app, store and connector, so no state is shared between files.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    reporters: ["default"],
  },
});
