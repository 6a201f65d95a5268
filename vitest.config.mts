import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own embedded store and servers; two cores, so keep parallelism modest.
    maxWorkers: 2,
    isolate: false,
    reporters: ["default"],
  },
});
