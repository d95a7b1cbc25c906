import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { type AuditContextHolder, installAuditContext, systemContext } from "./audit-context";
import * as schema from "./schema";

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

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

/**
 * Opens (creating if needed) the SQLite database, sets the durability pragmas and applies the
 * committed migrations. `:memory:` gives a private database, as the tests use.
 */
export function openStore(path: string): Store {
  const sqlite = new Database(path);
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
  audit.run(systemContext("migration"), () => migrate(db, { migrationsFolder }));
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
