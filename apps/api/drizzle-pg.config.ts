import { defineConfig } from "drizzle-kit";

// PostgreSQL's migrations (decision 012): generated from the pg-core twin of the schema, in their
// own folder and journal. `pnpm db:generate` runs this config after ./drizzle.config.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema-pg.ts",
  out: "./drizzle-pg",
});
