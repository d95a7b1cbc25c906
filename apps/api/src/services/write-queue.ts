import type { AuditContext } from "../db/audit-context";
import type { Store } from "../db/client";

type Job = {
  work: () => unknown;
  context: AuditContext | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteQueue = {
  /**
   * Runs `work` inside a write transaction on the store's connection (drizzle queries on
   * `store.db` inside it belong to it); resolves once that transaction is durably committed.
   * `context` is who the audit trail records as the author; without one, audited writes fail.
   */
  run<T>(work: () => T, context: AuditContext | null): Promise<T>;
  /**
   * Resolves once every write queued so far has been committed (or has failed and been rejected):
   * at shutdown, before the database is closed.
   */
  drain(): Promise<void>;
};

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite
 * transaction (one WAL sync instead of one per request). Each write runs in its own savepoint,
 * so a write that throws rolls back alone and its caller gets the error; the others commit.
 * No caller hears "done" before the shared COMMIT has returned.
 * better-sqlite3 turns a nested transaction function into a savepoint:
 * https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#transactionfunction---function
 */
export function createWriteQueue(store: Pick<Store, "sqlite" | "audit">, maxJobsPerCommit = 500): WriteQueue {
  let pending: Job[] = [];
  let scheduled = false;
  let drained: (() => void)[] = [];
  const settleDrains = () => {
    if (scheduled || pending.length > 0) return;
    const waiting = drained;
    drained = [];
    for (const resolve of waiting) resolve();
  };

  const inSavepoint = store.sqlite.transaction((work: () => unknown) => work());
  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
  const runGroup = store.sqlite.transaction((jobs: Job[]) =>
    jobs.map((job): Outcome => {
      try {
        const value = job.context ? store.audit.run(job.context, () => inSavepoint(job.work)) : inSavepoint(job.work);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  const flush = () => {
    scheduled = false;
    const jobs = pending.splice(0, maxJobsPerCommit);
    if (pending.length > 0) schedule();
    let outcomes: Outcome[];
    try {
      outcomes = runGroup.immediate(jobs);
    } catch (error) {
      // The transaction itself failed (disk full, I/O): nothing of this group was stored.
      for (const job of jobs) job.reject(error);
      settleDrains();
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error("write was not run"));
    });
    settleDrains();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: () => T, context: AuditContext | null) {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, context, resolve: resolve as (value: unknown) => void, reject });
        schedule();
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
