import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The default reporter for people, the JSON one for .ci/run's closing count line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
