import { randomBytes } from "node:crypto";
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { BackupError, checkDatabaseFile, type DatabaseReport, hasSqliteHeader } from "./database-file";

/** The files SQLite may keep beside a database; they belong to it and move with it. */
const SIDECARS = ["-wal", "-shm", "-journal"] as const;

export type BackupResult = DatabaseReport & { file: string };

export type RestoreResult = DatabaseReport & {
  file: string;
  /** Where the replaced database (and any -wal/-shm/-journal of it) was moved; empty if there was none. */
  kept: string[];
  /** Set when the replaced database could not be opened (why): it was kept aside as it was, unchecked. */
  previousUnreadable: string | null;
};

/** "20261122-093005" in UTC: sorts as it reads, and never repeats at a daylight-saving change. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "").replace(/[-:]/g, "").replace("T", "-");
}

const errorCode = (error: unknown) => (error && typeof error === "object" && "code" in error ? String(error.code) : "");

/** A hidden name in the target's own directory, so the final rename never crosses file systems. */
function workingCopyBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

function removeWithSidecars(file: string) {
  for (const suffix of ["", ...SIDECARS]) rmSync(`${file}${suffix}`, { force: true });
}

function fsyncPath(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable only once its directory is synced (https://www.sqlite.org/atomiccommit.html#section_6_2). */
function fsyncDirectory(dir: string) {
  try {
    fsyncPath(dir);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}

/** Gives `from` the name `to` only if no file has that name: link + unlink, never a silent overwrite. */
function renameNoReplace(from: string, to: string) {
  try {
    linkSync(from, to);
  } catch (error) {
    if (errorCode(error) === "EEXIST") throw new BackupError("exists", `${to} finns redan. Välj ett annat filnamn, eller lägg till --force för att skriva över den.`);
    // A file system without hard links: check, then rename (a tiny window, not a silent overwrite of an old file).
    if (existsSync(to)) throw new BackupError("exists", `${to} finns redan. Välj ett annat filnamn, eller lägg till --force för att skriva över den.`);
    renameSync(from, to);
    return;
  }
  unlinkSync(from);
}

function refuseSidecarsOf(file: string) {
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(`${file}${suffix}`)) {
      throw new BackupError(
        "stale_sidecar",
        `Bredvid ${file} ligger ${basename(file)}${suffix}. SQLite skulle läsa in den i säkerhetskopian; flytta eller ta bort den först, eller välj ett annat filnamn.`,
      );
    }
  }
}

/**
 * Takes a consistent copy of the live database at `sourcePath` while other processes (the
 * server) keep writing, checks it and returns what is in it.
 *
 * - Its own connection holds one read transaction for the whole copy: in WAL mode that is a
 *   fixed snapshot that writers do not disturb, so SQLite's online backup never restarts (it
 *   restarts on every write by another connection when each step reads afresh:
 *   https://www.sqlite.org/c3ref/backup_finish.html#sqlite3backupstep).
 * - The copy goes page by page with better-sqlite3's async backup, `pagesPerStep` pages per turn
 *   of the event loop, so a server taking it keeps answering
 *   (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#backupdestination-options---promise).
 * - It is written under a hidden name beside `targetFile`, switched to a rollback journal (one
 *   self-contained file), checked (`PRAGMA integrity_check`, in a worker thread), synced, and
 *   only then given its name: a file with the final name is always a whole, checked backup.
 * - An existing `targetFile` is kept unless `force`.
 */
export async function backupDatabase(
  sourcePath: string,
  targetFile: string,
  { force = false, pagesPerStep = 100 }: { force?: boolean; pagesPerStep?: number } = {},
): Promise<BackupResult> {
  const source = resolve(sourcePath);
  const target = resolve(targetFile);
  if (source === target) throw new BackupError("same_file", "Säkerhetskopian kan inte skrivas över själva databasen. Ange ett annat filnamn.");
  if (!existsSync(source)) throw new BackupError("missing", `Databasen finns inte: ${source}`);
  if (!hasSqliteHeader(source)) throw new BackupError("not_database", `${source} är ingen SQLite-databas.`);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new BackupError("exists", `${target} är en mapp. Ange ett filnamn, t.ex. ${join(target, "lofteskollen.db")}.`);
    if (!force) throw new BackupError("exists", `${target} finns redan. Välj ett annat filnamn, eller lägg till --force för att skriva över den.`);
  }
  refuseSidecarsOf(target);
  mkdirSync(dirname(target), { recursive: true });

  const working = workingCopyBeside(target);
  try {
    const db = new Database(source, { fileMustExist: true, timeout: 5000 });
    try {
      db.pragma("query_only = ON");
      // BEGIN is deferred: the snapshot is taken by the first read.
      db.exec("BEGIN");
      db.prepare("SELECT count(*) FROM sqlite_master").get();
      await db.backup(working, { progress: () => pagesPerStep });
    } catch (error) {
      if (errorCode(error) === "SQLITE_NOTADB") throw new BackupError("not_database", `${source} är ingen SQLite-databas.`);
      throw error;
    } finally {
      if (db.inTransaction) db.exec("COMMIT");
      db.close();
    }

    const report = await checkDatabaseFile(working, { selfContained: true, file: `Säkerhetskopian av ${source}`, refuseOtherMigrations: false });
    fsyncPath(working);
    if (force) renameSync(working, target);
    else renameNoReplace(working, target);
    fsyncDirectory(dirname(target));
    return { file: target, ...report };
  } finally {
    removeWithSidecars(working);
  }
}

/**
 * Takes an exclusive hold on the database at `target` so it can be replaced, or refuses if
 * another process has it open.
 *
 * How a running server is detected: the server keeps a WAL-mode connection open, and every open
 * WAL connection holds a shared lock on the database, so switching it out of WAL
 * (`journal_mode=DELETE`, https://www.sqlite.org/pragma.html#pragma_journal_mode), which needs the
 * database to itself, fails at once with SQLITE_BUSY under busy_timeout 0 (an idle connection is
 * enough: backup.test.ts holds one in another process). When nobody else has it open, that
 * switch checkpoints the whole WAL into the database file and deletes -wal and -shm, so the
 * file kept aside is complete on its own; `BEGIN EXCLUSIVE` (rollback mode now) then keeps any
 * other process out until the files have been swapped.
 */
function holdForReplacement(target: string): { release: () => void; unreadable: string | null } {
  let db: Database.Database;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    return { release: () => {}, unreadable: error instanceof Error ? error.message : String(error) };
  }
  try {
    const mode = db.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw Object.assign(new Error(`journal_mode stayed ${String(mode)}`), { code: "SQLITE_BUSY" });
    db.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    db.close();
    const code = errorCode(error);
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new BackupError("in_use", `Databasen ${target} används av ett annat program (körs servern?). Stoppa servern och försök igen.`);
    }
    // A broken database is what a restore is for: it is kept aside as it is.
    return { release: () => {}, unreadable: error instanceof Error ? error.message : String(error) };
  }
  return {
    release: () => {
      db.exec("ROLLBACK");
      db.close();
    },
    unreadable: null,
  };
}

/**
 * Replaces the database at `targetPath` with the backup `backupFile`, after checking the backup
 * (an SQLite file, integrity_check ok, Löfteskollen's tables, no migration newer than this code).
 * Refuses while another process (the server) has the database open. The current database is
 * kept as `<target>.before-restore-<UTC time>`, with any -wal/-shm/-journal beside it under the
 * same new name, so no WAL of the old database can ever be applied to the restored one. The
 * backup is copied beside the target, checked there and renamed into place.
 */
export async function restoreDatabase(backupFile: string, targetPath: string, { now = new Date() }: { now?: Date } = {}): Promise<RestoreResult> {
  const backup = resolve(backupFile);
  const target = resolve(targetPath);
  if (backup === target) throw new BackupError("same_file", "Säkerhetskopian och databasen är samma fil.");
  if (!existsSync(backup)) throw new BackupError("missing", `Filen finns inte: ${backup}`);
  if (statSync(backup).isDirectory()) throw new BackupError("not_database", `${backup} är en mapp, ingen SQLite-databas.`);
  if (!hasSqliteHeader(backup)) throw new BackupError("not_database", `${backup} är ingen SQLite-databas.`);
  if (existsSync(`${backup}-wal`)) {
    throw new BackupError(
      "stale_sidecar",
      `Bredvid ${backup} ligger ${basename(backup)}-wal: filen är en databas som används eller inte stängdes, inte en säkerhetskopia. Ta en säkerhetskopia med pnpm cli backup och återställ den.`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });

  const working = workingCopyBeside(target);
  try {
    // The check runs on the copy that will be renamed into place: exactly these bytes get restored.
    copyFileSync(backup, working, constants.COPYFILE_EXCL);
    const report = await checkDatabaseFile(working, { selfContained: true, file: backup });
    fsyncPath(working);

    const hold = existsSync(target) ? holdForReplacement(target) : { release: () => {}, unreadable: null };
    const kept: string[] = [];
    try {
      let keptAs = `${target}.before-restore-${fileTimestamp(now)}`;
      for (let n = 2; [keptAs, ...SIDECARS.map((suffix) => `${keptAs}${suffix}`)].some((path) => existsSync(path)); n++) {
        keptAs = `${target}.before-restore-${fileTimestamp(now)}-${n}`;
      }
      for (const suffix of ["", ...SIDECARS]) {
        if (existsSync(`${target}${suffix}`)) {
          renameSync(`${target}${suffix}`, `${keptAs}${suffix}`);
          kept.push(`${keptAs}${suffix}`);
        }
      }
      renameSync(working, target);
      fsyncDirectory(dirname(target));
    } finally {
      hold.release();
    }
    return { file: target, ...report, kept, previousUnreadable: hold.unreadable };
  } finally {
    removeWithSidecars(working);
  }
}
