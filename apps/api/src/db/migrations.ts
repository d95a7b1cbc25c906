import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";

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
 */

/** drizzle's table: one row per applied migration. */
const MIGRATIONS_TABLE = "__drizzle_migrations";

const codeMigrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export type Migration = {
  /** The file name without `.sql`, e.g. "0004_activity-corrections". */
  tag: string;
  /** The journal's `when` (ms since 1970): stored as `created_at`, it names the migration in a database. */
  when: number;
  /** SHA-256 of the file as drizzle computes it: what a database records. */
  hash: string;
  /** The hashes that count as this file: also with its line endings changed (a Windows checkout). */
  acceptedHashes: ReadonlySet<string>;
  statements: readonly string[];
};

/** The migrations of one folder, in journal order. */
export type MigrationSet = { folder: string; migrations: readonly Migration[] };

type Journal = { entries: { idx: number; when: number; tag: string }[] };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Reads a drizzle migrations folder: the journal and each migration's SQL. */
export function readMigrationSet(folder: string): MigrationSet {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as Journal;
  const migrations = journal.entries.map((entry, i): Migration => {
    const previous = journal.entries[i - 1];
    // Order is identity here: a journal merged out of order would apply migrations in a different
    // order on different databases.
    if (previous && entry.when <= previous.when) {
      throw new Error(`${folder}/meta/_journal.json: ${entry.tag} is not newer than ${previous.tag}; regenerate it with \`pnpm db:generate\``);
    }
    // As drizzle-orm's readMigrationFiles: the file as text, hashed as it is, split at the breakpoints.
    const text = readFileSync(join(folder, `${entry.tag}.sql`)).toString();
    const lf = text.replace(/\r\n/g, "\n");
    return {
      tag: entry.tag,
      when: entry.when,
      hash: sha256(text),
      acceptedHashes: new Set([sha256(text), sha256(lf), sha256(lf.replace(/\n/g, "\r\n"))]),
      statements: text.split("--> statement-breakpoint").filter((s) => s.trim() !== ""),
    };
  });
  if (migrations.length === 0) throw new Error(`${folder}/meta/_journal.json lists no migrations`);
  return { folder, migrations };
}

let codeSet: MigrationSet | undefined;
/** The migrations this version of the code ships (apps/api/drizzle), read once per process. */
export function codeMigrations(): MigrationSet {
  codeSet ??= readMigrationSet(codeMigrationsFolder);
  return codeSet;
}

/** The tag of the newest migration this version of the code knows, e.g. "0005_activity-audit-triggers". */
export function expectedMigration(set: MigrationSet = codeMigrations()): string {
  return lastOf(set).tag;
}

/**
 * current: every migration applied; behind: some still to apply (done at the next open);
 * newer: the database has migrations after the last one this code knows;
 * diverged: the database's history differs from this code's (another line of development, or a
 * migration file changed after it was applied).
 */
export type MigrationState = "current" | "behind" | "newer" | "diverged";

export type MigrationStatus = {
  /**
   * The newest migration applied to the database: its tag, `unknown:<created_at>` when this code
   * does not know it (a newer version's journal lists that `when`), or null when none is applied.
   */
  applied: string | null;
  /** The newest migration this code knows. */
  expected: string;
  upToDate: boolean;
  state: MigrationState;
  /** Tags still to apply, oldest first (empty unless `state` is "behind"). */
  pending: string[];
};

type AppliedRow = { hash: string; when: number };

type History =
  | { state: "current" | "behind"; pending: Migration[] }
  | { state: "newer"; unknown: AppliedRow[] }
  | { state: "diverged"; at: number; row: AppliedRow };

function readApplied(sqlite: Database.Database): AppliedRow[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!table) return [];
  // drizzle's `id` column is never filled (SERIAL is no rowid alias in SQLite): rowid breaks ties.
  const rows = sqlite.prepare(`SELECT hash, created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, rowid`).all() as { hash: string; created_at: number | string }[];
  return rows.map((row) => ({ hash: row.hash, when: Number(row.created_at) }));
}

/** The applied migrations must be the first ones of the journal, in order and unchanged. */
function compareHistory(applied: AppliedRow[], set: MigrationSet): History {
  const known = set.migrations;
  for (const [i, row] of applied.entries()) {
    const migration = known[i];
    if (!migration) {
      const unknown = applied.slice(i);
      // Every known migration is applied and the rest came later: a newer version migrated it.
      if (unknown.every((u) => u.when > lastOf(set).when)) return { state: "newer", unknown };
      return { state: "diverged", at: i, row };
    }
    if (row.when !== migration.when || !migration.acceptedHashes.has(row.hash)) return { state: "diverged", at: i, row };
  }
  const pending = known.slice(applied.length);
  return { state: pending.length ? "behind" : "current", pending };
}

/** Where the database stands against this code's migrations. Reads only; writes nothing. */
export function migrationStatus(sqlite: Database.Database, set: MigrationSet = codeMigrations()): MigrationStatus {
  const applied = readApplied(sqlite);
  const history = compareHistory(applied, set);
  const expected = expectedMigration(set);
  const last = applied.at(-1);
  switch (history.state) {
    case "current":
    case "behind":
      return {
        applied: describeApplied(set, last),
        expected,
        upToDate: history.state === "current",
        state: history.state,
        pending: history.pending.map((m) => m.tag),
      };
    case "newer":
    case "diverged":
      return { applied: describeApplied(set, last), expected, upToDate: false, state: history.state, pending: [] };
  }
}

/** Any reason the database could not be migrated; its message is for the person running the app. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly databaseFile: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/** The database was migrated by a newer version of Löfteskollen than this one. */
export class DatabaseNewerThanCodeError extends MigrationError {
  constructor(databaseFile: string, set: MigrationSet, unknown: AppliedRow[]) {
    const newest = unknown.at(-1);
    const stamp = newest ? `med tidsstämpeln ${newest.when} (skapad ${formatWhen(newest.when)})` : "";
    const which = unknown.length === 1 ? `en migrering som den här versionen inte känner till: migreringen ${stamp}` : `${unknown.length} migreringar som den här versionen inte känner till, den senaste ${stamp}`;
    super(
      `Databasen ${describeFile(databaseFile)} är nyare än den här versionen av Löfteskollen: den har ${which}. ` +
        `Den här versionen känner till migreringarna till och med ${expectedMigration(set)}. ` +
        `Uppgradera Löfteskollen till en version som har migreringen med tidsstämpeln ${newest?.when} (den står i den versionens apps/api/drizzle/meta/_journal.json), ` +
        "eller återställ en säkerhetskopia som gjordes med den här versionen. Databasen har inte ändrats.",
      databaseFile,
    );
    this.name = "DatabaseNewerThanCodeError";
  }
}

/** The database's applied migrations are not the first ones of this code's journal. */
export class MigrationHistoryMismatchError extends MigrationError {
  constructor(databaseFile: string, set: MigrationSet, at: number, row: AppliedRow) {
    const ours = set.migrations[at];
    const detail =
      ours && ours.when === row.when
        ? `migreringen ${ours.tag} tillämpades på databasen med ett annat innehåll än filen ${ours.tag}.sql har i den här versionen (filen har ändrats efteråt)`
        : `databasen har migreringen med tidsstämpeln ${row.when} (skapad ${formatWhen(row.when)}) där den här versionen har ${ours ? ours.tag : "inga fler migreringar"}`;
    super(
      `Databasen ${describeFile(databaseFile)} stämmer inte med den här versionens migreringar: ${detail}. ` +
        `Den här versionen känner till migreringarna till och med ${expectedMigration(set)}. ` +
        "Starta den version av Löfteskollen som senast använde databasen, eller återställ en säkerhetskopia som gjordes med den här versionen. Databasen har inte ändrats.",
      databaseFile,
    );
    this.name = "MigrationHistoryMismatchError";
  }
}

/** A pending migration failed; the transaction was rolled back, so the database is as it was. */
export class MigrationFailedError extends MigrationError {
  /** `what`: "Migreringen 0006_x", or the pending ones together when the check after them fails. */
  constructor(databaseFile: string, what: string, appliedBefore: string | null, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${what} kunde inte tillämpas på databasen ${describeFile(databaseFile)} (${reason}). ` +
        `Ingen migrering har tillämpats: databasen är oförändrad, på ${appliedBefore ?? "ingen migrering"}.`,
      databaseFile,
      { cause },
    );
    this.name = "MigrationFailedError";
  }
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
  const pendingOrRefuse = (): Migration[] => {
    const applied = readApplied(sqlite);
    const history = compareHistory(applied, set);
    if (history.state === "newer") throw new DatabaseNewerThanCodeError(databaseFile, set, history.unknown);
    if (history.state === "diverged") throw new MigrationHistoryMismatchError(databaseFile, set, history.at, history.row);
    return history.pending;
  };
  // Checked first without the write lock: an up-to-date database (every start but the first after
  // an upgrade) never waits for another process's write.
  if (pendingOrRefuse().length === 0) return [];

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
        const pending = pendingOrRefuse();
        const appliedBefore = migrationStatus(sqlite, set).applied;
        sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
        const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
        for (const migration of pending) {
          try {
            for (const statement of migration.statements) sqlite.exec(statement);
            record.run(migration.hash, migration.when);
          } catch (error) {
            throw new MigrationFailedError(databaseFile, `Migreringen ${migration.tag}`, appliedBefore, error);
          }
        }
        const broken = sqlite.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
        const first = broken[0];
        if (first) {
          const what = `Migreringarna ${pending.map((m) => m.tag).join(", ")}`;
          const reason = `efteråt bryter ${broken.length} rader mot en främmande nyckel, t.ex. ${first.table} rad ${first.rowid} → ${first.parent}`;
          throw new MigrationFailedError(databaseFile, what, appliedBefore, new Error(reason));
        }
        return pending.map((m) => m.tag);
      })
      .immediate();
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
}

function lastOf(set: MigrationSet): Migration {
  const last = set.migrations.at(-1);
  if (!last) throw new Error(`${set.folder} has no migrations`);
  return last;
}

function describeApplied(set: MigrationSet, row: AppliedRow | undefined): string | null {
  if (!row) return null;
  const known = set.migrations.find((m) => m.when === row.when && m.acceptedHashes.has(row.hash));
  return known ? known.tag : `unknown:${row.when}`;
}

function describeFile(databaseFile: string): string {
  return databaseFile === ":memory:" || databaseFile === "" ? "(i minnet)" : resolve(databaseFile);
}

/** "2026-11-22 05:34 UTC": a migration's `when`, as people read it. */
function formatWhen(when: number): string {
  return `${new Date(when).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
