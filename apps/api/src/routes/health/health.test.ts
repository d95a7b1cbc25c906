import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test-support/test-app";

// The migrations of the engine the tests run on (drizzle/ for SQLite, drizzle-pg/ for PostgreSQL),
// and where drizzle's bookkeeping keeps what was applied.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const journal = JSON.parse(readFileSync(new URL(`../../../${onPostgres ? "drizzle-pg" : "drizzle"}/meta/_journal.json`, import.meta.url), "utf8")) as { entries: { tag: string }[] };
const MIGRATIONS_TABLE = onPostgres ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
const lastTag = journal.entries.at(-1)?.tag;
const version = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("GET /api/health", () => {
  it("reports a reachable database on the newest migration, and the version, without sign-in", async () => {
    const t = await createTestApp();
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ok",
      database: { reachable: true, migration: { applied: lastTag, expected: lastTag, upToDate: true } },
      version,
    });
  });

  it("answers 503 unavailable when the database cannot answer", async () => {
    const t = await createTestApp();
    await t.store.close();
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: "unavailable",
      database: { reachable: false, migration: { applied: null, expected: lastTag, upToDate: false } },
      version,
    });
  });

  it("says the database is behind when a migration has not been applied", async () => {
    const t = await createTestApp();
    // As if the newest migration had not run yet (the row is what drizzle's bookkeeping reads).
    await t.execute(sql.raw(`DELETE FROM ${MIGRATIONS_TABLE} WHERE created_at = (SELECT max(created_at) FROM ${MIGRATIONS_TABLE})`));
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(200);
    expect(response.body.database.migration).toEqual({ applied: journal.entries.at(-2)?.tag, expected: lastTag, upToDate: false });
  });

  it("is described in the OpenAPI document as public, with its 503", async () => {
    const t = await createTestApp();
    const { body } = await t.request("GET", "/api/openapi.json");
    expect(body.paths["/health"].get.security).toEqual([]);
    expect(Object.keys(body.paths["/health"].get.responses).sort()).toEqual(["200", "503"]);
  });
});
