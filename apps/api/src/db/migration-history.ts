import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/*
 * What the migration runners of both databases share (decision 009, decision 012): reading a
 * drizzle-kit migrations folder, comparing a database's applied migrations with it, the status
 * that /api/health reports, and the refusals with their Swedish messages. How the applied
 * migrations are read and how pending ones are applied is per database: ./migrations.ts (SQLite)
 * and ./migrations-pg.ts (PostgreSQL). No driver is imported here.
 */

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

/** The tag of the newest migration of the set. */
export function newestTag(set: MigrationSet): string {
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

/** One row of drizzle's bookkeeping table, oldest first: the file's hash and the journal's `when`. */
export type AppliedRow = { hash: string; when: number };

export type History =
  | { state: "current" | "behind"; pending: Migration[] }
  | { state: "newer"; unknown: AppliedRow[] }
  | { state: "diverged"; at: number; row: AppliedRow };

/** The applied migrations must be the first ones of the journal, in order and unchanged. */
export function compareHistory(applied: readonly AppliedRow[], set: MigrationSet): History {
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

/** Where a database whose bookkeeping holds `applied` stands against `set`. */
export function statusOf(applied: readonly AppliedRow[], set: MigrationSet): MigrationStatus {
  const history = compareHistory(applied, set);
  const expected = newestTag(set);
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

/**
 * The pending migrations, or the refusal of a database whose history is not the start of the
 * set's (thrown before anything is written).
 */
export function pendingOrRefuse(applied: readonly AppliedRow[], set: MigrationSet, target: MigrationTarget): Migration[] {
  const history = compareHistory(applied, set);
  if (history.state === "newer") throw new DatabaseNewerThanCodeError(target, set, history.unknown);
  if (history.state === "diverged") throw new MigrationHistoryMismatchError(target, set, history.at, history.row);
  return history.pending;
}

/** How the messages name a database and the journal its migrations come from. */
export type MigrationTarget = {
  /** As the messages show it: a file's absolute path, "(i minnet)", or a URL with its password as ***. */
  database: string;
  /** The journal that lists this code's migrations, e.g. "apps/api/drizzle/meta/_journal.json". */
  journal: string;
};

/** SQLite: the database file as the messages name it. */
export function sqliteTarget(databaseFile: string): MigrationTarget {
  return {
    database: databaseFile === ":memory:" || databaseFile === "" ? "(i minnet)" : resolve(databaseFile),
    journal: "apps/api/drizzle/meta/_journal.json",
  };
}

/** A postgres:// URL with its password replaced by ***, for messages (one already hidden stays as it is). */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    // Not a URL (a label given by the caller, or a broken address): shown without anything that looks like a password.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]*@/i, "$1***@");
  }
}

/** Any reason the database could not be migrated; its message is for the person running the app. */
export class MigrationError extends Error {
  /** The database as the message names it (file path or URL without password). */
  readonly database: string;
  constructor(message: string, target: MigrationTarget, options?: ErrorOptions) {
    super(message, options);
    this.name = "MigrationError";
    this.database = target.database;
  }
}

/** The database was migrated by a newer version of Löfteskollen than this one. */
export class DatabaseNewerThanCodeError extends MigrationError {
  constructor(target: MigrationTarget, set: MigrationSet, unknown: readonly AppliedRow[]) {
    const newest = unknown.at(-1);
    const stamp = newest ? `med tidsstämpeln ${newest.when} (skapad ${formatWhen(newest.when)})` : "";
    const which = unknown.length === 1 ? `en migrering som den här versionen inte känner till: migreringen ${stamp}` : `${unknown.length} migreringar som den här versionen inte känner till, den senaste ${stamp}`;
    super(
      `Databasen ${target.database} är nyare än den här versionen av Löfteskollen: den har ${which}. ` +
        `Den här versionen känner till migreringarna till och med ${newestTag(set)}. ` +
        `Uppgradera Löfteskollen till en version som har migreringen med tidsstämpeln ${newest?.when} (den står i den versionens ${target.journal}), ` +
        "eller återställ en säkerhetskopia som gjordes med den här versionen. Databasen har inte ändrats.",
      target,
    );
    this.name = "DatabaseNewerThanCodeError";
  }
}

/** The database's applied migrations are not the first ones of this code's journal. */
export class MigrationHistoryMismatchError extends MigrationError {
  constructor(target: MigrationTarget, set: MigrationSet, at: number, row: AppliedRow) {
    const ours = set.migrations[at];
    const detail =
      ours && ours.when === row.when
        ? `migreringen ${ours.tag} tillämpades på databasen med ett annat innehåll än filen ${ours.tag}.sql har i den här versionen (filen har ändrats efteråt)`
        : `databasen har migreringen med tidsstämpeln ${row.when} (skapad ${formatWhen(row.when)}) där den här versionen har ${ours ? ours.tag : "inga fler migreringar"}`;
    super(
      `Databasen ${target.database} stämmer inte med den här versionens migreringar: ${detail}. ` +
        `Den här versionen känner till migreringarna till och med ${newestTag(set)}. ` +
        "Starta den version av Löfteskollen som senast använde databasen, eller återställ en säkerhetskopia som gjordes med den här versionen. Databasen har inte ändrats.",
      target,
    );
    this.name = "MigrationHistoryMismatchError";
  }
}

/** A pending migration failed; the transaction was rolled back, so the database is as it was. */
export class MigrationFailedError extends MigrationError {
  /** `what`: "Migreringen 0006_x", or the pending ones together when the check after them fails. */
  constructor(target: MigrationTarget, what: string, appliedBefore: string | null, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${what} kunde inte tillämpas på databasen ${target.database} (${reason}). ` +
        `Ingen migrering har tillämpats: databasen är oförändrad, på ${appliedBefore ?? "ingen migrering"}.`,
      target,
      { cause },
    );
    this.name = "MigrationFailedError";
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

/** "2026-11-22 05:34 UTC": a migration's `when`, as people read it. */
function formatWhen(when: number): string {
  return `${new Date(when).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
