import type { AuditContext } from "../db/audit-context";
import type { Db, Store, WriteOutcome } from "../db/client";

type Job = {
  work: (db: Db) => unknown;
  context: AuditContext | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteQueue = {
  /**
   * Runs `work` inside a write transaction and resolves once that transaction is durably
   * committed. The work gets the transaction's handle: its queries go through that `db`, never a
   * store's. It awaits nothing but those queries (hash passwords, parse files before).
   * `context` is who the audit trail records as the author; without one, audited writes fail.
   */
  run<T>(work: (db: Db) => T | Promise<T>, context: AuditContext | null): Promise<T>;
  /**
   * Resolves once every write queued so far has been committed (or has failed and been rejected):
   * at shutdown, before the database is closed.
   */
  drain(): Promise<void>;
};

/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction
 * (one WAL sync instead of one per request). Each write runs in its own savepoint, so a write
 * that throws rolls back alone and its caller gets the error; the others commit. No caller hears
 * "done" before the shared COMMIT has returned. One group at a time: the next waits for the
 * previous COMMIT. How a group is run is the store's (Store.runGroup: SQLite or PostgreSQL).
 */
export function createWriteQueue(store: Pick<Store, "runGroup">, maxJobsPerCommit = 500): WriteQueue {
  let pending: Job[] = [];
  let scheduled = false;
  let running = false;
  let drained: (() => void)[] = [];
  const settleDrains = () => {
    if (scheduled || running || pending.length > 0) return;
    const waiting = drained;
    drained = [];
    for (const resolve of waiting) resolve();
  };

  const flush = async () => {
    scheduled = false;
    if (running) return;
    running = true;
    const jobs = pending.splice(0, maxJobsPerCommit);
    let outcomes: WriteOutcome[] | null = null;
    let failure: unknown;
    try {
      outcomes = await store.runGroup(jobs);
    } catch (error) {
      // The transaction itself failed (disk full, I/O, connection lost): nothing of this group was stored.
      failure = error;
    }
    running = false;
    if (pending.length > 0) schedule();
    jobs.forEach((job, i) => {
      const outcome = outcomes?.[i];
      if (!outcomes) job.reject(failure);
      else if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error("write was not run"));
    });
    settleDrains();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return {
    run<T>(work: (db: Db) => T | Promise<T>, context: AuditContext | null) {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, context, resolve: resolve as (value: unknown) => void, reject });
        if (!running) schedule();
      });
    },
    drain() {
      return new Promise<void>((resolve) => {
        drained.push(resolve);
        settleDrains();
      });
    },
  };
}
