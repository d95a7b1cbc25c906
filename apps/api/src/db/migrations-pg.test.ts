import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as drizzleMigrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DatabaseNewerThanCodeError, MigrationFailedError, MigrationHistoryMismatchError, readMigrationSet } from "./migration-history";
import { applyPostgresMigrations, checkCollation, pgMigrations, postgresMigrationStatus } from "./migrations-pg";
import { type TestDatabases, testDatabases, testDatabaseUrl } from "../test-support/pg-test-databases";

const codeFolder = fileURLToPath(new URL("../../drizzle-pg", import.meta.url));
type JournalEntry = { idx: number; version: string; when: number; tag: string; breakpoints: boolean };
const journal = JSON.parse(readFileSync(join(codeFolder, "meta", "_journal.json"), "utf8")) as { version: string; dialect: string; entries: JournalEntry[] };
const tags = journal.entries.map((e) => e.tag);
const lastEntry = journal.entries.at(-1) as JournalEntry;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A migrations folder with the committed migrations `keep` (changed by `edit`) and, after them, `extra` ones written here. */
function migrationsFolderWith(keep: string[], extra: { tag: string; sql: string; when?: number }[] = [], edit: Record<string, (sql: string) => string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "lofteskollen-migrations-pg-"));
  dirs.push(folder);
  mkdirSync(join(folder, "meta"));
  const entries = journal.entries.filter((e) => keep.includes(e.tag));
  for (const e of entries) {
    const change = edit[e.tag];
    if (change) writeFileSync(join(folder, `${e.tag}.sql`), change(readFileSync(join(codeFolder, `${e.tag}.sql`), "utf8")));
    else copyFileSync(join(codeFolder, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  }
  let when = lastEntry.when;
  for (const x of extra) {
    when = x.when ?? when + 60_000;
    writeFileSync(join(folder, `${x.tag}.sql`), x.sql);
    entries.push({ idx: entries.length, version: "7", when, tag: x.tag, breakpoints: true });
  }
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }, null, 2));
  return folder;
}

/** Everything a migration could change, to show that a refused or failed one changed nothing. */
async function stateOf(pool: pg.Pool) {
  const objects = await pool.query(
    `SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1`,
  );
  const functions = await pool.query("SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1");
  const triggers = await pool.query("SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1");
  const schemas = await pool.query("SELECT nspname AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1");
  const hasBook = (await pool.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS yes")).rows[0].yes as boolean;
  const book = hasBook ? (await pool.query("SELECT id, hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY id")).rows : null;
  return {
    objects: objects.rows.map((r) => r.name as string),
    functions: functions.rows.map((r) => r.name as string),
    triggers: triggers.rows.map((r) => r.name as string),
    schemas: schemas.rows.map((r) => r.name as string),
    book,
  };
}

/** The URL as an operator would give it, with a password that must never show in a message. */
const withPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.username = parsed.username || "postgres";
  parsed.password = "hemligt-lösen";
  return parsed.toString();
};

const caught = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
};

describe.skipIf(!testDatabaseUrl)("PostgreSQL migrations (TEST_DATABASE_URL)", () => {
  let databases: TestDatabases;
  const fresh = () => {
    databases ??= testDatabases();
    return databases.create();
  };
  afterAll(async () => {
    await databases?.dropAll();
  });

  it("migrates a fresh database: every migration in order, drizzle's bookkeeping, and the schema and triggers", async () => {
    const db = await fresh();
    expect(await postgresMigrationStatus(db.pool)).toEqual({ applied: null, expected: lastEntry.tag, upToDate: false, state: "behind", pending: tags });

    const started = performance.now();
    expect(await applyPostgresMigrations(db.pool, { label: db.url })).toEqual(tags);
    const took = performance.now() - started;

    const set = pgMigrations();
    const book = await db.pool.query("SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id");
    expect(book.rows.map((r) => ({ hash: r.hash, when: Number(r.created_at) }))).toEqual(set.migrations.map((m) => ({ hash: m.hash, when: m.when })));
    expect(await postgresMigrationStatus(db.pool)).toEqual({ applied: lastEntry.tag, expected: lastEntry.tag, upToDate: true, state: "current", pending: [] });

    const state = await stateOf(db.pool);
    for (const table of ["activities", "audit_log", "commitment_daily_totals", "users", "idempotency_keys", "seed_runs"]) expect(state.objects).toContain(`public.${table}:r`);
    expect(state.objects).toContain("public.activities_replaces:i");
    expect(state.functions).toEqual(expect.arrayContaining(["audit_context", "refuse_change", "activities_rollup_insert", "activities_rollup_void", "audit_activities", "audit_promise_snapshots"]));
    // Three audit triggers for each of the 14 audited tables, as on SQLite, and the rest by name.
    const audited = ["areas", "organisations", "users", "user_organisations", "promises", "themes", "activity_types", "commitments", "commitment_organisations", "activities", "updates", "terms", "api_tokens", "promise_snapshots"];
    const auditTriggers = audited.flatMap((table) => ["insert", "update", "delete"].map((event) => `audit_${table}_${event}`));
    const others = [
      "activities_immutable",
      "activities_never_deleted",
      "activities_never_truncated",
      "activities_no_unvoid",
      "activities_replaces_fixed",
      "activities_rollup_insert",
      "activities_rollup_void",
      "audit_activities_insert_linked",
      "audit_log_no_delete",
      "audit_log_no_truncate",
      "audit_log_no_update",
    ];
    expect(state.triggers).toEqual([...auditTriggers, ...others].sort());
    const fillfactor = await db.pool.query("SELECT reloptions FROM pg_class WHERE relname = 'commitment_daily_totals'");
    expect(fillfactor.rows[0].reloptions).toEqual(["fillfactor=90"]);
    expect(took).toBeLessThan(10_000);
  });

  it("applies nothing at the second start, and writes nothing", async () => {
    const db = await fresh();
    await applyPostgresMigrations(db.pool, { label: db.url });
    const before = await stateOf(db.pool);
    expect(await applyPostgresMigrations(db.pool, { label: db.url })).toEqual([]);
    expect(await stateOf(db.pool)).toEqual(before);
  });

  it("opens a database migrated by drizzle's own migrator unchanged: the same bookkeeping", async () => {
    const db = await fresh();
    await drizzleMigrate(drizzle(db.pool), { migrationsFolder: codeFolder });
    const before = await stateOf(db.pool);
    expect(await postgresMigrationStatus(db.pool)).toMatchObject({ applied: lastEntry.tag, upToDate: true, state: "current" });
    expect(await applyPostgresMigrations(db.pool, { label: db.url })).toEqual([]);
    expect(await stateOf(db.pool)).toEqual(before);
  });

  it("applies only what is pending to a database of an older version", async () => {
    const db = await fresh();
    const older = readMigrationSet(migrationsFolderWith([tags[0] as string]));
    expect(await applyPostgresMigrations(db.pool, { label: db.url, set: older })).toEqual([tags[0]]);
    expect(await postgresMigrationStatus(db.pool)).toMatchObject({ applied: tags[0], state: "behind", pending: tags.slice(1) });
    expect(await applyPostgresMigrations(db.pool, { label: db.url })).toEqual(tags.slice(1));
    expect(await postgresMigrationStatus(db.pool)).toMatchObject({ state: "current", upToDate: true });
  });

  it("refuses a database newer than the code, naming it without its password, and leaves it exactly as it was", async () => {
    const db = await fresh();
    await applyPostgresMigrations(db.pool, { label: db.url });
    const futureWhen = lastEntry.when + 86_400_000;
    await db.pool.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)", ["f".repeat(64), futureWhen]);
    const before = await stateOf(db.pool);

    const error = await caught(applyPostgresMigrations(db.pool, { label: withPassword(db.url) }));

    expect(error).toBeInstanceOf(DatabaseNewerThanCodeError);
    const shown = new URL(db.url);
    expect(error.message).not.toContain("hemligt");
    expect(error.message).toContain(`Databasen postgres://${shown.username || "postgres"}:***@${shown.host}/${db.name} är nyare än den här versionen av Löfteskollen`);
    expect(error.message).toContain(`den har en migrering som den här versionen inte känner till: migreringen med tidsstämpeln ${futureWhen}`);
    expect(error.message).toContain(`Den här versionen känner till migreringarna till och med ${lastEntry.tag}.`);
    expect(error.message).toContain("(den står i den versionens apps/api/drizzle-pg/meta/_journal.json)");
    expect(error.message).toContain("Databasen har inte ändrats.");
    expect(await stateOf(db.pool)).toEqual(before);
    expect(await postgresMigrationStatus(db.pool)).toEqual({ applied: `unknown:${futureWhen}`, expected: lastEntry.tag, upToDate: false, state: "newer", pending: [] });
  });

  it("refuses a database whose applied migration differs from this version's file, writing nothing", async () => {
    const db = await fresh();
    const changed = readMigrationSet(migrationsFolderWith(tags, [], { [lastEntry.tag]: (sql) => `${sql}\n-- changed after it was applied\n` }));
    await applyPostgresMigrations(db.pool, { label: db.url, set: changed });
    const before = await stateOf(db.pool);

    const error = await caught(applyPostgresMigrations(db.pool, { label: db.url }));

    expect(error).toBeInstanceOf(MigrationHistoryMismatchError);
    expect(error.message).toContain(`migreringen ${lastEntry.tag} tillämpades på databasen med ett annat innehåll än filen ${lastEntry.tag}.sql har i den här versionen`);
    expect(await stateOf(db.pool)).toEqual(before);
    expect(await postgresMigrationStatus(db.pool)).toMatchObject({ state: "diverged", upToDate: false });
  });

  it("refuses a database with a migration this code never had between ones it has, writing nothing", async () => {
    const db = await fresh();
    const between = (journal.entries[0] as JournalEntry).when + 1;
    const otherLine = readMigrationSet(migrationsFolderWith([tags[0] as string], [{ tag: "0001_other-line", sql: "CREATE TABLE other_line (id integer);", when: between }]));
    await applyPostgresMigrations(db.pool, { label: db.url, set: otherLine });
    const before = await stateOf(db.pool);

    const error = await caught(applyPostgresMigrations(db.pool, { label: db.url }));

    expect(error).toBeInstanceOf(MigrationHistoryMismatchError);
    expect(error.message).toContain(`databasen har migreringen med tidsstämpeln ${between}`);
    expect(error.message).toContain(`där den här versionen har ${tags[1]}`);
    expect(await stateOf(db.pool)).toEqual(before);
  });

  it("rolls back every pending migration when one fails: the database is as it was, to the last catalog entry", async () => {
    const broken = readMigrationSet(
      migrationsFolderWith(tags, [
        { tag: "0002_fine", sql: "CREATE TABLE fine (id integer);\n--> statement-breakpoint\nALTER TABLE areas ADD COLUMN note text;" },
        { tag: "0003_broken", sql: "CREATE TABLE half (id integer);\n--> statement-breakpoint\nSELECT no_such_function();" },
      ]),
    );

    // A fresh database: not even drizzle's schema is left behind.
    const db = await fresh();
    const empty = await stateOf(db.pool);
    const error = await caught(applyPostgresMigrations(db.pool, { label: db.url, set: broken }));
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.message).toMatch(/^Migreringen 0003_broken kunde inte tillämpas på databasen postgres:\/\/.* \(function no_such_function\(\) does not exist\)\. Ingen migrering har tillämpats: databasen är oförändrad, på ingen migrering\.$/);
    expect(await stateOf(db.pool)).toEqual(empty);

    // A current database: the new ones are undone together.
    await applyPostgresMigrations(db.pool, { label: db.url });
    const current = await stateOf(db.pool);
    const again = await caught(applyPostgresMigrations(db.pool, { label: db.url, set: broken }));
    expect(again.message).toContain(`databasen är oförändrad, på ${lastEntry.tag}.`);
    expect(await stateOf(db.pool)).toEqual(current);
    const columns = await db.pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'areas' ORDER BY ordinal_position");
    expect(columns.rows.map((r) => r.column_name)).toEqual(["id", "name", "parent_id", "archived_at"]);
  });

  it("lets a migration write audited rows: they are attributed to 'migration'", async () => {
    const db = await fresh();
    const set = readMigrationSet(migrationsFolderWith(tags, [{ tag: "0002_data", sql: "INSERT INTO areas (name) VALUES ('Centrum');" }]));
    await applyPostgresMigrations(db.pool, { label: db.url, set });
    const audit = await db.pool.query("SELECT user_id, actor, address, action, record_id, after FROM audit_log");
    expect(audit.rows).toEqual([{ user_id: null, actor: "migration", address: null, action: "area.create", record_id: "1", after: expect.any(String) }]);
    expect(JSON.parse(audit.rows[0].after)).toEqual({ id: 1, name: "Centrum", parentId: null, archivedAt: null });
    // The context was the migration's transaction's only: afterwards a write without one is refused.
    await expect(db.pool.query("INSERT INTO areas (name) VALUES ('Norr')")).rejects.toThrow(/no audit context/);
  });

  it("migrates once when two processes start at the same moment (advisory lock)", async () => {
    const db = await fresh();
    const pools = [db.newPool(1), db.newPool(1), db.newPool(1)];
    const results = await Promise.all(pools.map((pool) => applyPostgresMigrations(pool, { label: db.url })));
    const applying = results.filter((r) => r.length > 0);
    expect(applying).toEqual([tags]);
    expect(results.filter((r) => r.length === 0)).toHaveLength(pools.length - 1);
    const book = await db.pool.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(book.rows[0].n).toBe(tags.length);
  });

  it("waits for a write group holding the lock, and then migrates", async () => {
    const db = await fresh();
    const writer = await db.pool.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("SELECT pg_advisory_xact_lock($1)", [0x4c_4f_46_54]);
      let done = false;
      const migrating = applyPostgresMigrations(db.newPool(1), { label: db.url }).then((applied) => {
        done = true;
        return applied;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await writer.query("COMMIT");
      expect(await migrating).toEqual(tags);
    } finally {
      writer.release();
    }
  });

  it("accepts a database with the C collation and refuses one that sorts by ICU's Swedish rules, naming the fix", async () => {
    const c = await fresh();
    await expect(checkCollation(c.pool)).resolves.toBeUndefined();
    const cUtf8 = await databases.create({ locale: "C.UTF-8" });
    await expect(checkCollation(cUtf8.pool)).resolves.toBeUndefined();

    const swedish = await databases.create({ icuLocale: "sv-SE" });
    const error = await caught(checkCollation(swedish.pool, withPassword(swedish.url)));
    expect(error.message).toContain(`PostgreSQL-databasen postgres://`);
    expect(error.message).not.toContain("hemligt");
    expect(error.message).toContain("sorterar text enligt kollationen ICU sv-SE");
    expect(error.message).toContain("createdb --template=template0 --locale=C.UTF-8 -E UTF8 …");
  });
});

describe("checkCollation", () => {
  const poolAnswering = (row: Record<string, string>) => ({ query: async () => ({ rows: [{ datname: "lofteskollen", datlocprovider: "c", ...row }] }) }) as unknown as pg.Pool;

  it.each(["C", "POSIX", "C.UTF-8", "C.utf8", "c.utf8"])("accepts %s", async (datcollate) => {
    await expect(checkCollation(poolAnswering({ datcollate }))).resolves.toBeUndefined();
  });

  it.each(["sv_SE.UTF-8", "en_US.utf8", "C.UTF-8@euro"])("refuses %s, in Swedish, naming createdb with the C locale", async (datcollate) => {
    const error = await caught(checkCollation(poolAnswering({ datcollate })));
    expect(error.message).toContain(`PostgreSQL-databasen lofteskollen sorterar text enligt kollationen ${datcollate}, men Löfteskollen kräver C eller C.UTF-8`);
    expect(error.message).toContain("`createdb --template=template0 --locale=C.UTF-8 -E UTF8 …`");
  });

  it("accepts PostgreSQL 17's builtin C.UTF-8 provider and refuses an ICU default collation", async () => {
    await expect(checkCollation(poolAnswering({ datlocprovider: "b", datlocale: "C.UTF-8", datcollate: "C" }))).resolves.toBeUndefined();
    await expect(checkCollation(poolAnswering({ datlocprovider: "i", daticulocale: "sv-SE", datcollate: "C" }))).rejects.toThrow(/ICU sv-SE/);
  });
});
