import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One migrated database for the run, which each file's in-memory PGlite starts from (see the file).
    globalSetup: ["test/support/database-template.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: "true", LOG_LEVEL: "silent" },
  },
});
