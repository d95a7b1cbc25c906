import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { systemContext } from "../db/audit-context";
import { openStore, type Store } from "../db/client";
import { openPostgresStore } from "../db/postgres-store";
import { createAppDatabase, readDatabase } from "../test-support/app-database";
import { type TestDatabase, type TestDatabases, testDatabases, testDatabaseUrl } from "../test-support/pg-test-databases";
import { TEST_PASSWORD } from "../test-support/test-app";
import { copyPlan } from "./migrate-to-postgres";

/*
 * `pnpm cli migrate-to-postgres` end to end (decision 012): an SQLite file made through the real
 * app, moved by the real command line into a fresh PostgreSQL database, then the app on each
 * database must answer the same. PostgreSQL run only (TEST_DATABASE_URL).
 */

const apiDir = fileURLToPath(new URL("../..", import.meta.url));
const codeFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** `pnpm cli …` as an operator runs it, against the database `databaseUrl` (DATABASE_PATH unset). */
const cli = (args: string[], env: Record<string, string>, input?: string) =>
  spawnSync(process.execPath, ["bin/cli.mjs", ...args], {
    cwd: apiDir,
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: "", DATABASE_URL: "", ...env },
    timeout: 120_000,
  });

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

type Json = any;

/** Every answer the comparison looks at, read through the app as the admin's API token. */
async function answers(store: Store, token: string, promiseId: number) {
  const app = createApp({ store });
  const get = async (path: string): Promise<Json> => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, `${store.engine} GET ${path}`).toBe(200);
    return response.json();
  };
  const all = async (path: string) => {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Json[]; nextCursor: string | null } = await get(`${path}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  return {
    progress: await get("/api/progress"),
    promiseProgress: await get(`/api/promises/${promiseId}/progress`),
    dailyTotals: await get(`/api/promises/${promiseId}/daily-totals`),
    audit: await all("/api/audit"),
    activities: await all("/api/activities"),
    users: await get("/api/users"),
  };
}

/** Every row of every application table, in key order, booleans as SQLite stores them (0/1). */
async function tableContents(read: (sql: string) => Promise<Record<string, unknown>[]>) {
  const contents: Record<string, unknown[]> = {};
  for (const table of copyPlan()) {
    const rows = await read(`SELECT ${table.columns.map((c) => `"${c}"`).join(", ")} FROM "${table.name}" ORDER BY ${table.key.map((c) => `"${c}"`).join(", ")}`);
    contents[table.name] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "boolean" ? Number(v) : v])));
  }
  return contents;
}

/** What a second, refused run must leave alone: row counts, largest ids and the identity sequences. */
async function targetState(pool: pg.Pool) {
  const state: Record<string, unknown> = {};
  for (const table of copyPlan()) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${table.name}"`);
    state[table.name] = rows[0]?.n;
  }
  const { rows } = await pool.query("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1");
  state.sequences = rows;
  return state;
}

describe.skipIf(!testDatabaseUrl)("pnpm cli migrate-to-postgres", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "lofteskollen-migrate-"));
  const file = join(dir, "lofteskollen.db");
  let databases: TestDatabases;
  let target: TestDatabase;
  let made: { token: string; promiseId: number; commitmentIds: number[] };
  let extraToken: string;
  let sourceHash: string;
  let firstRun: ReturnType<typeof cli>;

  beforeAll(async () => {
    databases = testDatabases();
    made = await createAppDatabase(file, { activities: 2_000 });

    // More of what a real database holds, through the app's HTTP API on the file: a void, a
    // correction, a single activity, a lägesrapport, a second user, a session and a token of its own.
    const store = openStore(file);
    try {
      const app = createApp({ store });
      const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${made.token}` }) => {
        const response = await app.request(path, { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
        if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
        return { json: (await response.json()) as Json, headers: response.headers };
      };
      const [first, second] = (await answers(store, made.token, made.promiseId)).activities.slice(-2) as { id: number }[];
      await call("POST", `/api/activities/${first?.id}/void`, { reason: "Registrerades två gånger" });
      await call("POST", `/api/activities/${second?.id}/correct`, { reason: "Fel antal", activity: { quantity: 7, note: "Rättat antal" } });
      await call("POST", "/api/activities", { commitmentId: made.commitmentIds[1], occurredAt: "2024-09-12T18:30:00+02:00", quantity: 2, place: "Hammarkullen" });
      await call("POST", `/api/commitments/${made.commitmentIds[0]}/updates`, { date: "2024-10-01", text: "Lägesrapport: kvällsrundorna går enligt plan.", public: true });
      await call("POST", "/api/users", {
        email: "falt@kommun.invalid",
        name: "Fia Fält",
        role: "coordinator",
        organisations: ["Fältenheten"],
        password: "kvällsrundan i Hammarkullen går vidare",
      });
      const signIn = await call("POST", "/api/auth/sign-in", { email: "admin@backup.invalid", password: TEST_PASSWORD }, {});
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      extraToken = (await call("POST", "/api/tokens", { name: "Import från verksamhetssystemet" }, { cookie })).json.token;
      // An area whose parent was made after it: the copy must set parent_id after both rows are in.
      store.audit.run(systemContext("cli"), () => {
        store.sqlite.exec("INSERT INTO areas (name) VALUES ('Delområde Nord')");
        store.sqlite.exec("INSERT INTO areas (name) VALUES ('Stadsdel Nordost')");
        store.sqlite.exec("UPDATE areas SET parent_id = (SELECT id FROM areas WHERE name = 'Stadsdel Nordost') WHERE name = 'Delområde Nord'");
      });
    } finally {
      store.closeNow();
    }

    sourceHash = sha256(file);
    target = await databases.create();
    firstRun = cli(["migrate-to-postgres", "--from", file], { DATABASE_URL: target.url });
  }, 180_000);

  afterAll(async () => {
    await databases?.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies the database, checks it, and says what it copied", () => {
    expect(firstRun.stderr).toBe("");
    expect(firstRun.status).toBe(0);
    expect(firstRun.stdout).toContain(`Flyttade ${file} till PostgreSQL-databasen`);
    expect(firstRun.stdout).toMatch(/2002 aktiviteter, 1 medborgarlöften, 3 åtaganden, 2 användare, \d+ rader i händelseloggen/);
    expect(firstRun.stdout).toContain("dagssummorna rad för rad");
    expect(firstRun.stdout).toContain(`${file} är oförändrad`);
    expect(sha256(file)).toBe(sourceHash);
  });

  it("leaves every row of every table as it was in SQLite", async () => {
    const sqlite = await tableContents(async (query) => readDatabase(file, (db) => db.prepare(query).all() as Record<string, unknown>[]));
    const postgres = await tableContents(async (query) => (await target.pool.query(query)).rows);
    expect(postgres).toEqual(sqlite);
    expect(sqlite.activities?.length).toBe(2_002);
    expect(sqlite.areas?.some((row: Json) => row.parent_id !== null)).toBe(true);
  });

  it("gives the same answers through the app on both databases, and PostgreSQL goes on from there", async () => {
    const sqliteStore = openStore(file);
    const pgStore = await openPostgresStore(target.url, { max: 3 });
    try {
      const onSqlite = await answers(sqliteStore, made.token, made.promiseId);
      const onPostgres = await answers(pgStore, made.token, made.promiseId);
      expect(onPostgres.audit.length).toBeGreaterThan(50);
      expect(onPostgres.activities.length).toBe(2_002);
      expect(onPostgres.activities.some((a: Json) => a.voidedAt && a.replacedById)).toBe(true);
      for (const key of Object.keys(onSqlite) as (keyof typeof onSqlite)[]) expect(onPostgres[key], key).toEqual(onSqlite[key]);

      // The token made on SQLite signs in on PostgreSQL; so does the password.
      const app = createApp({ store: pgStore });
      const me = await app.request("/api/auth/me", { headers: { authorization: `Bearer ${extraToken}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: "admin@backup.invalid" });
      const signIn = await app.request("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "falt@kommun.invalid", password: "kvällsrundan i Hammarkullen går vidare" }),
      });
      expect(signIn.status).toBe(200);

      // A new activity gets the next id, its audit row and its day's total: the triggers are on again.
      const maxId = Math.max(...onSqlite.activities.map((a: Json) => a.id as number));
      const maxAuditId = Math.max(...onSqlite.audit.map((a: Json) => a.id as number));
      const { rows: before } = await target.pool.query("SELECT quantity FROM commitment_daily_totals WHERE commitment_id = $1 AND local_date = '2024-03-01'", [made.commitmentIds[0]]);
      const posted = await app.request("/api/activities", {
        method: "POST",
        headers: { authorization: `Bearer ${made.token}`, "content-type": "application/json" },
        body: JSON.stringify({ commitmentId: made.commitmentIds[0], occurredAt: "2024-03-01", quantity: 4 }),
      });
      expect(posted.status).toBe(201);
      const created = (await posted.json()) as { id: number };
      expect(created.id).toBe(maxId + 1);
      const { rows: audit } = await target.pool.query("SELECT id, action FROM audit_log WHERE record_type = 'activity' AND record_id = $1", [String(created.id)]);
      expect(audit).toEqual([{ id: expect.any(Number), action: "activity.create" }]);
      expect(audit[0].id).toBeGreaterThan(maxAuditId);
      const { rows: after } = await target.pool.query("SELECT quantity FROM commitment_daily_totals WHERE commitment_id = $1 AND local_date = '2024-03-01'", [made.commitmentIds[0]]);
      expect(Number(after[0]?.quantity)).toBe(Number(before[0]?.quantity ?? 0) + 4);
    } finally {
      sqliteStore.closeNow();
      await pgStore.close();
    }
  });

  it("refuses a second run into the now filled database, changing nothing", async () => {
    const before = await targetState(target.pool);
    const again = cli(["migrate-to-postgres", "--from", file], { DATABASE_URL: target.url });
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("måldatabasen är inte tom");
    expect(await targetState(target.pool)).toEqual(before);
  });

  it("rolls everything back when the copy fails halfway: the target stays migrated and empty, its triggers on", async () => {
    const failing = await databases.create();
    await (await openPostgresStore(failing.url, { max: 1 })).close();
    // A rule the source's activities break: the copy fails at activities, after a dozen tables were filled.
    await failing.pool.query("ALTER TABLE activities ADD CONSTRAINT test_small CHECK (quantity < 3)");
    const run = cli(["migrate-to-postgres", "--from", file], { DATABASE_URL: failing.url });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Flytten avbröts vid tabellen activities");
    expect(run.stderr).toContain("Ingenting sparades");
    const state = await targetState(failing.pool);
    for (const table of copyPlan()) expect(state[table.name], table.name).toBe(0);
    expect(state.sequences).toEqual(expect.arrayContaining([{ sequencename: "activities_id_seq", last_value: null }]));
    const { rows } = await failing.pool.query("SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'");
    expect(rows[0]?.n).toBe(0);
  });

  it("refuses a source that is not at this version's newest migration, one a server has open, and a missing or non-PostgreSQL DATABASE_URL", async () => {
    const empty = await databases.create();

    // A file made by the version whose migrations ended before activity corrections (as db/migrations.test.ts).
    const journal = JSON.parse(readFileSync(join(codeFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const older = join(dir, "older");
    mkdirSync(join(older, "meta"), { recursive: true });
    const entries = journal.entries.filter((e) => ["0000_initial", "0001_rollup-triggers", "0002_auth", "0003_audit-triggers"].includes(e.tag));
    for (const e of entries) copyFileSync(join(codeFolder, `${e.tag}.sql`), join(older, `${e.tag}.sql`));
    writeFileSync(join(older, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
    const olderFile = join(dir, "older.db");
    openStore(olderFile, { migrationsFolder: older }).closeNow();
    const behind = cli(["migrate-to-postgres", "--from", olderFile], { DATABASE_URL: empty.url });
    expect(behind.status).toBe(1);
    expect(behind.stderr).toContain("0003_audit-triggers");
    expect(behind.stderr).toContain("starta den här versionen en gång på filen först");

    // What a running server does: keep a WAL connection to the database open.
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const server = spawn(process.execPath, ["-e", `const db = new (require(${JSON.stringify(driver)}))(${JSON.stringify(file)}); db.pragma("journal_mode = WAL"); db.prepare("SELECT 1 FROM users").get(); console.log("ready"); setInterval(() => {}, 1000);`]);
    try {
      await new Promise((resolve) => server.stdout.once("data", resolve));
      const running = cli(["migrate-to-postgres", "--from", file], { DATABASE_URL: empty.url });
      expect(running.status).toBe(1);
      expect(running.stderr).toContain("används av ett annat program (körs servern?)");
    } finally {
      server.kill("SIGKILL");
    }
    // Refused before anything was copied: the target is migrated and empty.
    const { rows } = await empty.pool.query("SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM audit_log)::int AS audit");
    expect(rows[0]).toEqual({ users: 0, audit: 0 });

    const noUrl = cli(["migrate-to-postgres", "--from", file], {});
    expect(noUrl.status).toBe(1);
    expect(noUrl.stderr).toContain("Ange måldatabasen i DATABASE_URL");
    const sqliteUrl = cli(["migrate-to-postgres", "--from", file], { DATABASE_URL: `file:${join(dir, "annan.db")}` });
    expect(sqliteUrl.status).toBe(1);
    expect(sqliteUrl.stderr).toContain("DATABASE_URL är ingen PostgreSQL-adress");
  });
});

describe.skipIf(!testDatabaseUrl)("the command line on PostgreSQL", { timeout: 60_000 }, () => {
  let databases: TestDatabases;
  beforeAll(() => {
    databases = testDatabases();
  });
  afterAll(() => databases?.dropAll());

  it("creates a user and a token in the PostgreSQL database, who can then sign in", async () => {
    const database = await databases.create();
    const env = { DATABASE_URL: database.url };
    const created = cli(["user:create", "--email", "Admin@Kommun.Example", "--role", "admin", "--name", "Första Admin", "--password-stdin"], env, "ett långt lösenord för admin\n");
    expect(created.stderr).toContain("Skapade admin admin@kommun.example");
    expect(created.status).toBe(0);
    const token = cli(["token:create", "--email", "admin@kommun.example"], env);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^lk_[\w-]{43}\n$/);

    const store = await openPostgresStore(database.url, { max: 2 });
    try {
      const app = createApp({ store });
      const signIn = await app.request("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@kommun.example", password: "ett långt lösenord för admin" }),
      });
      expect(signIn.status).toBe(200);
      const me = await app.request("/api/auth/me", { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(await me.json()).toMatchObject({ email: "admin@kommun.example", role: "admin" });
      const { rows } = await database.pool.query("SELECT action, actor FROM audit_log WHERE record_type IN ('user', 'token') ORDER BY id");
      expect(rows).toEqual([
        { action: "user.create", actor: "cli" },
        { action: "token.create", actor: "cli" },
        { action: "auth.sign_in", actor: expect.stringMatching(/^user:\d+$/) },
      ]);
    } finally {
      await store.close();
    }
  });

  it("refuses backup and restore, naming pg_dump and pg_restore", () => {
    const env = { DATABASE_URL: `${testDatabaseUrl}` };
    const backup = cli(["backup", "kopia.db"], env);
    expect(backup.status).toBe(1);
    expect(backup.stderr).toContain('pg_dump -Fc -f FIL "$DATABASE_URL"');
    const restore = cli(["restore", "kopia.db", "--yes"], env);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain("pg_restore");
    expect(restore.stderr).toContain('-d "$DATABASE_URL" FIL');
  });
});
