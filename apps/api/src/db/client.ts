import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** The drizzle handle, or a transaction/savepoint of it: services accept either. */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;

export type Store = {
  db: ReturnType<typeof drizzle<typeof schema>>;
  sqlite: Database.Database;
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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite, close: () => sqlite.close() };
}
