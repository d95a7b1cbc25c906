import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type BackupResult, backupDatabase, fileTimestamp } from "./backup";
import { formatCounts } from "./database-file";

/** Only files with exactly this name are the schedule's: anything else in the folder is left alone. */
const SCHEDULED_NAME = /^lofteskollen-\d{8}-\d{6}\.db$/;

/** `lofteskollen-YYYYMMDD-HHMMSS.db`, UTC, so that name order is time order. */
export function scheduledBackupName(date: Date): string {
  return `lofteskollen-${fileTimestamp(date)}.db`;
}

/** Where the schedule reports: `console` fits, and so does a pino logger. */
export type BackupLog = { info: (message: string) => void; error: (message: string) => void };

/** Deletes the oldest scheduled backups in `dir` beyond the newest `keep`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const scheduled = readdirSync(dir)
    .filter((name) => SCHEDULED_NAME.test(name))
    .sort();
  const removed = scheduled.slice(0, Math.max(0, scheduled.length - keep));
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

/** One scheduled run: a backup named for `now` in `dir`, then the retention; old ones go only after a good new one. */
export async function runScheduledBackup({ databasePath, dir, keep, now }: { databasePath: string; dir: string; keep: number; now: Date }): Promise<BackupResult & { removed: string[] }> {
  const result = await backupDatabase(databasePath, join(dir, scheduledBackupName(now)));
  return { ...result, removed: pruneBackups(dir, keep) };
}

export type BackupScheduleOptions = {
  databasePath: string;
  /** Created if missing. */
  dir: string;
  /** 0 (or less) turns the schedule off; so does a `:memory:` database. */
  intervalMinutes: number;
  /** How many scheduled backups to keep, at least 1. */
  keep: number;
  log: BackupLog;
  now?: () => Date;
};

/**
 * Takes a backup every `intervalMinutes` (the first one after one interval) into `dir` and
 * keeps the newest `keep`. A run still going when the next is due makes that one skip. A failed
 * run is logged and deletes nothing. The copy yields to the event loop between steps and the
 * check runs in a worker thread, so the server keeps answering while it runs.
 *
 * Returns `stop`: no further runs; its promise settles when a run in progress has finished.
 */
export function startBackupSchedule({ databasePath, dir, intervalMinutes, keep, log, now = () => new Date() }: BackupScheduleOptions): () => Promise<void> {
  if (!(intervalMinutes > 0)) return async () => {};
  if (databasePath === ":memory:") {
    log.info("Schemalagda säkerhetskopior är avstängda: databasen finns bara i minnet.");
    return async () => {};
  }
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number of at least 1, not ${keep}`);

  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) {
      log.info("Schemalagd säkerhetskopia hoppas över: den förra pågår fortfarande.");
      return;
    }
    running = runScheduledBackup({ databasePath, dir, keep, now: now() })
      .then(
        (result) => {
          const removed = result.removed.length > 0 ? ` Tog bort ${result.removed.length} äldre: ${result.removed.join(", ")}.` : "";
          log.info(`Säkerhetskopia sparad: ${result.file} (${formatCounts(result.counts)}).${removed}`);
        },
        (error: unknown) => {
          log.error(`Schemalagd säkerhetskopia misslyckades: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMinutes * 60_000);
  // The schedule alone never keeps a process alive (the server's socket does).
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
