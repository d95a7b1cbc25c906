import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import {
  type AppliedRow,
  MigrationFailedError,
  type MigrationSet,
  type MigrationStatus,
  newestTag,
  pendingOrRefuse,
  readMigrationSet,
  sqliteTarget,
  statusOf,
} from "./migration-history";

export {
  DatabaseNewerThanCodeError,
  type Migration,
  MigrationError,
  MigrationFailedError,
  MigrationHistoryMismatchError,
  type MigrationSet,
  type MigrationState,
  type MigrationStatus,
  readMigrationSet,
} from "./migration-history";

/*
 * Schema migrations, applied by `openStore` every time the database is opened.
 *
 * Forward-only: there are no down migrations. A change is undone by a new migration, and a
 * database is taken back to an older version of the code by restoring a backup made with it.
 *
 * The migrations are drizzle-kit's (`pnpm db:generate` writes drizzle/NNNN_name.sql and the
 * journal drizzle/meta/_journal.json) and the bookkeeping is drizzle's table
 * `__drizzle_migrations` (hash = SHA-256 of the file, created_at = the journal's `when`), so
 * every database migrated by drizzle's own migrator opens unchanged. The applying is ours,
 * because drizzle's migrator (drizzle-orm/sqlite-core/dialect.js, `migrate`) only compares the
 * newest created_at with the journal: a database with a migration this code does not know is
 * silently used as if it matched, and one whose history differs gets migrations re-run or
 * skipped. Here the applied migrations must be the journal's first ones, in order, same `when`
 * and same file content; otherwise the database is refused before anything is written.
 *
 * All pending migrations run in ONE transaction (BEGIN IMMEDIATE, so two processes starting at
 * once cannot both migrate): a failure anywhere leaves the database exactly as it was.
 *
 * What both databases share (journal, history comparison, refusals and their messages) is in
 * ./migration-history.ts; PostgreSQL's runner is ./migrations-pg.ts.
 */

/** drizzle's table: one row per applied migration. */
const MIGRATIONS_TABLE = "__drizzle_migrations";

const codeMigrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

let codeSet: MigrationSet | undefined;
/** The migrations this version of the code ships (apps/api/drizzle), read once per process. */
export function codeMigrations(): MigrationSet {
  codeSet ??= readMigrationSet(codeMigrationsFolder);
  return codeSet;
}

/** The tag of the newest migration this version of the code knows, e.g. "0005_activity-audit-triggers". */
export function expectedMigration(set: MigrationSet = codeMigrations()): string {
  return newestTag(set);
}

function readApplied(sqlite: Database.Database): AppliedRow[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!table) return [];
  // drizzle's `id` column is never filled (SERIAL is no rowid alias in SQLite): rowid breaks ties.
  const rows = sqlite.prepare(`SELECT hash, created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, rowid`).all() as { hash: string; created_at: number | string }[];
  return rows.map((row) => ({ hash: row.hash, when: Number(row.created_at) }));
}

/** Where the database stands against this code's migrations. Reads only; writes nothing. */
export function migrationStatus(sqlite: Database.Database, set: MigrationSet = codeMigrations()): MigrationStatus {
  return statusOf(readApplied(sqlite), set);
}

/**
 * Brings the database up to this code's newest migration, all pending ones in one transaction,
 * and returns the tags applied (none when it is up to date). Throws DatabaseNewerThanCodeError or
 * MigrationHistoryMismatchError, having written nothing, when the database's history is not the
 * start of this code's; MigrationFailedError, having written nothing, when a migration fails.
 * Run it with an audit context: a migration that changes audited rows is audited like any write.
 */
export function applyMigrations(
  sqlite: Database.Database,
  { databaseFile, set = codeMigrations() }: { databaseFile: string; set?: MigrationSet },
): string[] {
  const target = sqliteTarget(databaseFile);
  // Checked first without the write lock: an up-to-date database (every start but the first after
  // an upgrade) never waits for another process's write.
  if (pendingOrRefuse(readApplied(sqlite), set, target).length === 0) return [];

  // Migrations may rebuild a table (drizzle-kit's "__new_" copies), which foreign keys would
  // refuse halfway; they are off while migrating and checked once before the commit
  // (https://www.sqlite.org/lang_altertable.html#otheralter). The pragma has no effect inside a
  // transaction, hence here.
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true }) as number;
  sqlite.pragma("foreign_keys = OFF");
  try {
    return sqlite
      .transaction(() => {
        // Again under the write lock: another process may have migrated in between.
        const pending = pendingOrRefuse(readApplied(sqlite), set, target);
        const appliedBefore = migrationStatus(sqlite, set).applied;
        sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
        const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
        for (const migration of pending) {
          try {
            for (const statement of migration.statements) sqlite.exec(statement);
            record.run(migration.hash, migration.when);
          } catch (error) {
            throw new MigrationFailedError(target, `Migreringen ${migration.tag}`, appliedBefore, error);
          }
        }
        const broken = sqlite.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
        const first = broken[0];
        if (first) {
          const what = `Migreringarna ${pending.map((m) => m.tag).join(", ")}`;
          const reason = `efteråt bryter ${broken.length} rader mot en främmande nyckel, t.ex. ${first.table} rad ${first.rowid} → ${first.parent}`;
          throw new MigrationFailedError(target, what, appliedBefore, new Error(reason));
        }
        return pending.map((m) => m.tag);
      })
      .immediate();
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
}
