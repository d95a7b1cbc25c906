import { resolve } from "node:path";
import type Database from "better-sqlite3";
import { type Column, getTableName, is } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { redactDatabaseUrl } from "../db/migration-history";
import { codeMigrations, MigrationError, migrationStatus } from "../db/migrations";
import { MIGRATION_LOCK } from "../db/migrations-pg";
import { openPostgresStore } from "../db/postgres-store";
import * as sqliteSchema from "../db/schema";
import * as pgSchema from "../db/schema-pg";
import { checkDatabaseFile, type DatabaseCounts, formatCounts, openExclusiveSnapshot } from "./database-file";

/*
 * `pnpm cli migrate-to-postgres --from FILE` (decision 012, "migrate-to-postgres"): moves a whole
 * Löfteskollen SQLite database into an empty PostgreSQL database (DATABASE_URL), in one
 * transaction that is verified before it commits.
 *
 * 1. The source is checked as `restore` checks a backup (an SQLite file, integrity_check ok,
 *    Löfteskollen's tables), must be at exactly this code's newest SQLite migration, and is read
 *    under an exclusive lock in one read transaction (no server can have it open, nor open it
 *    while the copy runs). Nothing is written to it.
 * 2. The target is opened as the app opens it (openPostgresStore: durability and collation checks,
 *    pending migrations applied), and must have no rows in any application table.
 * 3. One PostgreSQL transaction, under the app's write/migration lock: user triggers off (the
 *    copied audit rows and daily totals are the history; triggers must not add to them), every
 *    table copied in foreign-key order in batches, identity sequences moved past the copied ids,
 *    the copy checked against the source, triggers on again, COMMIT. Any failure rolls it all
 *    back: the target stays migrated and empty.
 */

/** Why the move was refused or failed; the message is for the operator (Swedish). */
export class MigrateToPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrateToPostgresError";
  }
}

/** Rows per INSERT … json_populate_recordset. */
const BATCH_ROWS = 5_000;

type TablePlan = {
  name: string;
  /** The columns, in the order schema.ts declares them (names as in SQL). */
  columns: string[];
  /** The primary key's columns: the copy's order. */
  key: string[];
  /** Columns that reference this table's own single-column integer key (areas.parent_id, activities.replaces_id). */
  selfReferences: string[];
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnNames = (columns: readonly unknown[]) => columns.map((column) => (column as Column).name);

/**
 * Every table of schema.ts (drizzle's own migrations table is not in it), in foreign-key order:
 * a table comes after every table it references. Checked against schema-pg.ts: the same tables
 * with the same columns.
 */
export function copyPlan(): TablePlan[] {
  const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
  const pgColumns = new Map(
    (Object.values(pgSchema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => [getTableName(table), columnNames(pgTableConfig(table).columns)] as const),
  );
  const plans = new Map<string, TablePlan & { references: Set<string> }>();
  for (const table of sqliteTables) {
    const config = sqliteTableConfig(table);
    const columns = columnNames(config.columns);
    const pgSide = pgColumns.get(config.name);
    if (!pgSide) throw new Error(`schema-pg.ts has no table ${config.name}`);
    if (pgSide.join(",") !== columns.join(",")) {
      throw new Error(`schema.ts and schema-pg.ts differ in ${config.name}'s columns: ${columns.join(", ")} / ${pgSide.join(", ")}`);
    }
    const singleKey = config.columns.filter((column) => column.primary).map((column) => column.name);
    const key = singleKey.length > 0 ? singleKey : columnNames(config.primaryKeys[0]?.columns ?? []);
    if (key.length === 0) throw new Error(`${config.name} has no primary key`);
    const references = new Set<string>();
    const selfReferences: string[] = [];
    for (const foreignKey of config.foreignKeys) {
      const reference = foreignKey.reference();
      const target = getTableName(reference.foreignTable);
      if (target === config.name) {
        const [column, ...more] = columnNames(reference.columns);
        if (!column || more.length > 0 || key.length !== 1 || columnNames(reference.foreignColumns)[0] !== key[0]) {
          throw new Error(`${config.name}: only a single-column self-reference to the key is supported`);
        }
        selfReferences.push(column);
      } else {
        references.add(target);
      }
    }
    plans.set(config.name, { name: config.name, columns, key, selfReferences, references });
  }
  for (const name of pgColumns.keys()) if (!plans.has(name)) throw new Error(`schema.ts has no table ${name} (schema-pg.ts has)`);

  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  while (ordered.length < plans.size) {
    const ready = [...plans.values()].filter((plan) => !placed.has(plan.name) && [...plan.references].every((name) => placed.has(name)));
    if (ready.length === 0) throw new Error("the foreign keys of schema.ts form a cycle between tables");
    for (const { references: _, ...plan } of ready) {
      ordered.push(plan);
      placed.add(plan.name);
    }
  }
  return ordered;
}

export type TableCopy = { name: string; rows: number };

export type MigrationReport = {
  /** The SQLite file, as an absolute path. */
  source: string;
  /** The PostgreSQL database, its password hidden. */
  target: string;
  sqliteMigration: string;
  postgresMigration: string;
  /** Rows copied per table, in the order they were copied. */
  tables: TableCopy[];
  counts: DatabaseCounts;
  /** The checks that passed before COMMIT. */
  activities: { count: number; quantity: number; maxId: number | null };
  dailyTotals: number;
  audit: { count: number; maxId: number | null };
};

type Numbers = Record<string, number | string | null>;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** What the copy is checked against, read from the source in the same snapshot as the rows. */
type SourceFacts = {
  counts: Map<string, number>;
  activities: { count: number; quantity: number; maxId: number | null };
  audit: { count: number; maxId: number | null };
  /** SQLite AUTOINCREMENT's high-water marks: a deleted row's id is not given out again. */
  sequences: Map<string, number>;
  maxIds: Map<string, number>;
};

function readSourceFacts(source: Database.Database, plan: TablePlan[]): SourceFacts {
  const counts = new Map<string, number>();
  const maxIds = new Map<string, number>();
  for (const table of plan) {
    const row = source.prepare(`SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number };
    counts.set(table.name, row.n);
    if (table.key.length === 1 && table.key[0] === "id") {
      const max = source.prepare(`SELECT max(id) AS m FROM ${quote(table.name)}`).get() as { m: number | null };
      if (max.m !== null) maxIds.set(table.name, max.m);
    }
  }
  const activities = source
    .prepare("SELECT count(*) AS count, coalesce(sum(CASE WHEN voided_at IS NULL THEN quantity END), 0) AS quantity, max(id) AS maxId FROM activities")
    .get() as Numbers;
  const audit = source.prepare("SELECT count(*) AS count, max(id) AS maxId FROM audit_log").get() as Numbers;
  const hasSequences = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
  const sequences = new Map<string, number>(
    hasSequences ? (source.prepare("SELECT name, seq FROM sqlite_sequence").all() as { name: string; seq: number }[]).map((row) => [row.name, Number(row.seq)]) : [],
  );
  return {
    counts,
    activities: { count: Number(activities.count), quantity: Number(activities.quantity), maxId: num(activities.maxId) },
    audit: { count: Number(audit.count), maxId: num(audit.maxId) },
    sequences,
    maxIds,
  };
}

/** The source's columns must be schema.ts's: a column this code does not know would be lost. */
function checkSourceColumns(source: Database.Database, plan: TablePlan[], file: string) {
  for (const table of plan) {
    const actual = (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table.name) as { name: string }[]).map((row) => row.name);
    const missing = table.columns.filter((column) => !actual.includes(column));
    const unknown = actual.filter((column) => !table.columns.includes(column));
    if (actual.length === 0 || missing.length > 0 || unknown.length > 0) {
      throw new MigrateToPostgresError(
        `${file}: tabellen ${table.name} har inte de kolumner den här versionen av Löfteskollen väntar sig` +
          `${missing.length ? ` (saknas: ${missing.join(", ")})` : ""}${unknown.length ? ` (okända: ${unknown.join(", ")})` : ""}. Ingenting har flyttats.`,
      );
    }
  }
}

async function checkTargetColumns(client: pg.ClientBase, plan: TablePlan[], target: string) {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)",
    [plan.map((table) => table.name)],
  );
  for (const table of plan) {
    const actual = rows.filter((row) => row.table_name === table.name).map((row) => row.column_name);
    const missing = table.columns.filter((column) => !actual.includes(column));
    const unknown = actual.filter((column) => !table.columns.includes(column));
    if (actual.length === 0 || missing.length > 0 || unknown.length > 0) {
      throw new MigrateToPostgresError(
        `PostgreSQL-databasen ${target}: tabellen ${table.name} har inte de kolumner den här versionen av Löfteskollen väntar sig` +
          `${missing.length ? ` (saknas: ${missing.join(", ")})` : ""}${unknown.length ? ` (okända: ${unknown.join(", ")})` : ""}.`,
      );
    }
  }
}

/** Refuses unless the source is at exactly this code's newest SQLite migration. */
function checkSourceMigration(source: Database.Database, file: string): string {
  const status = migrationStatus(source, codeMigrations());
  if (status.state === "current" && status.applied) return status.applied;
  if (status.state === "behind") {
    throw new MigrateToPostgresError(
      `${file} har migreringarna till och med ${status.applied ?? "(ingen)"}, men den här versionen av Löfteskollen har migreringar till och med ${status.expected}. ` +
        `Flytten kräver att filen har exakt den här versionens migreringar: starta den här versionen en gång på filen först ` +
        `(DATABASE_PATH=${file}, utan DATABASE_URL), stoppa den och kör sedan migrate-to-postgres igen. Ingenting har flyttats.`,
    );
  }
  if (status.state === "newer") {
    throw new MigrateToPostgresError(
      `${file} kommer från en nyare version av Löfteskollen: den har migreringen ${status.applied}, som den här versionen inte känner till (den känner till migreringarna till och med ${status.expected}). Flytta den med den versionen. Ingenting har flyttats.`,
    );
  }
  throw new MigrateToPostgresError(
    `${file} har andra migreringar än den här versionen av Löfteskollen (den senaste i filen: ${status.applied}; den här versionen känner till migreringarna till och med ${status.expected}). Flytta den med den version av Löfteskollen som gjorde den. Ingenting har flyttats.`,
  );
}

/** Copies one table, in key order, in batches; returns the rows copied. */
async function copyTable(source: Database.Database, client: pg.ClientBase, table: TablePlan): Promise<number> {
  const columns = table.columns.map(quote).join(", ");
  const insert = `INSERT INTO ${quote(table.name)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${quote(table.name)}, $1::json)`;
  const select = source.prepare(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${table.key.map(quote).join(", ")}`);
  const key = table.key[0] as string;
  // A row that references a later row of its own table (an area whose parent was made after it)
  // is inserted with the reference empty, which is set once every row is in.
  const deferred: Record<string, unknown>[] = [];
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await client.query(insert, [JSON.stringify(batch)]);
    copied += batch.length;
    batch = [];
  };
  for (const row of select.iterate() as IterableIterator<Record<string, unknown>>) {
    for (const column of table.selfReferences) {
      const value = row[column];
      if (value !== null && value !== undefined && Number(value) > Number(row[key])) {
        deferred.push({ [key]: row[key], [column]: value });
        row[column] = null;
      }
    }
    batch.push(row);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  for (const column of table.selfReferences) {
    const rows = deferred.filter((row) => column in row);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      await client.query(
        `UPDATE ${quote(table.name)} AS t SET ${quote(column)} = v.${quote(column)} FROM json_populate_recordset(NULL::${quote(table.name)}, $1::json) AS v WHERE t.${quote(key)} = v.${quote(key)}`,
        [JSON.stringify(rows.slice(i, i + BATCH_ROWS))],
      );
    }
  }
  return copied;
}

type TotalsRow = { commitment_id: number; local_date: string; quantity: number; activity_count: number };

/** commitment_daily_totals on PostgreSQL, row by row against the source's, in key order. */
async function compareDailyTotals(source: Database.Database, client: pg.ClientBase): Promise<number> {
  const sqlitePage = source.prepare(
    "SELECT commitment_id, local_date, quantity, activity_count FROM commitment_daily_totals WHERE (commitment_id, local_date) > (?, ?) ORDER BY commitment_id, local_date LIMIT ?",
  );
  const pgPage =
    "SELECT commitment_id, local_date, quantity, activity_count FROM commitment_daily_totals WHERE (commitment_id, local_date) > ($1, $2) ORDER BY commitment_id, local_date LIMIT $3";
  const show = (row: TotalsRow | undefined) => (row ? `${row.commitment_id} ${row.local_date}: ${row.quantity} (${row.activity_count} st.)` : "ingen rad");
  let after: [number, string] = [-1, ""];
  let compared = 0;
  for (;;) {
    const expected = sqlitePage.all(after[0], after[1], BATCH_ROWS) as TotalsRow[];
    const { rows: actual } = await client.query<TotalsRow>(pgPage, [after[0], after[1], BATCH_ROWS]);
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const e = expected[i];
      const a = actual[i];
      if (
        !e ||
        !a ||
        Number(e.commitment_id) !== Number(a.commitment_id) ||
        e.local_date !== a.local_date ||
        Number(e.quantity) !== Number(a.quantity) ||
        Number(e.activity_count) !== Number(a.activity_count)
      ) {
        throw new Error(`dagssummorna (commitment_daily_totals) skiljer sig: i SQLite ${show(e)}, i PostgreSQL ${show(a)}`);
      }
    }
    compared += expected.length;
    const last = expected.at(-1);
    if (!last || expected.length < BATCH_ROWS) return compared;
    after = [Number(last.commitment_id), last.local_date];
  }
}

/** The checks before COMMIT; each failure throws, and the transaction is rolled back. */
async function verifyCopy(source: Database.Database, client: pg.ClientBase, plan: TablePlan[], facts: SourceFacts): Promise<number> {
  for (const table of plan) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table.name)}`);
    const expected = facts.counts.get(table.name);
    if (Number(rows[0]?.n) !== expected) throw new Error(`${table.name} har ${rows[0]?.n} rader i PostgreSQL men ${expected} i SQLite`);
  }
  const { rows: activityRows } = await client.query<Numbers>(
    `SELECT count(*) AS count, coalesce(sum(quantity) FILTER (WHERE voided_at IS NULL), 0) AS quantity, max(id) AS "maxId" FROM activities`,
  );
  const activities = { count: Number(activityRows[0]?.count), quantity: Number(activityRows[0]?.quantity), maxId: num(activityRows[0]?.maxId) };
  if (JSON.stringify(activities) !== JSON.stringify(facts.activities)) {
    throw new Error(`aktiviteterna skiljer sig: i SQLite ${JSON.stringify(facts.activities)}, i PostgreSQL ${JSON.stringify(activities)} (antal, summa av antal utom makulerade, största id)`);
  }
  const dailyTotals = await compareDailyTotals(source, client);
  const { rows: mismatches } = await client.query<{ n: number }>(
    `SELECT count(*) AS n FROM (
       SELECT commitment_id, local_date, sum(quantity) AS quantity, count(*) AS activity_count FROM activities WHERE voided_at IS NULL GROUP BY 1, 2
     ) AS a FULL JOIN (SELECT * FROM commitment_daily_totals WHERE activity_count <> 0) AS t USING (commitment_id, local_date)
     WHERE a.quantity IS DISTINCT FROM t.quantity OR a.activity_count IS DISTINCT FROM t.activity_count`,
  );
  if (Number(mismatches[0]?.n) !== 0) {
    throw new Error(`dagssummorna stämmer inte med aktiviteterna på ${mismatches[0]?.n} dagar (redan i SQLite-filen: kontrollera den)`);
  }
  const { rows: auditRows } = await client.query<Numbers>(`SELECT count(*) AS count, max(id) AS "maxId" FROM audit_log`);
  const audit = { count: Number(auditRows[0]?.count), maxId: num(auditRows[0]?.maxId) };
  if (JSON.stringify(audit) !== JSON.stringify(facts.audit)) {
    throw new Error(`händelseloggen skiljer sig: i SQLite ${JSON.stringify(facts.audit)}, i PostgreSQL ${JSON.stringify(audit)} (antal, största id)`);
  }
  return dailyTotals;
}

export type MigrateOptions = {
  /** The SQLite file to copy from. */
  from: string;
  /** The PostgreSQL database to copy to: postgres://… */
  url: string;
  /** Told which table is being copied (for a progress line). */
  onTable?: (table: string, rows: number) => void;
};

/**
 * Moves every row of the SQLite database `from` into the empty PostgreSQL database `url`, as
 * described at the top of this file. Resolves with what was copied and checked; throws (a
 * MigrateToPostgresError or BackupError, with an operator's message, for a refusal) having
 * committed nothing to PostgreSQL and written nothing to the SQLite file.
 */
export async function migrateToPostgres({ from, url, onTable }: MigrateOptions): Promise<MigrationReport> {
  const file = resolve(from);
  const target = redactDatabaseUrl(url);
  const plan = copyPlan();

  // 1. The source: a whole Löfteskollen database (as restore checks a backup), at this code's newest migration.
  await checkDatabaseFile(file, { refuseOtherMigrations: false });

  // 2. The target, as the app opens it: checked and migrated (committed on its own: a failed copy leaves it migrated and empty).
  let postgresMigration: string;
  try {
    const store = await openPostgresStore(url, { max: 1 });
    try {
      postgresMigration = (await store.migrationStatus()).applied ?? store.expectedMigration;
    } finally {
      await store.close();
    }
  } catch (error) {
    // A database this version cannot migrate says so itself (the CLI prints it as it is).
    if (error instanceof MigrationError) throw error;
    throw new MigrateToPostgresError(`Kunde inte öppna PostgreSQL-databasen ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }

  // The source under an exclusive lock, in one read transaction, until the copy is done.
  const source = openExclusiveSnapshot(file);
  try {
    const sqliteMigration = checkSourceMigration(source, file);
    checkSourceColumns(source, plan, file);
    const facts = readSourceFacts(source, plan);

    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new MigrateToPostgresError(`Kunde inte ansluta till PostgreSQL-databasen ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const tables: TableCopy[] = [];
      let dailyTotals = 0;
      let current = "";
      await client.query("BEGIN");
      try {
        // The app's write lock: no server writes to the target while it is filled.
        await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
        await checkTargetColumns(client, plan, target);
        const occupied: string[] = [];
        for (const table of plan) {
          const { rows } = await client.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${quote(table.name)} LIMIT 1) AS t`);
          if (Number(rows[0]?.n) > 0) occupied.push(table.name);
        }
        if (occupied.length > 0) {
          throw new MigrateToPostgresError(
            `Flytten avbröts: måldatabasen är inte tom. ${target} har redan rader i ${occupied.join(", ")}. ` +
              "migrate-to-postgres flyttar bara till en tom databas: skapa en ny (`createdb --template=template0 --locale=C.UTF-8 -E UTF8 NAMN`) och ange den i DATABASE_URL. Ingenting har ändrats.",
          );
        }
        // The copied audit rows and daily totals are the history: no trigger may add to them.
        // Foreign keys (system triggers) stay on.
        for (const table of plan) await client.query(`ALTER TABLE ${quote(table.name)} DISABLE TRIGGER USER`);
        for (const table of plan) {
          current = table.name;
          onTable?.(table.name, facts.counts.get(table.name) ?? 0);
          tables.push({ name: table.name, rows: await copyTable(source, client, table) });
        }
        current = "";
        // Identity columns go on after the copied ids (and after SQLite's AUTOINCREMENT high-water mark).
        for (const table of plan) {
          if (table.key.length !== 1 || table.key[0] !== "id") continue;
          const { rows } = await client.query<{ sequence: string | null }>("SELECT pg_get_serial_sequence($1, 'id') AS sequence", [quote(table.name)]);
          const sequence = rows[0]?.sequence;
          if (!sequence) continue;
          const last = Math.max(facts.maxIds.get(table.name) ?? 0, facts.sequences.get(table.name) ?? 0);
          if (last > 0) await client.query("SELECT setval($1, $2)", [sequence, last]);
        }
        dailyTotals = await verifyCopy(source, client, plan, facts);
        for (const table of plan) await client.query(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        if (error instanceof MigrateToPostgresError) throw error;
        const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
        throw new MigrateToPostgresError(
          `Flytten avbröts${current ? ` vid tabellen ${current}` : ""}: ${reason}. Ingenting sparades i ${target} (den är migrerad och tom); ${file} är oförändrad.`,
        );
      }
      // Fresh statistics for the planner after a bulk load (autovacuum would come to it later).
      await client.query(`ANALYZE ${plan.map((table) => quote(table.name)).join(", ")}`).catch(() => {});
      const count = (name: string) => tables.find((table) => table.name === name)?.rows ?? 0;
      return {
        source: file,
        target,
        sqliteMigration,
        postgresMigration,
        tables,
        counts: {
          activities: count("activities"),
          promises: count("promises"),
          commitments: count("commitments"),
          users: count("users"),
          auditRows: count("audit_log"),
        },
        activities: facts.activities,
        dailyTotals,
        audit: facts.audit,
      };
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    if (source.inTransaction) source.exec("ROLLBACK");
    source.close();
  }
}

/** The report the command line prints (Swedish, as `backup`'s). */
export function formatMigrationReport(report: MigrationReport): string {
  const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
  return [
    `Flyttade ${report.source} till PostgreSQL-databasen ${report.target}`,
    `  senaste migrering: ${report.sqliteMigration} (SQLite), ${report.postgresMigration} (PostgreSQL)`,
    `  ${report.tables.length} tabeller, ${rows} rader: ${formatCounts(report.counts)}`,
    `  per tabell: ${report.tables.map((table) => `${table.name} ${table.rows}`).join(", ")}`,
    `  kontrollerat före COMMIT: antal rader i varje tabell; aktiviteterna (${report.activities.count} st., summa ${report.activities.quantity} utom makulerade, största id ${report.activities.maxId ?? "–"}); ` +
      `dagssummorna rad för rad (${report.dailyTotals} rader) och mot aktiviteterna; händelseloggen (${report.audit.count} rader, största id ${report.audit.maxId ?? "–"})`,
    `  ${report.source} är oförändrad. Starta nu Löfteskollen med DATABASE_URL (utan DATABASE_PATH).`,
    "",
  ].join("\n");
}
