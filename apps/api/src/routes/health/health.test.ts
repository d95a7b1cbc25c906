import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test-support/test-app";

const journal = JSON.parse(readFileSync(new URL("../../../drizzle/meta/_journal.json", import.meta.url), "utf8")) as { entries: { tag: string }[] };
const lastTag = journal.entries.at(-1)?.tag;
const version = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("GET /api/health", () => {
  it("reports a reachable database on the newest migration, and the version, without sign-in", async () => {
    const t = createTestApp();
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ok",
      database: { reachable: true, migration: { applied: lastTag, expected: lastTag, upToDate: true } },
      version,
    });
  });

  it("answers 503 unavailable when the database cannot answer", async () => {
    const t = createTestApp();
    t.store.close();
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: "unavailable",
      database: { reachable: false, migration: { applied: null, expected: lastTag, upToDate: false } },
      version,
    });
  });

  it("says the database is behind when a migration has not been applied", async () => {
    const t = createTestApp();
    // As if the newest migration had not run yet (the row is what drizzle's bookkeeping reads).
    t.store.sqlite.prepare("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)").run();
    const response = await t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(response.status).toBe(200);
    expect(response.body.database.migration).toEqual({ applied: journal.entries.at(-2)?.tag, expected: lastTag, upToDate: false });
  });

  it("is described in the OpenAPI document as public, with its 503", async () => {
    const t = createTestApp();
    const { body } = await t.request("GET", "/api/openapi.json");
    expect(body.paths["/health"].get.security).toEqual([]);
    expect(Object.keys(body.paths["/health"].get.responses).sort()).toEqual(["200", "503"]);
  });
});
