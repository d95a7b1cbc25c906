import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { migrationStatus } from "../db/migrations";

/** Why a backup or a restore was refused; the message is for the operator (Swedish). */
export class BackupError extends Error {
  constructor(
    readonly code:
      | "missing"
      | "not_database"
      | "not_app_database"
      | "integrity"
      | "newer_migrations"
      | "other_migrations"
      | "in_use"
      | "exists"
      | "stale_sidecar"
      | "same_file",
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

/** Row counts an operator recognises, to compare a backup with what the app showed. */
export type DatabaseCounts = {
  activities: number;
  promises: number;
  commitments: number;
  users: number;
  auditRows: number;
};

export type DatabaseReport = {
  /** Always "ok": a file that fails `PRAGMA integrity_check` is refused, not reported. */
  integrity: "ok";
  /**
   * The last applied migration as `migrationStatus` names it: a tag such as
   * "0005_activity-audit-triggers" (possibly older than this code's: the server applies the rest
   * when it starts), or `unknown:<created_at>` in a backup of a database a newer version migrated.
   */
  lastMigration: string;
  counts: DatabaseCounts;
};

/** The tables every Löfteskollen database has; a file without them is someone else's database. */
const REQUIRED_TABLES = ["activities", "promises", "commitments", "users", "audit_log", "commitment_daily_totals", "__drizzle_migrations"];

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** True when the file starts with SQLite's 16-byte header string (https://www.sqlite.org/fileformat.html#the_database_header). */
export function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, "r");
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

type QueryOutcome = { rows: Record<string, unknown>[] } | { error: { code: string; message: string } };
type WorkerAnswer = { results: Record<string, QueryOutcome> } | { openError: { code: string; message: string } };

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

// Plain JavaScript: the worker loads nothing of this TypeScript code base, only the driver.
// Each statement's error is returned rather than thrown, so the caller can say which check failed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const describe = (error) => ({ code: String(error && error.code || "ERROR"), message: String(error && error.message || error) });
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
} catch (error) {
  parentPort.postMessage({ openError: describe(error) });
}
if (db) {
  const results = {};
  try {
    for (const [key, sql] of workerData.statements) {
      try {
        results[key] = { rows: db.prepare(sql).all() };
      } catch (error) {
        results[key] = { error: describe(error) };
      }
    }
  } finally {
    db.close();
  }
  parentPort.postMessage({ results });
}
`;

/**
 * Runs statements on a database file in a worker thread, in order, on a connection of its own.
 * `PRAGMA integrity_check` reads every page (about a second for a million activities), which
 * must not stop the server's event loop when the scheduled backup runs inside it.
 */
function runInWorker(file: string, statements: [string, string][]): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driverPath, file, statements } });
    let answer: WorkerAnswer | undefined;
    worker.once("message", (message: WorkerAnswer) => {
      answer = message;
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (answer) resolve(answer);
      else reject(new Error(`the database check stopped (exit code ${code})`));
    });
  });
}

const COUNT_SQL = `SELECT
  (SELECT count(*) FROM activities) AS activities,
  (SELECT count(*) FROM promises) AS promises,
  (SELECT count(*) FROM commitments) AS commitments,
  (SELECT count(*) FROM users) AS users,
  (SELECT count(*) FROM audit_log) AS auditRows`;

const isNotADatabase = (code: string) => code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT");

/**
 * Checks that `file` is a whole Löfteskollen database this code can run, and counts what is in it:
 * an SQLite file, `PRAGMA integrity_check` "ok", the app's tables, and migrations that are the
 * first ones of this code's journal (a newer version's schema is unknown here). Throws a
 * BackupError otherwise.
 *
 * `selfContained` first switches the file to a rollback journal (`journal_mode=DELETE`), which
 * clears the WAL flag a page-by-page copy of a WAL database carries in its header: the file then
 * stands alone, with no -wal/-shm beside it. Only for files this code has just written itself.
 */
export async function checkDatabaseFile(
  path: string,
  {
    selfContained = false,
    file = path,
    refuseOtherMigrations = true,
  }: {
    selfContained?: boolean;
    /** The name the messages use, when `path` is a working copy. */
    file?: string;
    /** false: a database of a newer version passes (a backup of it is still a good backup); it cannot be restored by this version. */
    refuseOtherMigrations?: boolean;
  } = {},
): Promise<DatabaseReport> {
  if (!existsSync(path)) throw new BackupError("missing", `Filen finns inte: ${file}`);
  if (!hasSqliteHeader(path)) throw new BackupError("not_database", `${file} är ingen SQLite-databas.`);

  const statements: [string, string][] = [
    ...(selfContained ? [["journal", "PRAGMA journal_mode = DELETE"] as [string, string]] : []),
    ["integrity", "PRAGMA integrity_check"],
    ["tables", "SELECT name FROM sqlite_master WHERE type = 'table'"],
    ["counts", COUNT_SQL],
  ];
  const answer = await runInWorker(path, statements);
  if ("openError" in answer) {
    throw new BackupError("not_database", `${file} går inte att öppna som SQLite-databas: ${answer.openError.message}`);
  }
  const { results } = answer;
  const failure = Object.values(results).find((outcome) => "error" in outcome);
  const rowsOf = (key: string) => {
    const outcome = results[key];
    return outcome && "rows" in outcome ? outcome.rows : undefined;
  };

  const integrity = rowsOf("integrity");
  if (!integrity) {
    const error = results.integrity && "error" in results.integrity ? results.integrity.error : failure && "error" in failure ? failure.error : undefined;
    if (error && error.code === "SQLITE_NOTADB") throw new BackupError("not_database", `${file} är ingen SQLite-databas (${error.message}).`);
    throw new BackupError("integrity", `${file} klarar inte integritetskontrollen (PRAGMA integrity_check): ${error?.message ?? "okänt fel"}. Filen är skadad.`);
  }
  const problems = integrity.map((row) => String(Object.values(row)[0]));
  if (problems.length !== 1 || problems[0] !== "ok") {
    throw new BackupError("integrity", `${file} klarar inte integritetskontrollen (PRAGMA integrity_check). Filen är skadad:\n  ${problems.slice(0, 5).join("\n  ")}`);
  }
  if (failure && "error" in failure && isNotADatabase(failure.error.code)) {
    throw new BackupError("integrity", `${file} är skadad: ${failure.error.message}`);
  }

  if (selfContained) {
    const mode = rowsOf("journal")?.[0]?.journal_mode;
    if (mode !== "delete") throw new Error(`could not make ${path} self-contained (journal_mode is ${String(mode)})`);
  }

  const tables = new Set((rowsOf("tables") ?? []).map((row) => String(row.name)));
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) {
    throw new BackupError("not_app_database", `${file} är ingen databas från Löfteskollen (tabeller saknas: ${missing.join(", ")}).`);
  }

  // The same rule the server applies when it opens a database (db/migrations.ts): its migrations
  // must be the first ones of this code's journal. Older is fine, the server applies the rest.
  const status = readMigrationStatus(path);
  if (status.applied === null) throw new BackupError("not_app_database", `${file} är ingen databas från Löfteskollen (inga migreringar är gjorda i den).`);
  if (refuseOtherMigrations && status.state === "newer") {
    throw new BackupError(
      "newer_migrations",
      `${file} kommer från en nyare version av Löfteskollen: den har migreringen ${status.applied}, som den här versionen inte känner till (den känner till migreringarna till och med ${status.expected}). Uppgradera Löfteskollen innan du återställer den.`,
    );
  }
  if (refuseOtherMigrations && status.state === "diverged") {
    throw new BackupError(
      "other_migrations",
      `${file} har andra migreringar än den här versionen av Löfteskollen (den senaste i filen: ${status.applied}; den här versionen känner till migreringarna till och med ${status.expected}). Återställ den med den version av Löfteskollen som gjorde den.`,
    );
  }

  const counts = rowsOf("counts")?.[0];
  if (!counts) throw new BackupError("integrity", `${file} gick inte att räkna: ${failure && "error" in failure ? failure.error.message : "okänt fel"}`);
  return {
    integrity: "ok",
    lastMigration: status.applied,
    counts: {
      activities: Number(counts.activities),
      promises: Number(counts.promises),
      commitments: Number(counts.commitments),
      users: Number(counts.users),
      auditRows: Number(counts.auditRows),
    },
  };
}

/** A few rows of __drizzle_migrations: read here, it never holds the event loop for long. */
function readMigrationStatus(path: string) {
  // Not `readonly`: a read-only connection to a WAL file leaves -wal and -shm behind when it closes.
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("query_only = ON");
    return migrationStatus(db);
  } finally {
    db.close();
  }
}

/** The counts in Swedish, one line, for the command line and the log. */
export function formatCounts(counts: DatabaseCounts): string {
  return `${counts.activities} aktiviteter, ${counts.promises} medborgarlöften, ${counts.commitments} åtaganden, ${counts.users} användare, ${counts.auditRows} rader i händelseloggen`;
}

/**
 * Opens the database `file` to read it while no other process can have it: one read transaction
 * (a fixed snapshot) under an exclusive lock, writing nothing (`query_only`). Refuses with a
 * BackupError "in_use" when another process (a running server) has the file open.
 *
 * How: `locking_mode=EXCLUSIVE` before the first read. A WAL database is then read without the
 * shared-memory index, which needs an exclusive lock on the file; every open WAL connection (a
 * server, even an idle one) holds a shared lock on it, so the first read fails at once with
 * SQLITE_BUSY under busy_timeout 0 (https://www.sqlite.org/wal.html#noshm). Unlike restore's
 * check (backup.ts, `journal_mode=DELETE`), this changes nothing in the file. The lock is held
 * until `close()`: a server started meanwhile cannot open the file (and so cannot write to it).
 */
export function openExclusiveSnapshot(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw new BackupError("not_database", `${file} går inte att öppna som SQLite-databas: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("query_only = ON");
    db.exec("BEGIN");
    // The first read takes the lock and fixes the snapshot.
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch (error) {
    db.close();
    const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new BackupError("in_use", `Databasen ${file} används av ett annat program (körs servern?). Stoppa servern och försök igen.`);
    }
    throw error;
  }
}
