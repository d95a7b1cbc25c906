import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { AuditContext } from "./audit-context";
import { type Db, runOne, type Store, type WriteOutcome } from "./client";
import { newestTag, redactDatabaseUrl } from "./migration-history";
import { applyPostgresMigrations, checkCollation, inLockedTransaction, pgMigrations, postgresMigrationStatus } from "./migrations-pg";
import * as schema from "./schema-pg";

// count(*) and sum() are bigint in PostgreSQL, which node-postgres hands over as text. Every count
// here fits a double by far, and the services compare them as numbers (`countUsers() === 0`): parse
// them as numbers, as SQLite gives them. Process-wide: drizzle's node-postgres session reads
// node-postgres' global parsers for every query.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));


export type OpenPostgresOptions = {
  /** Connections in the pool (default 10: one writer at a time, the rest read). */
  max?: number;
};

function handle(client: pg.Pool | pg.PoolClient): Db {
  return Object.assign(drizzle(client, { schema }), { $engine: "postgres" as const, $tables: schema, $sqlite: null });
}

/**
 * Opens Löfteskollen's PostgreSQL database (DATABASE_URL=postgres://…): checks that commits are
 * durable (synchronous_commit on) and that the database sorts text as SQLite does (C collation),
 * then applies the pending migrations of apps/api/drizzle-pg in one transaction.
 */
export async function openPostgresStore(url: string, { max = 10 }: OpenPostgresOptions = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that breaks (server restart) must not crash the process: the next query
  // gets a fresh one.
  pool.on("error", () => {});
  try {
    const { rows } = await pool.query<{ synchronous_commit: string }>("SHOW synchronous_commit");
    if (rows[0]?.synchronous_commit === "off") {
      throw new Error(
        `PostgreSQL-databasen ${redactDatabaseUrl(url)} har synchronous_commit=off: en bekräftad registrering kan försvinna vid ett strömavbrott. Sätt synchronous_commit = on (standard) och starta igen.`,
      );
    }
    await checkCollation(pool);
    await applyPostgresMigrations(pool, { label: redactDatabaseUrl(url) });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const migrations = pgMigrations();
  const db = handle(pool);
  const runGroup: Store["runGroup"] = (jobs) => postgresGroup(pool, jobs);
  return {
    engine: "postgres",
    db,
    runGroup,
    transaction: (context, work) => runOne(runGroup, context, work),
    migrationStatus: () => postgresMigrationStatus(pool, migrations),
    expectedMigration: newestTag(migrations),
    close: () => pool.end(),
  };
}

const SET_CONTEXT =
  "SELECT set_config('lofteskollen.at', $1, true), set_config('lofteskollen.user_id', $2, true), set_config('lofteskollen.actor', $3, true), set_config('lofteskollen.address', $4, true)";

function contextParameters(context: AuditContext | null): string[] {
  // Every job sets all four, so no job ever writes under the previous job's author.
  if (!context) return ["", "", "", ""];
  return [context.at, context.userId === null ? "" : String(context.userId), context.actor, context.address ?? ""];
}

/**
 * Group commit on PostgreSQL, as on SQLite: one transaction per group, under Löfteskollen's advisory
 * lock (one writer at a time across processes; migrations take it too), a
 * savepoint per job with its audit context set transaction-locally; resolves after COMMIT.
 * A COMMIT that fails because the connection broke is ambiguous (it may have happened): the
 * group's callers get the error, and a client's retry with its Idempotency-Key gets the stored
 * answer if it did.
 */
async function postgresGroup(pool: pg.Pool, jobs: readonly { work: (db: Db) => unknown; context: AuditContext | null }[]): Promise<WriteOutcome[]> {
  return inLockedTransaction(pool, async (client) => {
    const db = handle(client);
    const outcomes: WriteOutcome[] = [];
    for (const job of jobs) {
      await client.query("SAVEPOINT job");
      try {
        await client.query(SET_CONTEXT, contextParameters(job.context));
        const value = await job.work(db);
        await client.query("RELEASE SAVEPOINT job");
        outcomes.push({ ok: true, value });
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT job");
        await client.query("RELEASE SAVEPOINT job");
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  });
}
