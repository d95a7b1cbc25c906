import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditContext } from "./audit-context";
import { openStore } from "./client";
import { applyPostgresMigrations } from "./migrations-pg";
import { inTransaction, type TestDatabase, type TestDatabases, testDatabases, testDatabaseUrl } from "../test-support/pg-test-databases";

// PostgreSQL's triggers (drizzle-pg/0001_triggers.sql) against SQLite's (drizzle/0001, 0003, 0005):
// the same rollup, the same refusals, the same audit rows, and no write without an audit context.

const MISSING_CONTEXT =
  "Write refused: no audit context. Every change must say who makes it (run it through the write queue or AuditContextHolder.run).";

const anna: AuditContext = { at: "2024-05-01T08:00:00.000Z", userId: 1, actor: "user:1", address: "192.0.2.1" };
const cli: AuditContext = { at: "2024-05-02T09:30:00.000Z", userId: null, actor: "cli", address: null };

/** Reference data every test below builds on: an area, a promise, an activity type and three commitments. */
const BASE = [
  "INSERT INTO areas (name) VALUES ('Centrum')",
  "INSERT INTO organisations (name, kind) VALUES ('Polisen', 'police')",
  "INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('anna@example.se', 'Anna', 'admin', 'hash-1', '2024-01-01T00:00:00.000Z')",
  "INSERT INTO promises (slug, title, area_id, start_date, end_date, created_at) VALUES ('trygg', 'Trygg stad', 1, '2024-01-01', '2026-12-31', '2024-01-02T00:00:00.000Z')",
  "INSERT INTO activity_types (code, label) VALUES ('patrol', 'Patrull')",
  "INSERT INTO commitments (promise_id, title, activity_type, cadence, created_at) VALUES (1, 'A', 'patrol', 'month', '2024-01-03T00:00:00.000Z'), (1, 'B', 'patrol', 'year', '2024-01-03T00:00:00.000Z'), (1, 'C', 'patrol', 'term', '2024-01-03T00:00:00.000Z')",
];

/**
 * The same writes on both databases, in SQL both accept (TRUE/FALSE are 1/0 in SQLite), each in its
 * own transaction, attributed alternately to a signed-in user and to the command line. Every audited
 * table gets an insert, an update and a delete where its rules allow one.
 */
const PARITY_WRITES = [
  ...BASE,
  "INSERT INTO areas (name, parent_id) VALUES ('Öster \"gamla\" stan', 1)",
  "UPDATE areas SET name = 'Östermalm' WHERE id = 2",
  "DELETE FROM areas WHERE id = 2",
  "UPDATE organisations SET kind = 'municipal' WHERE id = 1",
  "INSERT INTO organisations (name) VALUES ('Tillfällig')",
  "DELETE FROM organisations WHERE id = 2",
  "UPDATE users SET password_hash = 'hash-2' WHERE id = 1",
  "UPDATE users SET name = 'Anna Berg' WHERE id = 1",
  "UPDATE users SET disabled_at = '2024-02-01T00:00:00.000Z' WHERE id = 1",
  "UPDATE users SET disabled_at = NULL, password_hash = 'hash-3' WHERE id = 1",
  "INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('bo@example.se', 'Bo', 'viewer', 'hash-b', '2024-01-04T00:00:00.000Z')",
  "DELETE FROM users WHERE id = 2",
  "INSERT INTO user_organisations (user_id, organisation_id) VALUES (1, 1)",
  "DELETE FROM user_organisations WHERE user_id = 1",
  "UPDATE promises SET is_example = TRUE, status = 'published', summary = 'Mer närvaro' WHERE id = 1",
  "INSERT INTO promises (slug, title, area_id, start_date, end_date, is_example, created_at) VALUES ('exempel', 'Exempel', 1, '2024-01-01', '2024-12-31', TRUE, '2024-01-05T00:00:00.000Z')",
  "DELETE FROM promises WHERE id = 2",
  "INSERT INTO themes (promise_id, name, position) VALUES (1, 'Närvaro', 2)",
  "UPDATE themes SET position = 3 WHERE id = 1",
  "INSERT INTO themes (promise_id, name) VALUES (1, 'Övrigt')",
  "DELETE FROM themes WHERE id = 2",
  "UPDATE activity_types SET label = 'Patrullering' WHERE code = 'patrol'",
  "INSERT INTO activity_types (code, label) VALUES ('meeting', 'Möte')",
  "DELETE FROM activity_types WHERE code = 'meeting'",
  "UPDATE commitments SET theme_id = 1, target = 12, description = 'Varje vecka' WHERE id = 1",
  "DELETE FROM commitments WHERE id = 3",
  "INSERT INTO commitment_organisations (commitment_id, organisation_id) VALUES (1, 1)",
  "DELETE FROM commitment_organisations WHERE commitment_id = 1",
  "INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, organisation_id, place, note, logged_by, logged_by_user_id, created_at, is_demo) VALUES (1, '2024-03-01T10:00:00+01:00', '2024-03-01', 3, 1, 'Torget', 'Lugnt', 'Anna', 1, '2024-03-01T09:00:00.000Z', TRUE)",
  "UPDATE activities SET note = 'Lugnt, regn' WHERE id = 1",
  "UPDATE activities SET voided_at = '2024-03-02T00:00:00.000Z', voided_by = 'Anna', void_reason = 'Fel antal' WHERE id = 1",
  "INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, replaces_id, created_at) VALUES (1, '2024-03-01', '2024-03-01', 2, 'Anna', 1, '2024-03-02T00:00:00.000Z')",
  // An import: its one audit row, and its activities linked to it (no audit row each).
  "INSERT INTO audit_log (at, user_id, actor, address, action, record_type, after) VALUES ('2024-03-09T00:00:00.000Z', 1, 'user:1', NULL, 'activity.import', 'activity', '{\"rows\":2}')",
  "INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, audit_id, created_at) VALUES (2, '2024-03-03', '2024-03-03', 1, 'Anna', (SELECT max(id) FROM audit_log), '2024-03-09T00:00:00.000Z'), (2, '2024-03-04', '2024-03-04', 4, 'Anna', (SELECT max(id) FROM audit_log), '2024-03-09T00:00:00.000Z')",
  "INSERT INTO updates (commitment_id, date, text, is_public, created_by, created_by_user_id, created_at) VALUES (1, '2024-03-05', 'Första rapporten', TRUE, 'Anna', 1, '2024-03-05T00:00:00.000Z')",
  "UPDATE updates SET is_public = FALSE, text = 'Rättad' WHERE id = 1",
  "DELETE FROM updates WHERE id = 1",
  "INSERT INTO terms (name, start_date, end_date) VALUES ('VT 2024', '2024-01-01', '2024-06-30')",
  "UPDATE terms SET end_date = '2024-06-15' WHERE id = 1",
  "DELETE FROM terms WHERE id = 1",
  "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (1, 'Skript', 'token-hash', '2024-03-06T00:00:00.000Z')",
  "UPDATE api_tokens SET last_used_at = '2024-03-07T00:00:00.000Z' WHERE id = 1",
  "UPDATE api_tokens SET name = 'Import' WHERE id = 1",
  "UPDATE api_tokens SET revoked_at = '2024-03-08T00:00:00.000Z' WHERE id = 1",
  "DELETE FROM api_tokens WHERE id = 1",
  "INSERT INTO promise_snapshots (slug, promise_id, title, as_of, body, created_at, created_by_user_id) VALUES ('abcdefghij', 1, 'Medborgardialog', '2024-03-01', '{\"commitments\":[]}', '2024-03-10T00:00:00.000Z', 1)",
  "UPDATE promise_snapshots SET title = 'Medborgardialog Backa' WHERE id = 1",
  "DELETE FROM promise_snapshots WHERE id = 1",
];

type AuditRow = { id: number; at: string; user_id: number | null; actor: string; address: string | null; action: string; record_type: string | null; record_id: string | null; before: string | null; after: string | null };
const AUDIT_COLUMNS = "id, at, user_id, actor, address, action, record_type, record_id, before, after";
const parsed = (rows: AuditRow[]) => rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));

/** What the database answered to a statement: its message and SQLSTATE, or "no error". */
async function refusal(work: Promise<unknown>): Promise<{ message: string; code?: string } | "no error"> {
  try {
    await work;
    return "no error";
  } catch (error) {
    const e = error as Error & { code?: string };
    return { message: e.message, code: e.code };
  }
}

describe.skipIf(!testDatabaseUrl)("PostgreSQL triggers (TEST_DATABASE_URL)", () => {
  let databases: TestDatabases;
  const migrated = async (): Promise<TestDatabase> => {
    const db = await databases.create();
    await applyPostgresMigrations(db.pool, { label: db.url });
    return db;
  };
  const write = (pool: pg.Pool, context: AuditContext | null, ...statements: string[]) =>
    inTransaction(pool, context, async (client) => {
      for (const statement of statements) await client.query(statement);
    });
  beforeAll(() => {
    databases = testDatabases();
  });
  afterAll(async () => {
    await databases?.dropAll();
  });

  describe("the audit trail", () => {
    it("has, for the same writes, the same rows as SQLite's triggers write: actions, records, before and after", async () => {
      const db = await migrated();
      const sqlite = openStore(":memory:");
      try {
        for (const [i, statement] of PARITY_WRITES.entries()) {
          const context = i % 2 === 0 ? anna : cli;
          sqlite.audit.run(context, () => sqlite.sqlite.exec(statement));
          await write(db.pool, context, statement);
        }
        const expected = sqlite.sqlite.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`).all() as AuditRow[];
        const actual = (await db.pool.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`)).rows;

        expect(parsed(actual)).toEqual(parsed(expected));
        // The comparison covers what matters: every audited table and kind of change, both contexts.
        const actions = new Set(expected.map((r) => r.action));
        for (const action of ["user.update", "user.disable", "user.enable", "user.delete", "promise.theme.delete", "commitment.organisation.remove", "activity.create", "activity.update", "activity.void", "activity.correct", "activity.import", "update.delete", "term.update", "token.update", "token.revoke", "token.delete", "area.delete", "promise.snapshot.create", "promise.snapshot.update", "promise.snapshot.delete"]) {
          expect(actions).toContain(action);
        }
        expect(expected.length).toBeGreaterThan(45);
        const passwordChanges = parsed(actual).filter((r) => r.action === "user.update" || r.action === "user.enable").map((r) => r.after.passwordChanged);
        expect(passwordChanges).toEqual([1, 0, 1]);
        expect(parsed(actual).find((r) => r.action === "activity.void")?.before).toMatchObject({ isDemo: 1, voidedAt: null, replacesId: null });
        expect(JSON.stringify(parsed(actual))).not.toMatch(/hash-|token-hash|passwordHash|tokenHash|lastUsedAt/);
        // The daily totals agree too.
        const totals = "SELECT commitment_id, local_date, quantity, activity_count FROM commitment_daily_totals ORDER BY commitment_id, local_date";
        expect((await db.pool.query(totals)).rows).toEqual(sqlite.sqlite.prepare(totals).all());
      } finally {
        sqlite.closeNow();
      }
    });

    it("refuses every audited write without an audit context, with SQLite's message (SQLSTATE LKA01)", async () => {
      const db = await migrated();
      await write(db.pool, anna, ...BASE);
      const before = (await db.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;

      for (const statement of [
        "INSERT INTO areas (name) VALUES ('Norr')",
        "UPDATE users SET name = 'X' WHERE id = 1",
        "DELETE FROM commitments WHERE id = 3",
        "INSERT INTO activities (commitment_id, occurred_at, local_date, logged_by) VALUES (1, '2024-03-01', '2024-03-01', 'X')",
      ]) {
        expect(await refusal(db.pool.query(statement))).toEqual({ message: MISSING_CONTEXT, code: "LKA01" });
        expect(await refusal(write(db.pool, { ...anna, actor: "" }, statement))).toEqual({ message: MISSING_CONTEXT, code: "LKA01" });
      }
      // Activities of an import (linked to its audit row, so no row each) must still say who writes them.
      await write(db.pool, anna, "INSERT INTO audit_log (at, actor, action) VALUES ('2024-03-09T00:00:00.000Z', 'user:1', 'activity.import')");
      const linked = "INSERT INTO activities (commitment_id, occurred_at, local_date, logged_by, audit_id) SELECT 1, '2024-03-01', '2024-03-01', 'X', max(id) FROM audit_log";
      expect(await refusal(db.pool.query(linked))).toEqual({ message: MISSING_CONTEXT, code: "LKA01" });
      await write(db.pool, anna, linked);

      expect((await db.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(before + 1);
      expect((await db.pool.query("SELECT count(*)::int AS n FROM activities")).rows[0].n).toBe(1);
    });

    it("keeps the context to its transaction: the next one on the same connection, or a rolled-back savepoint, has none", async () => {
      const db = await migrated();
      const client = await db.newPool(1).connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config('lofteskollen.actor', 'cli', true), set_config('lofteskollen.at', '2024-01-01T00:00:00.000Z', true)");
        await client.query("INSERT INTO areas (name) VALUES ('Första')");
        await client.query("SAVEPOINT job");
        await client.query("SELECT set_config('lofteskollen.actor', 'user:9', true)");
        await client.query("RELEASE SAVEPOINT job");
        await client.query("INSERT INTO areas (name) VALUES ('Andra')");
        await client.query("SAVEPOINT job");
        await client.query("SELECT set_config('lofteskollen.actor', '', true)");
        await client.query("ROLLBACK TO SAVEPOINT job");
        await client.query("INSERT INTO areas (name) VALUES ('Tredje')");
        await client.query("COMMIT");
        // After the transaction the setting reads '' in this session, not NULL: still no context.
        expect(await refusal(client.query("INSERT INTO areas (name) VALUES ('Fjärde')"))).toEqual({ message: MISSING_CONTEXT, code: "LKA01" });
      } finally {
        client.release();
      }
      const rows = (await db.pool.query("SELECT actor, user_id, address, record_id FROM audit_log ORDER BY id")).rows;
      // user_id and address unset or '' are NULL, as SQLite's context gives null.
      expect(rows).toEqual([
        { actor: "cli", user_id: null, address: null, record_id: "1" },
        { actor: "user:9", user_id: null, address: null, record_id: "2" },
        { actor: "user:9", user_id: null, address: null, record_id: "3" },
      ]);
    });

    it("is append-only, with SQLite's messages; TRUNCATE is refused too", async () => {
      const db = await migrated();
      await write(db.pool, anna, ...BASE);
      expect(await refusal(write(db.pool, anna, "UPDATE audit_log SET actor = 'someone else'"))).toEqual({ message: "the audit trail is append-only: rows are never changed", code: "P0001" });
      expect(await refusal(write(db.pool, anna, "DELETE FROM audit_log WHERE id = 1"))).toEqual({ message: "the audit trail is append-only: rows are never deleted", code: "P0001" });
      expect(await refusal(write(db.pool, anna, "TRUNCATE audit_log CASCADE"))).toEqual({ message: "the audit trail is append-only: rows are never deleted", code: "P0001" });
      expect((await db.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(8);
    });
  });

  describe("activities", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await migrated();
      await write(db.pool, anna, ...BASE);
    });
    const rollupMatchesActivities = async () => {
      const rollup = await db.pool.query(
        "SELECT commitment_id, local_date, quantity, activity_count FROM commitment_daily_totals WHERE activity_count > 0 ORDER BY commitment_id, local_date",
      );
      const expected = await db.pool.query(
        "SELECT commitment_id, local_date, sum(quantity)::int AS quantity, count(*)::int AS activity_count FROM activities WHERE voided_at IS NULL GROUP BY commitment_id, local_date ORDER BY commitment_id, local_date",
      );
      // Days whose activities were all voided keep a row of zeros, as on SQLite.
      const emptied = await db.pool.query("SELECT count(*)::int AS n FROM commitment_daily_totals WHERE activity_count = 0 AND quantity <> 0");
      return { rollup: rollup.rows, expected: expected.rows, emptiedWithQuantity: emptied.rows[0].n as number };
    };

    it("keeps the daily totals equal to a GROUP BY of the non-voided activities, through multi-row inserts and voids", async () => {
      // 3 000 activities in one statement, over 3 commitments × 40 days, some logged already voided.
      await write(
        db.pool,
        anna,
        `INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, voided_at)
         SELECT 1 + i % 3, d, d, 1 + (i * 7) % 13, 'Anna', CASE WHEN i % 50 = 0 THEN '2024-04-01T00:00:00.000Z' END
         FROM (SELECT i, to_char(date '2024-03-01' + (i * 17) % 40, 'YYYY-MM-DD') AS d FROM generate_series(1, 3000) AS i) AS s`,
      );
      // More on the same days: the upsert adds to existing totals.
      await write(
        db.pool,
        cli,
        "INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by) VALUES (1, '2024-03-02', '2024-03-02', 5, 'Bo'), (1, '2024-03-02', '2024-03-02', 6, 'Bo'), (2, '2024-03-03', '2024-03-03', 7, 'Bo')",
      );
      let state = await rollupMatchesActivities();
      expect(state.rollup).toEqual(state.expected);
      expect(state.rollup.length).toBeGreaterThan(100);

      // Voids: many in one statement (including rows already voided, which stay as they are),
      // one at a time, and a whole day.
      await write(db.pool, anna, "UPDATE activities SET voided_at = '2024-04-02T00:00:00.000Z', voided_by = 'Anna' WHERE id % 7 = 0 AND voided_at IS NULL");
      await write(db.pool, cli, "UPDATE activities SET voided_at = '2024-04-03T00:00:00.000Z' WHERE id = 3001");
      await write(db.pool, cli, "UPDATE activities SET voided_at = '2024-04-03T00:00:00.000Z' WHERE local_date = '2024-03-10' AND voided_at IS NULL");
      // An edit of a column the rules allow changes no total.
      await write(db.pool, cli, "UPDATE activities SET note = 'Anteckning' WHERE id % 5 = 0");
      state = await rollupMatchesActivities();
      expect(state.rollup).toEqual(state.expected);
      expect(state.emptiedWithQuantity).toBe(0);
      expect((await db.pool.query("SELECT count(*)::int AS n FROM commitment_daily_totals WHERE local_date = '2024-03-10' AND activity_count = 0")).rows[0].n).toBeGreaterThan(0);
    });

    it("rolls up an import of 10 000 rows in one statement, with its one audit row and none per row", async () => {
      const auditBefore = (await db.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n as number;
      const started = performance.now();
      await write(
        db.pool,
        anna,
        "INSERT INTO audit_log (at, user_id, actor, action, record_type, after) VALUES ('2024-05-01T08:00:00.000Z', 1, 'user:1', 'activity.import', 'activity', '{\"rows\":10000}')",
        `INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, audit_id)
         SELECT 1 + i % 2, d, d, 1 + i % 4, 'Anna', (SELECT max(id) FROM audit_log)
         FROM (SELECT i, to_char(date '2023-01-01' + i % 365, 'YYYY-MM-DD') AS d FROM generate_series(1, 10000) AS i) AS s`,
      );
      const took = performance.now() - started;
      const state = await rollupMatchesActivities();
      expect(state.rollup).toEqual(state.expected);
      expect((await db.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(auditBefore + 1);
      // Row-level triggers took ~5 s for 100 000 rows here (decision 012); this is per statement.
      expect(took).toBeLessThan(5_000);
    });

    it("refuses edits, un-voids, deletes and a changed correction link, with SQLite's messages", async () => {
      await write(db.pool, anna, "INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by) VALUES (3, '2024-06-01', '2024-06-01', 2, 'Anna')");
      const id = (await db.pool.query("SELECT max(id) AS id FROM activities")).rows[0].id as number;
      const refused = (statement: string) => refusal(write(db.pool, anna, statement));

      const notEdited = { message: "activities are not edited: void and log a new one", code: "P0001" };
      expect(await refused(`UPDATE activities SET quantity = 5 WHERE id = ${id}`)).toEqual(notEdited);
      expect(await refused(`UPDATE activities SET local_date = '2024-06-02' WHERE id = ${id}`)).toEqual(notEdited);
      expect(await refused(`UPDATE activities SET commitment_id = 1 WHERE id = ${id}`)).toEqual(notEdited);
      expect(await refused(`UPDATE activities SET occurred_at = '2024-06-02' WHERE id = ${id}`)).toEqual(notEdited);
      expect(await refused(`UPDATE activities SET is_demo = TRUE WHERE id = ${id}`)).toEqual(notEdited);
      expect(await refused(`DELETE FROM activities WHERE id = ${id}`)).toEqual({ message: "activities are never deleted: void instead", code: "P0001" });
      expect(await refused("TRUNCATE activities")).toEqual({ message: "activities are never deleted: void instead", code: "P0001" });
      expect(await refused(`UPDATE activities SET replaces_id = 1 WHERE id = ${id}`)).toEqual({ message: "activities are not edited: which activity a correction replaces is fixed", code: "P0001" });

      // A correction: the original voided, and a new activity naming it; an activity is corrected once.
      await write(
        db.pool,
        anna,
        `UPDATE activities SET voided_at = '2024-06-03T00:00:00.000Z', void_reason = 'Fel' WHERE id = ${id}`,
        `INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, replaces_id) VALUES (3, '2024-06-01', '2024-06-01', 3, 'Anna', ${id})`,
      );
      expect(await refused(`UPDATE activities SET voided_at = NULL WHERE id = ${id}`)).toEqual({ message: "a voided activity stays voided", code: "P0001" });
      expect(await refused(`UPDATE activities SET voided_at = '2024-06-04T00:00:00.000Z' WHERE id = ${id}`)).toEqual({ message: "a voided activity stays voided", code: "P0001" });
      const second = await refused(`INSERT INTO activities (commitment_id, occurred_at, local_date, logged_by, replaces_id) VALUES (3, '2024-06-01', '2024-06-01', 'Anna', ${id})`);
      expect(second).toMatchObject({ code: "23505", message: expect.stringContaining("activities_replaces") });

      const day = (await db.pool.query("SELECT quantity, activity_count FROM commitment_daily_totals WHERE commitment_id = 3 AND local_date = '2024-06-01'")).rows;
      expect(day).toEqual([{ quantity: 3, activity_count: 1 }]);
      const state = await rollupMatchesActivities();
      expect(state.rollup).toEqual(state.expected);
    });
  });
});
