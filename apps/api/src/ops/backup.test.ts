import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, closeSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../db/client";
import { expectedMigration } from "../db/migrations";
import { createAppDatabase, readDatabase } from "../test-support/app-database";
import { backupDatabase, restoreDatabase } from "./backup";
import { BackupError } from "./database-file";

const root = mkdtempSync(join(tmpdir(), "lofteskollen-backup-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh, empty folder per test: no test sees another's files. */
const freshDir = () => {
  const dir = join(root, `t${++n}`);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(`${dir}-`);
};

// One source database for the whole file (about a second to build); tests copy it, never change it.
let template: string;
beforeAll(async () => {
  template = join(root, "template.db");
  await createAppDatabase(template, { activities: 120 });
}, 30_000);
const liveDatabase = (dir: string) => {
  const path = join(dir, "lofteskollen.db");
  copyFileSync(template, path);
  return path;
};

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

/**
 * Another process with the database open, as the server has it: WAL mode, one read done, then
 * idle. `script` runs first on its connection `db` (plain better-sqlite3, no audit function).
 */
async function holdOpenInAnotherProcess(path: string, script = ""): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const Database = require(${JSON.stringify(driverPath)});
       const db = new Database(${JSON.stringify(path)});
       db.pragma("journal_mode = WAL");
       ${script}
       db.prepare("SELECT count(*) FROM activities").get();
       console.log("ready");
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the holder exited early (${code})`)));
  });
  return child;
}
const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

const refusal = async (work: Promise<unknown>): Promise<BackupError> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BackupError)) throw new Error(`expected a BackupError, got ${String(error)}`);
  return error;
};
const auditCount = (path: string) => readDatabase(path, (db) => (db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n);

describe("backupDatabase", { timeout: 20_000 }, () => {
  it("writes one self-contained, checked file and reports what is in it", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const result = await backupDatabase(live, join(dir, "kopior", "b.db"));

    expect(result).toMatchObject({
      file: join(dir, "kopior", "b.db"),
      integrity: "ok",
      lastMigration: expectedMigration(),
      counts: { activities: 120, promises: 1, commitments: 3, users: 1, auditRows: auditCount(live) },
    });
    // Rollback journal in the header (bytes 18–19 = 1), so no -wal beside it is ever needed or read.
    expect([...readFileSync(result.file).subarray(18, 20)]).toEqual([1, 1]);
    expect(readdirSync(join(dir, "kopior"))).toEqual(["b.db"]);
    expect(readDatabase(result.file, (db) => db.pragma("integrity_check", { simple: true }))).toBe("ok");
  });

  it("refuses to overwrite an existing file unless forced, and a file with a -wal beside it even then", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const target = join(dir, "b.db");
    writeFileSync(target, "en gammal fil");

    const exists = await refusal(backupDatabase(live, target));
    expect(exists.code).toBe("exists");
    expect(exists.message).toContain("--force");
    expect(readFileSync(target, "utf8")).toBe("en gammal fil");

    const forced = await backupDatabase(live, target, { force: true });
    expect(forced.counts.activities).toBe(120);

    writeFileSync(`${target}-wal`, "en kvarglömd wal");
    const stale = await refusal(backupDatabase(live, target, { force: true }));
    expect(stale.code).toBe("stale_sidecar");
    expect(readdirSync(dir).sort()).toEqual(["b.db", "b.db-wal", "lofteskollen.db"]);
  });

  it("leaves nothing under the final name, and no working file, when the source is not a database", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "inte.db"), "SQLite format 3\0 men sedan ingenting som en databas ska ha".padEnd(8192, "x"));
    const error = await refusal(backupDatabase(join(dir, "inte.db"), join(dir, "b.db")));
    expect(error.code).toBe("not_database");
    expect(readdirSync(dir)).toEqual(["inte.db"]);

    expect((await refusal(backupDatabase(join(dir, "saknas.db"), join(dir, "b.db")))).code).toBe("missing");
  });
});

describe("restoreDatabase", { timeout: 20_000 }, () => {
  it("replaces the database with the backup and keeps the old one, with the writes still in its WAL, as .before-restore", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const backup = await backupDatabase(live, join(dir, "b.db"));

    // A server that was killed: five writes only in live.db-wal, never checkpointed.
    const crashed = await holdOpenInAnotherProcess(
      live,
      `db.pragma("wal_autocheckpoint = 0");
       for (let i = 0; i < 5; i++) db.prepare("INSERT INTO audit_log (at, actor, action) VALUES (?, 'cli', 'test.only_in_wal')").run(new Date().toISOString());`,
    );
    await killed(crashed);
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);

    const result = await restoreDatabase(backup.file, live, { now: new Date("2026-11-22T09:30:05Z") });

    const keptAs = `${live}.before-restore-20261122-093005`;
    expect(result.kept).toEqual([keptAs]);
    expect(result.counts).toEqual(backup.counts);
    expect(result.previousUnreadable).toBeNull();
    // The old database, complete on its own: the WAL was checkpointed into it before it was moved.
    expect(readDatabase(keptAs, (db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'test.only_in_wal'").get())).toEqual({ n: 5 });
    expect(existsSync(`${keptAs}-wal`)).toBe(false);
    // The restored one has the backup's rows and nothing of the old WAL, also when the server opens it.
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(existsSync(`${live}-shm`)).toBe(false);
    const store = openStore(live);
    try {
      expect(store.sqlite.prepare("SELECT count(*) AS n FROM audit_log").get()).toEqual({ n: backup.counts.auditRows });
      expect(store.sqlite.prepare("SELECT count(*) AS n FROM activities").get()).toEqual({ n: 120 });
    } finally {
      store.close();
    }
    expect(readdirSync(dir).sort()).toEqual(["b.db", "lofteskollen.db", "lofteskollen.db.before-restore-20261122-093005"]);
  });

  it("refuses while another process has the database open, and changes nothing", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const backup = await backupDatabase(live, join(dir, "b.db"));
    const before = auditCount(live);

    const server = await holdOpenInAnotherProcess(live);
    try {
      const error = await refusal(restoreDatabase(backup.file, live));
      expect(error.code).toBe("in_use");
      expect(error.message).toContain("Stoppa servern");
    } finally {
      await killed(server);
    }
    expect(readdirSync(dir).filter((name) => !/-(wal|shm)$/.test(name)).sort()).toEqual(["b.db", "lofteskollen.db"]);
    expect(auditCount(live)).toBe(before);
  });

  it("refuses a missing file, a file that is not a database, a damaged backup and another program's database", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const backup = await backupDatabase(live, join(dir, "b.db"));
    const unchanged = () => expect(readDatabase(live, (db) => db.prepare("SELECT count(*) AS n FROM activities").get())).toEqual({ n: 120 });

    expect((await refusal(restoreDatabase(join(dir, "saknas.db"), live))).code).toBe("missing");

    writeFileSync(join(dir, "anteckningar.txt"), "inte en databas");
    const text = await refusal(restoreDatabase(join(dir, "anteckningar.txt"), live));
    expect(text.code).toBe("not_database");
    expect(text.message).toContain("är ingen SQLite-databas");

    // Damaged: garbage over eight pages in the middle of the file (page 1, the header, intact).
    const damaged = join(dir, "skadad.db");
    copyFileSync(backup.file, damaged);
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(8 * 4096, 0xa5), 0, 8 * 4096, Math.floor(statSync(damaged).size / 2 / 4096) * 4096);
    closeSync(fd);
    const corrupt = await refusal(restoreDatabase(damaged, live));
    expect(corrupt.code).toBe("integrity");
    expect(corrupt.message).toContain("integrity_check");

    const other = join(dir, "annan.db");
    const db = new Database(other);
    db.exec("CREATE TABLE kunder (namn TEXT)");
    db.close();
    const foreign = await refusal(restoreDatabase(other, live));
    expect(foreign.code).toBe("not_app_database");
    expect(foreign.message).toContain("ingen databas från Löfteskollen");

    unchanged();
    expect(readdirSync(dir).sort()).toEqual(["annan.db", "anteckningar.txt", "b.db", "lofteskollen.db", "skadad.db"]);
  });

  it("refuses a backup made by a newer version, naming the migration it does not know", async () => {
    const dir = freshDir();
    const live = liveDatabase(dir);
    const backup = await backupDatabase(live, join(dir, "b.db"));
    const db = new Database(backup.file);
    const last = db.prepare("SELECT max(created_at) AS at FROM __drizzle_migrations").get() as { at: number };
    db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('framtida', ?)").run(Number(last.at) + 86_400_000);
    db.close();

    const error = await refusal(restoreDatabase(backup.file, live));
    expect(error.code).toBe("newer_migrations");
    expect(error.message).toContain("nyare version");
    expect(error.message).toContain(expectedMigration());
    expect(readdirSync(dir).sort()).toEqual(["b.db", "lofteskollen.db"]);
  });

  it("restores into a place where no database exists yet, keeping nothing", async () => {
    const dir = freshDir();
    const backup = await backupDatabase(liveDatabase(dir), join(dir, "b.db"));
    const result = await restoreDatabase(backup.file, join(dir, "ny", "lofteskollen.db"));
    expect(result.kept).toEqual([]);
    expect(result.counts).toEqual(backup.counts);
    expect(readdirSync(join(dir, "ny"))).toEqual(["lofteskollen.db"]);
  });
});
