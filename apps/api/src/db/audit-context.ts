import type Database from "better-sqlite3";

/** Who is writing, from where, and when: what every audit row records. */
export type AuditContext = {
  /** UTC, ISO 8601. */
  at: string;
  userId: number | null;
  /** "user:3", "user:3/token:7", "cli", "seed", "migration", "anonymous". */
  actor: string;
  address: string | null;
};

export type AuditContextHolder = {
  /** Runs `work` with `context` as the author of every write it makes (nesting restores the outer one). */
  run<T>(context: AuditContext, work: () => T): T;
  /**
   * The same for async work. Safe only where nothing else writes on the connection until it
   * settles: the write queue's group, which awaits nothing but SQLite's synchronous queries.
   */
  runAsync<T>(context: AuditContext, work: () => T | Promise<T>): Promise<T>;
  current(): AuditContext | null;
};

export class MissingAuditContextError extends Error {
  constructor() {
    super("Write refused: no audit context. Every change must say who makes it (run it through the write queue or AuditContextHolder.run).");
    this.name = "MissingAuditContextError";
  }
}

/**
 * Registers `audit_context(key)` on the connection: the audit triggers
 * (drizzle/0003_audit-triggers.sql) call it for every row they append. Outside `run` it throws,
 * so no code path can change an audited table without saying who it is.
 * better-sqlite3 runs everything on one thread, so "the current context" is well defined.
 */
export function installAuditContext(sqlite: Database.Database): AuditContextHolder {
  let current: AuditContext | null = null;
  sqlite.function("audit_context", { deterministic: false, varargs: false }, (key: unknown) => {
    if (!current) throw new MissingAuditContextError();
    switch (key) {
      case "at":
        return current.at;
      case "user_id":
        return current.userId;
      case "actor":
        return current.actor;
      case "address":
        return current.address;
      default:
        throw new Error(`audit_context: unknown key ${String(key)}`);
    }
  });
  return {
    run(context, work) {
      const outer = current;
      current = context;
      try {
        return work();
      } finally {
        current = outer;
      }
    },
    async runAsync(context, work) {
      const outer = current;
      current = context;
      try {
        return await work();
      } finally {
        current = outer;
      }
    },
    current: () => current,
  };
}

/** The context of a write made by the system itself (seed, migration, command line). */
export function systemContext(actor: "seed" | "migration" | "cli", now: Date = new Date()): AuditContext {
  return { at: now.toISOString(), userId: null, actor, address: null };
}
