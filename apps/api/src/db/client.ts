import Database from "better-sqlite3";
import type { SQLWrapper } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { type AuditContext, type AuditContextHolder, installAuditContext, systemContext } from "./audit-context";
import { applyMigrations, codeMigrations, expectedMigration, type MigrationSet, type MigrationStatus, migrationStatus, readMigrationSet } from "./migrations";
import * as schema from "./schema";
import type * as pgSchema from "./schema-pg";

/** Which database a store runs on: SQLite by default, PostgreSQL when DATABASE_URL says so (decision 012). */
export type Engine = "sqlite" | "postgres";

/** The tables, as the services reach them: `db.$tables` (the engine's own drizzle table objects). */
export type Tables = typeof pgSchema;

/**
 * The drizzle handle the services query through, one code for both engines (decision 012).
 * It is typed with PostgreSQL's query builder, which SQLite's drizzle shares for everything the
 * services use (select, insert … returning, update, on conflict, joins, `sql`); so the compiler
 * refuses SQLite's synchronous `.get()/.all()/.run()`, and every query is awaited. Tables come from
 * `db.$tables`, never from an import: they are the engine's own. Raw SQL goes through `queryRows`.
 *
 * Inside a write (`WriteQueue.run(db => …)`) the handle given to the work belongs to the write's
 * transaction: use that one, not a store's.
 */
export type Db = NodePgDatabase<Tables> & {
  readonly $engine: Engine;
  readonly $tables: Tables;
  /** SQLite only: the connection, for the fast paths that prepare their own statements. */
  readonly $sqlite: Database.Database | null;
};

/** One write of a group commit: its work, run in its own savepoint, and who it is attributed to. */
export type WriteJob = { work: (db: Db) => unknown; context: AuditContext | null };
export type WriteOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A database the app runs on: its query handle and how a group of writes is committed. */
export type Store = {
  readonly engine: Engine;
  /** Reads: committed data (on SQLite the one connection, on PostgreSQL the pool). */
  readonly db: Db;
  /**
   * One transaction for `jobs`, in order, each in a savepoint of its own with its audit context:
   * a job that throws is rolled back alone and gets its error as outcome. Resolves after COMMIT;
   * rejects (nothing stored) when the transaction itself fails.
   */
  runGroup(jobs: readonly WriteJob[]): Promise<WriteOutcome[]>;
  /** One write outside the request path (seed, command line, tests), attributed to `context`. */
  transaction<T>(context: AuditContext, work: (db: Db) => T | Promise<T>): Promise<T>;
  /** How far the database is migrated, against this code's migrations; throws when it cannot answer. */
  migrationStatus(): Promise<MigrationStatus>;
  /** The newest migration of this code for this engine (what `migrationStatus` expects). */
  readonly expectedMigration: string;
  close(): Promise<void>;
};

/** The SQLite store: the connection is reachable for backups, checkpoints and SQLite-only tests. */
export type SqliteStore = Store & {
  readonly engine: "sqlite";
  readonly sqlite: Database.Database;
  /** Who the writes are attributed to in the audit trail; audited writes fail outside `audit.run`. */
  readonly audit: AuditContextHolder;
  /** Closes at once (synchronously): the file is complete after it returns. */
  closeNow(): void;
};

export type OpenStoreOptions = {
  /** A drizzle migrations folder other than the committed one (apps/api/drizzle): for tests. */
  migrationsFolder?: string;
};

/**
 * Opens (creating if needed) the SQLite database, sets the durability pragmas and applies the
 * committed migrations that are still pending, all in one transaction (./migrations.ts).
 * `:memory:` gives a private database, as the tests use.
 *
 * Throws a MigrationError, with the connection closed and the database unchanged, when the
 * database is newer than this code (DatabaseNewerThanCodeError), its migrations differ from this
 * code's (MigrationHistoryMismatchError) or a migration fails (MigrationFailedError). Its message
 * is Swedish and says what to do: print it and stop.
 */
export function openStore(path: string, { migrationsFolder }: OpenStoreOptions = {}): SqliteStore {
  const migrations = migrationsFolder ? readMigrationSet(migrationsFolder) : codeMigrations();
  const sqlite = new Database(path);
  try {
    return prepareStore(sqlite, path, migrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function prepareStore(sqlite: Database.Database, path: string, migrations: MigrationSet): SqliteStore {
  // WAL: readers never block the writer. synchronous=FULL: a committed activity survives a power cut.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MiB of page cache instead of SQLite's 2 MiB default: the activity indexes of a year of
  // logging stay in memory, so inserts at random dates do not re-read pages (docs/benchmarks.md).
  sqlite.pragma("cache_size = -65536");
  // Checkpoint the WAL every 64 MiB instead of every 4 MiB: an index page changed by many
  // imports is copied back once, not once per import (https://www.sqlite.org/wal.html#ckpt).
  // The file is cut back to that size after each checkpoint.
  sqlite.pragma("wal_autocheckpoint = 16384");
  sqlite.pragma("journal_size_limit = 67108864");
  const audit = installAuditContext(sqlite);
  audit.run(systemContext("migration"), () => applyMigrations(sqlite, { databaseFile: path, set: migrations }));
  const db = Object.assign(drizzle(sqlite, { schema }) as unknown as NodePgDatabase<Tables>, {
    $engine: "sqlite" as const,
    $tables: schema as unknown as Tables,
    $sqlite: sqlite,
  });
  const runGroup = sqliteGroupRunner(sqlite, audit, db);
  return {
    engine: "sqlite",
    db,
    sqlite,
    audit,
    runGroup,
    transaction: (context, work) => runOne(runGroup, context, work),
    migrationStatus: async () => migrationStatus(sqlite, migrations),
    expectedMigration: expectedMigration(migrations),
    close: async () => {
      sqlite.close();
    },
    closeNow: () => sqlite.close(),
  };
}

/**
 * Group commit on the one SQLite connection (decision 002): `BEGIN IMMEDIATE`, a savepoint per
 * job, `COMMIT`. SQLite's queries complete synchronously under their promises, so a group runs
 * within one turn of the event loop, as before the work became async (decision 012): nothing
 * else — no read of another request — runs on the connection between its statements.
 */
function sqliteGroupRunner(sqlite: Database.Database, audit: AuditContextHolder, db: Db): Store["runGroup"] {
  const begin = sqlite.prepare("BEGIN IMMEDIATE");
  const commit = sqlite.prepare("COMMIT");
  const rollback = sqlite.prepare("ROLLBACK");
  const savepoint = sqlite.prepare("SAVEPOINT job");
  const release = sqlite.prepare("RELEASE job");
  const rollbackToSavepoint = sqlite.prepare("ROLLBACK TO job");
  return async (jobs) => {
    begin.run();
    const outcomes: WriteOutcome[] = [];
    try {
      for (const job of jobs) {
        savepoint.run();
        try {
          const value = job.context ? await audit.runAsync(job.context, () => job.work(db)) : await job.work(db);
          release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          // Some errors (disk full, I/O) end the whole transaction: then nothing of the group stays.
          if (!sqlite.inTransaction) throw error;
          rollbackToSavepoint.run();
          release.run();
          outcomes.push({ ok: false, error });
        }
      }
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
      throw error;
    }
    return outcomes;
  };
}

/** A group of one: the work's value, or its error. */
export async function runOne<T>(runGroup: Store["runGroup"], context: AuditContext, work: (db: Db) => T | Promise<T>): Promise<T> {
  const [outcome] = await runGroup([{ work, context }]);
  if (!outcome) throw new Error("write was not run");
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/**
 * Rows of a raw SQL query (drizzle's `sql` template), on either engine. Column names as in SQL.
 * For the few queries the query builder cannot say; prefer the builder.
 */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQLWrapper): Promise<T[]> {
  if (db.$engine === "sqlite") return (db as unknown as BetterSQLite3Database).all<T>(query);
  return (await db.execute(query)).rows as T[];
}

/**
 * Statements built once per handle, on either engine: compiling SQL costs more than running it on
 * the write path (see docs/benchmarks.md: drizzle building and SQLite compiling the SQL of every
 * call halved the single POST). Build them with the query builder's `.prepare(name)` and
 * `sql.placeholder`; run them with `await statement.execute({ … })`. On SQLite the one connection's
 * handle is used for reads and writes alike, so each statement is compiled once per process; on
 * PostgreSQL the name makes it a named prepared statement on each pooled connection (a write's
 * handle is new per group, so there it is built again, which costs only the building).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  return builtOncePer(build);
}

/**
 * One set of prepared statements per SQLite connection, built on first use: compiling SQL costs
 * more than running it on the write path (see docs/benchmarks.md). SQLite fast paths only.
 */
export function preparedPerConnection<T>(build: (sqlite: Database.Database) => T): (sqlite: Database.Database) => T {
  return builtOncePer(build);
}

/** `build(key)` once per key object, kept as long as the key lives. */
function builtOncePer<K extends object, T>(build: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    let built = cache.get(key);
    if (!built) {
      built = build(key);
      cache.set(key, built);
    }
    return built;
  };
}

/** Runs a raw SQL statement that returns no rows (DDL, a write outside the builder), on either engine. */
export async function executeSql(db: Db, statement: SQLWrapper): Promise<void> {
  if (db.$engine === "sqlite") (db as unknown as BetterSQLite3Database).run(statement);
  else await db.execute(statement);
}
