import { configDefaults, defineProject } from "vitest/config";

/**
 * Tests of SQLite itself or of a real server process on an SQLite file: they are left out of the
 * PostgreSQL run. The PostgreSQL side of the same concerns has its own tests (db/*-pg.test.ts).
 */
const SQLITE_ONLY = [
  "src/crash-safety.test.ts",
  "src/server/graceful-shutdown.test.ts",
  "src/server/lifecycle.test.ts",
  // The backup tests are SQLite's own; src/ops/migrate-to-postgres.test.ts runs here (only here).
  "src/ops/backup*.test.ts",
  "src/db/migrations.test.ts",
  "src/cli.test.ts",
  "src/index.test.ts",
];

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineProject({
  test: {
    name: "@lofteskollen/api",
    exclude: onPostgres ? [...configDefaults.exclude, ...SQLITE_ONLY] : configDefaults.exclude,
    // On the PostgreSQL run (TEST_DATABASE_URL, set by scripts/run.mjs), a template database
    // migrated once, and every test database dropped after its test (src/test-support/postgres.ts).
    globalSetup: ["./src/test-support/postgres-global-setup.ts"],
    setupFiles: ["./src/test-support/postgres-setup.ts"],
  },
});
