import { fileURLToPath } from "node:url";
import type pg from "pg";
import {
  type AppliedRow,
  MigrationFailedError,
  type MigrationSet,
  type MigrationStatus,
  type MigrationTarget,
  pendingOrRefuse,
  readMigrationSet,
  redactDatabaseUrl,
  statusOf,
} from "./migration-history";

/*
 * PostgreSQL's schema migrations (decision 012), applied when the app opens a postgres:// database.
 * The same rules as SQLite's runner (./migrations.ts, decision 009), from the same shared code
 * (./migration-history.ts): forward-only; the applied migrations must be the first ones of this
 * code's journal (apps/api/drizzle-pg/meta/_journal.json), in order and unchanged, or the database
 * is refused before anything is written; all pending migrations in ONE transaction.
 *
 * Bookkeeping is drizzle's own table for PostgreSQL, `drizzle.__drizzle_migrations` (id serial,
 * hash = SHA-256 of the file, created_at = the journal's `when`; drizzle-orm/pg-core/dialect.js),
 * so a database migrated by drizzle's own migrator opens unchanged.
 *
 * The transaction: BEGIN; pg_advisory_xact_lock, so that two processes starting at once migrate
 * one after the other (the second then finds nothing to do); the history read and compared under
 * the lock; the pending statements and their bookkeeping rows; COMMIT. PostgreSQL's DDL is
 * transactional, so a failure anywhere leaves the database exactly as it was. A migration therefore
 * cannot use a statement that refuses to run in a transaction (CREATE INDEX CONCURRENTLY, …).
 */

const MIGRATIONS_SCHEMA = "drizzle";
const MIGRATIONS_TABLE = "__drizzle_migrations";
const QUALIFIED = `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`;

/**
 * The advisory lock a migration holds for its transaction. The same key as Löfteskollen's write
 * lock (postgres-store.ts, WRITE_LOCK "LOFT"): a migration by a newly started version never runs
 * beside another process's write group, and vice versa.
 */
export const MIGRATION_LOCK = 0x4c_4f_46_54;

const pgMigrationsFolder = fileURLToPath(new URL("../../drizzle-pg", import.meta.url));

let pgSet: MigrationSet | undefined;
/** The PostgreSQL migrations this version of the code ships (apps/api/drizzle-pg), read once per process. */
export function pgMigrations(): MigrationSet {
  pgSet ??= readMigrationSet(pgMigrationsFolder);
  return pgSet;
}

/** How the messages name a PostgreSQL database: its URL, with the password as ***. */
export function postgresTarget(label: string): MigrationTarget {
  return { database: redactDatabaseUrl(label), journal: "apps/api/drizzle-pg/meta/_journal.json" };
}

type Queryable = Pick<pg.ClientBase, "query">;

async function readApplied(client: Queryable): Promise<AppliedRow[]> {
  const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('${QUALIFIED}')::text AS "table"`);
  if (!exists.rows[0]?.table) return [];
  const { rows } = await client.query<{ hash: string; created_at: string | number | null }>(`SELECT hash, created_at FROM ${QUALIFIED} ORDER BY created_at, id`);
  return rows.map((row) => ({ hash: row.hash, when: Number(row.created_at) }));
}

/** Where the database stands against this code's PostgreSQL migrations. Reads only; writes nothing. */
export async function postgresMigrationStatus(pool: pg.Pool, set: MigrationSet = pgMigrations()): Promise<MigrationStatus> {
  return statusOf(await readApplied(pool), set);
}

export type ApplyPostgresOptions = {
  /** How messages name the database: its URL (the password is replaced by *** here). */
  label: string;
  /** A migrations folder's set other than the committed one (apps/api/drizzle-pg): for tests. */
  set?: MigrationSet;
};

/**
 * Brings the database up to this code's newest PostgreSQL migration, all pending ones in one
 * transaction, and returns the tags applied (none when it is up to date). Throws
 * DatabaseNewerThanCodeError or MigrationHistoryMismatchError, having written nothing, when the
 * database's history is not the start of this code's; MigrationFailedError, having written nothing,
 * when a migration fails. The migrations run attributed to "migration" in the audit trail, so one
 * that changes audited rows is audited like any write.
 */
export async function applyPostgresMigrations(pool: pg.Pool, { label, set = pgMigrations() }: ApplyPostgresOptions): Promise<string[]> {
  const target = postgresTarget(label);
  return inLockedTransaction(pool, async (client) => {
    const applied = await readApplied(client);
    const pending = pendingOrRefuse(applied, set, target);
    if (pending.length === 0) return [];
    const appliedBefore = statusOf(applied, set).applied;
    await client.query(
      "SELECT set_config('lofteskollen.at', $1, true), set_config('lofteskollen.user_id', '', true), set_config('lofteskollen.actor', 'migration', true), set_config('lofteskollen.address', '', true)",
      [new Date().toISOString()],
    );
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${MIGRATIONS_SCHEMA}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${QUALIFIED} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
    for (const migration of pending) {
      try {
        for (const statement of migration.statements) await client.query(statement);
        await client.query(`INSERT INTO ${QUALIFIED} ("hash", "created_at") VALUES ($1, $2)`, [migration.hash, migration.when]);
      } catch (error) {
        throw new MigrationFailedError(target, `Migreringen ${migration.tag}`, appliedBefore, error);
      }
    }
    return pending.map((m) => m.tag);
  });
}

/**
 * `work` on a pooled connection inside BEGIN … COMMIT, under Löfteskollen's advisory lock (the
 * one every migration and every write group takes: one at a time, across processes). When `work`
 * throws: ROLLBACK, and the error goes on. A connection whose ROLLBACK failed is in an unknown
 * state: it is not given back to the pool.
 */
export async function inLockedTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const value = await work(client);
      await client.query("COMMIT");
      return value;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** The collations whose order is byte order, as SQLite's BINARY compares text. */
const BYTE_ORDER = /^(c|posix|c\.utf-?8)$/i;

/**
 * Refuses a database whose text does not sort and compare as SQLite's does (byte order: the C
 * collation), with a Swedish message that says how to create it right. Every `ORDER BY name` and
 * every comparison of dates stored as text depends on it (decision 012).
 */
export async function checkCollation(pool: pg.Pool, label?: string): Promise<void> {
  const { rows } = await pool.query<Record<string, string | null>>("SELECT * FROM pg_database WHERE datname = current_database()");
  const row = rows[0];
  if (!row) throw new Error("PostgreSQL: current_database() finns inte i pg_database");
  const name = label ? redactDatabaseUrl(label) : String(row.datname);
  // PostgreSQL 15 may take the default collation from ICU (datlocprovider 'i', daticulocale):
  // then datcollate is not what ORDER BY uses. 17's builtin provider ('b') with C or C.UTF-8 is byte order.
  const provider = row.datlocprovider ?? "c";
  const collation = provider === "i" ? `ICU ${row.daticulocale ?? row.datlocale ?? "?"}` : provider === "b" ? String(row.datlocale) : String(row.datcollate);
  if ((provider === "c" || provider === "b") && BYTE_ORDER.test(collation)) return;
  throw new Error(
    `PostgreSQL-databasen ${name} sorterar text enligt kollationen ${collation}, men Löfteskollen kräver C eller C.UTF-8, ` +
      "så att text sorteras och jämförs som i SQLite (byte för byte). Kollationen kan inte ändras i en befintlig databas: " +
      "skapa en ny med `createdb --template=template0 --locale=C.UTF-8 -E UTF8 …` (eller CREATE DATABASE … TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8') " +
      "och starta Löfteskollen mot den. Databasen har inte ändrats.",
  );
}
