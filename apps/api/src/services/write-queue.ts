import type { Db, Store } from "../db/client";

type Job = {
  work: (tx: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteQueue = {
  /** Runs `work` inside a transaction; resolves once that transaction is durably committed. */
  run<T>(work: (tx: Db) => T): Promise<T>;
};

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite
 * transaction (one WAL sync instead of one per request). Each write runs in its own savepoint,
 * so a write that throws rolls back alone and its caller gets the error; the others commit.
 * No caller hears "done" before the shared COMMIT has returned.
 * See https://www.sqlite.org/lang_savepoint.html
 */
export function createWriteQueue(store: Pick<Store, "db">, maxJobsPerCommit = 500): WriteQueue {
  let pending: Job[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const jobs = pending.splice(0, maxJobsPerCommit);
    if (pending.length > 0) schedule();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      store.db.transaction(
        (tx) => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: tx.transaction((savepoint) => job.work(savepoint)) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        },
        { behavior: "immediate" },
      );
    } catch (error) {
      // The commit itself failed (disk full, I/O): nothing of this group was stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.error : new Error("write was not run"));
    });
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: (tx: Db) => T) {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
