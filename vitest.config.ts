import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Finds Debian's Chromium for the browser tests, or installs it (root), or stops with one line.
    globalSetup: ["test/setup/chromium.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The default reporter for people, the JSON one for .ci/run's closing count line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
