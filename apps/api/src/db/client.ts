import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { type AuditContextHolder, installAuditContext, systemContext } from "./audit-context";
import { applyMigrations, codeMigrations, type MigrationSet, readMigrationSet } from "./migrations";
import * as schema from "./schema";

/**
 * The drizzle handle of the one connection. Transactions are opened on the connection itself
 * (`Store.sqlite.transaction`, or the write queue): queries on this handle inside one belong to it.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type Store = {
  db: Db;
  sqlite: Database.Database;
  /** Who the writes are attributed to in the audit trail; audited writes fail outside `audit.run`. */
  audit: AuditContextHolder;
  close: () => void;
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
export function openStore(path: string, { migrationsFolder }: OpenStoreOptions = {}): Store {
  const migrations = migrationsFolder ? readMigrationSet(migrationsFolder) : codeMigrations();
  const sqlite = new Database(path);
  try {
    return prepareStore(sqlite, path, migrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function prepareStore(sqlite: Database.Database, path: string, migrations: MigrationSet): Store {
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
  const db = drizzle(sqlite, { schema });
  audit.run(systemContext("migration"), () => applyMigrations(sqlite, { databaseFile: path, set: migrations }));
  return { db, sqlite, audit, close: () => sqlite.close() };
}

/**
 * One set of prepared statements per database handle, built on first use: compiling SQL costs
 * more than running it on the write path (see docs/benchmarks.md).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
