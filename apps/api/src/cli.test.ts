import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { openStore, queryRows } from "./db/client";
import { backupDatabase } from "./ops/backup";
import { createAppDatabase, readDatabase } from "./test-support/app-database";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lofteskollen-cli-"));
const databasePath = join(dir, "ny.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `pnpm cli …` as an operator would: `pnpm cli` at the root runs this bin. */
const cliOn = (database: string) => (args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/cli.mjs", ...args], {
    cwd: apiDir,
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: database },
    timeout: 60_000,
  });
const cli = cliOn(databasePath);

// Each case starts the CLI as its own process (about a second each on a busy machine).
describe("the command-line tool", { timeout: 30_000 }, () => {
  it("creates the first admin on a fresh database and a token that works against the API", async () => {
    const created = cli(["user:create", "--email", "Admin@Kommun.Example", "--role", "admin", "--name", "Första Admin", "--password-stdin"], "ett långt lösenord för admin\n");
    expect(created.stderr).toContain("Skapade admin admin@kommun.example");
    expect(created.status).toBe(0);
    expect(created.stdout).toBe("");

    const token = cli(["token:create", "--email", "admin@kommun.example", "--name", "Import"]);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^lk_[\w-]{43}\n$/);

    const store = openStore(databasePath);
    try {
      const app = createApp({ store });
      const me = await app.request("/api/auth/me", { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: "admin@kommun.example", name: "Första Admin", role: "admin" });
      const signIn = await app.request("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@kommun.example", password: "ett långt lösenord för admin" }),
      });
      expect(signIn.status).toBe(200);
      const audit = await queryRows(store.db, sql`SELECT action, actor FROM audit_log WHERE record_type IN ('user', 'token') ORDER BY id`);
      expect(audit).toEqual([
        { action: "user.create", actor: "cli" },
        { action: "token.create", actor: "cli" },
        { action: "auth.sign_in", actor: expect.stringMatching(/^user:\d+$/) },
      ]);
    } finally {
      await store.close();
    }
  });

  it("creates a coordinator for named organisations, refusing an unknown one", () => {
    const ok = cli(["user:create", "--email", "falt@kommun.example", "--role", "coordinator", "--organisation", "Fältenheten", "--organisation", "Mötesplatserna", "--password-stdin"], "fältarbete på kvällen");
    expect(ok.status).toBe(0);
    const unknown = cli(["user:create", "--email", "x@kommun.example", "--role", "coordinator", "--organisation", "Fältenhten", "--password-stdin"], "fältarbete på kvällen");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('organisations.0: Aktören "Fältenhten" finns inte');
  });

  it("explains what is wrong with a bad role, a short or common password, or a missing --password-stdin", () => {
    const role = cli(["user:create", "--email", "y@kommun.example", "--role", "boss", "--password-stdin"], "ett långt lösenord");
    expect(role.status).toBe(1);
    expect(role.stderr).toContain("--role");
    const short = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer", "--password-stdin"], "kort");
    expect(short.stderr).toContain("minst 8 tecken");
    const common = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer", "--password-stdin"], "password123");
    expect(common.stderr).toContain("för vanligt");
    const noStdin = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer"]);
    expect(noStdin.stderr).toContain("--password-stdin");
    const noUser = cli(["token:create", "--email", "ingen@kommun.example"]);
    expect(noUser.status).toBe(1);
    expect(noUser.stdout).toBe("");
    expect(noUser.stderr).toContain("Det finns ingen användare");
  });
});

describe("backup and restore on the command line", () => {
  const live = join(dir, "backup", "lofteskollen.db");
  const earlier = join(dir, "backup", "tidigare.db");
  const cli = cliOn(live);
  let earlierAuditRows = 0;
  beforeAll(async () => {
    await createAppDatabase(live, { activities: 7 });
    earlierAuditRows = (await backupDatabase(live, earlier)).counts.auditRows;
  }, 30_000);
  const auditRows = () => readDatabase(live, (db) => (db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n);
  const addAuditRow = () =>
    readDatabase(live, (db) => {
      db.pragma("query_only = OFF");
      db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('2026-11-22T09:00:00Z', 'cli', 'test.after_backup')").run();
    });

  it("backs up the database with what is in it, and overwrites an existing file only with --force", () => {
    const file = join(dir, "backup", "kopia.db");
    const first = cli(["backup", file]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Säkerhetskopia sparad: ${file}`);
    expect(first.stdout).toContain("integrity_check: ok");
    expect(first.stdout).toMatch(/7 aktiviteter, 1 medborgarlöften, 3 åtaganden, 1 användare, \d+ rader i händelseloggen/);

    const again = cli(["backup", file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${file} finns redan`);
    expect(again.stderr).toContain("--force");
    expect(cli(["backup", file, "--force"]).status).toBe(0);
  }, 30_000);

  it("restores only with --yes: without it the file is checked and nothing changes", () => {
    const file = earlier;
    addAuditRow();

    const dryRun = cli(["restore", file]);
    expect(dryRun.status).toBe(1);
    expect(dryRun.stdout).toContain("7 aktiviteter");
    expect(dryRun.stderr).toContain("Ingenting återställdes");
    expect(dryRun.stderr).toContain("Stoppa servern och kör igen med --yes");
    expect(auditRows()).toBe(earlierAuditRows + 1);

    const restored = cli(["restore", file, "--yes"]);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`Återställde ${live} från ${file}`);
    expect(restored.stdout).toContain("7 aktiviteter");
    const kept = /sparades som (\S+)/.exec(restored.stdout)?.[1] ?? "";
    expect(kept).toMatch(/lofteskollen\.db\.before-restore-\d{8}-\d{6}$/);
    expect(existsSync(kept)).toBe(true);
    expect(auditRows()).toBe(earlierAuditRows);
  }, 30_000);

  it("fails with exit code 1 and says why for a missing file, a file that is not a database, and a running server", async () => {
    const missing = cli(["restore", join(dir, "finns-inte.db"), "--yes"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Filen finns inte");

    writeFileSync(join(dir, "backup", "lista.csv"), "datum;antal\n2024-03-01;2\n");
    const notDatabase = cli(["restore", join(dir, "backup", "lista.csv"), "--yes"]);
    expect(notDatabase.status).toBe(1);
    expect(notDatabase.stderr).toContain("är ingen SQLite-databas");

    const noFile = cli(["backup"]);
    expect(noFile.status).toBe(1);
    expect(noFile.stderr).toContain("Ange en fil");

    // What a running server does: keep a WAL connection to the database open.
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const server = spawn(process.execPath, ["-e", `const db = new (require(${JSON.stringify(driver)}))(${JSON.stringify(live)}); db.pragma("journal_mode = WAL"); db.prepare("SELECT 1 FROM users").get(); console.log("ready"); setInterval(() => {}, 1000);`]);
    try {
      await new Promise((resolve) => server.stdout.once("data", resolve));
      const running = cli(["restore", earlier, "--yes"]);
      expect(running.status).toBe(1);
      expect(running.stderr).toContain("används av ett annat program (körs servern?). Stoppa servern och försök igen.");
    } finally {
      server.kill("SIGKILL");
    }
  }, 30_000);
});
