import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate as drizzleMigrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createApiToken } from "../services/api-tokens";
import { installAuditContext, systemContext } from "./audit-context";
import { openStore, type SqliteStore } from "./client";
import {
  DatabaseNewerThanCodeError,
  expectedMigration,
  MigrationFailedError,
  MigrationHistoryMismatchError,
  migrationStatus,
  readMigrationSet,
} from "./migrations";

const codeFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
type JournalEntry = { idx: number; version: string; when: number; tag: string; breakpoints: boolean };
const journal = JSON.parse(readFileSync(join(codeFolder, "meta", "_journal.json"), "utf8")) as { version: string; dialect: string; entries: JournalEntry[] };
const tags = journal.entries.map((e) => e.tag);
const lastEntry = journal.entries.at(-1) as JournalEntry;

/** The migration set before activity corrections: 0004 (activities.replaces_id) and 0005 (its audit triggers) came after. */
const PREVIOUS = ["0000_initial", "0001_rollup-triggers", "0002_auth", "0003_audit-triggers"];
/** What came after PREVIOUS: 0004 and 0005, then the public snapshots (0006, 0007), and so on. */
const NEWER = tags.filter((tag) => !PREVIOUS.includes(tag));
/** A migration written by a test, after every committed one. */
const extraTag = (name: string) => `${String(tags.length).padStart(4, "0")}_${name}`;

let dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "lofteskollen-migrations-"));
  dirs.push(dir);
  return dir;
};
let stores: SqliteStore[] = [];
const open = (path: string, migrationsFolder?: string) => {
  const store = openStore(path, { migrationsFolder });
  stores.push(store);
  return store;
};
afterEach(() => {
  for (const store of stores) if (store.sqlite.open) store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  stores = [];
  dirs = [];
});

/** A migrations folder with the committed migrations `keep` and, after them, `extra` ones written here. */
function migrationsFolderWith(keep: string[], extra: { tag: string; sql: string }[] = []): string {
  const folder = tempDir();
  mkdirSync(join(folder, "meta"));
  const entries = journal.entries.filter((e) => keep.includes(e.tag));
  for (const e of entries) copyFileSync(join(codeFolder, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  let when = lastEntry.when;
  for (const x of extra) {
    when += 60_000;
    writeFileSync(join(folder, `${x.tag}.sql`), x.sql);
    entries.push({ idx: entries.length, version: "6", when, tag: x.tag, breakpoints: true });
  }
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }, null, 2));
  return folder;
}

/** A database file made by the version of the code whose migrations were `PREVIOUS`, with its data. */
function previousVersionDatabase(): string {
  const path = join(tempDir(), "lofteskollen.db");
  const old = open(path, migrationsFolderWith(PREVIOUS));
  old.audit.run(systemContext("seed", new Date("2024-05-01T08:00:00Z")), () => old.sqlite.exec(PREVIOUS_VERSION_DATA));
  old.close();
  return path;
}

// Written as the services of that version wrote it: every column of the 0000–0003 schema, nothing of 0004.
const PREVIOUS_VERSION_DATA = `
  INSERT INTO organisations (id, name, kind) VALUES (1, 'Fältenheten', 'municipal'), (2, 'Polisen', 'police');
  INSERT INTO areas (id, name) VALUES (1, 'Testområdet');
  INSERT INTO activity_types (code, label) VALUES ('outreach', 'Uppsökande arbete'), ('sspf_meeting', 'SSPF-möte');
  INSERT INTO promises (id, slug, title, area_id, start_date, end_date, status)
    VALUES (1, 'testomradet-2024', 'Medborgarlöfte Testområdet 2024', 1, '2024-01-01', '2024-12-31', 'published');
  INSERT INTO themes (id, promise_id, name, position) VALUES (1, 1, 'Fritid', 0);
  INSERT INTO commitments (id, promise_id, position, title, theme_id, activity_type, unit, target, cadence) VALUES
    (1, 1, 0, 'Minst 100 uppsökande per år', 1, 'outreach', 'tillfällen', 100, 'year'),
    (2, 1, 1, 'Minst 2 SSPF-möten per år', NULL, 'sspf_meeting', 'möten', 2, 'year');
  INSERT INTO commitment_organisations (commitment_id, organisation_id) VALUES (1, 1), (2, 2);
  INSERT INTO users (id, email, name, role, password_hash) VALUES
    (1, 'admin@test.invalid', 'Anna Admin', 'admin', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'),
    (2, 'falt@test.invalid', 'Frida Fältassistent', 'coordinator', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA');
  INSERT INTO user_organisations (user_id, organisation_id) VALUES (2, 1);
  INSERT INTO activities (id, commitment_id, occurred_at, local_date, quantity, organisation_id, place, note, logged_by, logged_by_user_id, created_at) VALUES
    (1, 1, '2024-03-01T19:30:00+01:00', '2024-03-01', 3, 1, 'Torget', 'Lugnt', 'Frida Fältassistent', 2, '2024-03-01T19:00:00.000Z'),
    (2, 1, '2024-03-01', '2024-03-01', 2, 1, NULL, NULL, 'Frida Fältassistent', 2, '2024-03-01T20:00:00.000Z'),
    (3, 1, '2024-04-12', '2024-04-12', 5, 1, 'Skolan', NULL, 'Frida Fältassistent', 2, '2024-04-12T15:00:00.000Z'),
    (4, 2, '2024-04-15', '2024-04-15', 1, 2, NULL, NULL, 'Anna Admin', 1, '2024-04-15T09:00:00.000Z');
  UPDATE activities SET voided_at = '2024-04-20T10:00:00.000Z', voided_by = 'Anna Admin', void_reason = 'Registrerad två gånger' WHERE id = 2;
  INSERT INTO updates (commitment_id, date, text, is_public, created_by, created_by_user_id) VALUES (1, '2024-04-30', 'Bra start på våren', 1, 'Anna Admin', 1);
`;

const ACTIVITY_COLUMNS_BEFORE_0004 =
  "id, commitment_id, occurred_at, local_date, quantity, organisation_id, place, note, logged_by, created_at, is_demo, voided_at, voided_by, void_reason, logged_by_user_id, audit_id";

/** Everything in the database: its schema and every row of every table. Equal = the same database. */
function dump(path: string) {
  const sqlite = new Database(path, { readonly: true });
  try {
    const schema = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all() as { type: string; name: string }[];
    const tables = schema.filter((s) => s.type === "table").map((s) => s.name);
    const rows = Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
    return { schema, rows };
  } finally {
    sqlite.close();
  }
}

const columnsOf = (sqlite: Database.Database, table: string) => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const appliedRows = (sqlite: Database.Database) => sqlite.prepare("SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at").all();
/** The files beside a database (the file itself and any WAL or shared memory) with a hash of their bytes. */
const filesOf = (path: string) => {
  const dir = join(path, "..");
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));
};

describe("upgrading a database made by the previous migration set", () => {
  it("applies the new migrations and keeps every row, with the new column empty and the new triggers working", async () => {
    const path = previousVersionDatabase();
    const before = dump(path);
    expect(before.schema.find((s) => s.name === "activities")).toMatchObject({ sql: expect.not.stringContaining("replaces_id") });

    expect(before.rows.audit_log).not.toHaveLength(0);

    const store = open(path);

    expect(migrationStatus(store.sqlite)).toEqual({ applied: lastEntry.tag, expected: lastEntry.tag, upToDate: true, state: "current", pending: [] });
    expect(store.sqlite.prepare(`SELECT ${ACTIVITY_COLUMNS_BEFORE_0004} FROM activities ORDER BY id`).all()).toEqual(before.rows.activities);
    expect(store.sqlite.prepare("SELECT id, replaces_id FROM activities ORDER BY id").all()).toEqual([1, 2, 3, 4].map((id) => ({ id, replaces_id: null })));
    for (const table of ["organisations", "areas", "activity_types", "promises", "themes", "commitments", "commitment_organisations", "users", "user_organisations", "updates", "commitment_daily_totals", "audit_log"]) {
      // 0008 added promises.predecessor_id (issue 7): the old promises are nobody's renewal.
      // 0010 added archived_at to organisations and areas, 0012 to activity types (issue 7): none is archived.
      const added: Record<string, object> = {
        promises: { predecessor_id: null },
        organisations: { archived_at: null },
        areas: { archived_at: null },
        activity_types: { archived_at: null },
      };
      const extra = added[table];
      const expected = extra ? before.rows[table]?.map((row) => ({ ...(row as object), ...extra })) : before.rows[table];
      expect(store.sqlite.prepare(`SELECT * FROM ${table}`).all(), table).toEqual(expected);
    }
    expect(store.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(store.sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(store.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.sqlite.prepare("SELECT commitment_id, local_date, quantity, activity_count FROM commitment_daily_totals ORDER BY 1, 2").all()).toEqual(
      store.sqlite
        .prepare("SELECT commitment_id, local_date, sum(quantity) AS quantity, count(*) AS activity_count FROM activities WHERE voided_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2")
        .all(),
    );

    // The app of this version runs on it: the old totals, and a correction (0004's column, 0005's audit trigger).
    const now = new Date("2024-07-01T10:00:00Z");
    const { token } = await store.transaction(systemContext("cli", now), (db) => createApiToken({ db, userId: 1, name: "test", now }));
    const app = createApp({ store, now: () => now });
    const call = (method: string, url: string, body?: unknown) =>
      app.request(url, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const totals = (await (await call("GET", "/api/promises/1/daily-totals?asOf=2024-07-01")).json()) as { commitments: { days: unknown[] }[] };
    expect(totals.commitments.map((c) => c.days)).toEqual([
      [
        { date: "2024-03-01", quantity: 3 },
        { date: "2024-04-12", quantity: 5 },
      ],
      [{ date: "2024-04-15", quantity: 1 }],
    ]);
    const lastAuditId = (store.sqlite.prepare("SELECT max(id) AS id FROM audit_log").get() as { id: number }).id;
    const corrected = await call("POST", "/api/activities/3/correct", { reason: "Fel antal", activity: { quantity: 4 } });
    expect(corrected.status).toBe(201);
    const newAudit = store.sqlite.prepare("SELECT action, record_id, after FROM audit_log WHERE id > ? ORDER BY id").all(lastAuditId) as { action: string; record_id: string; after: string }[];
    expect(newAudit.map((a) => a.action)).toContain("activity.correct");
    const correction = newAudit.find((a) => a.action === "activity.correct");
    expect(JSON.parse(correction?.after ?? "{}")).toMatchObject({ quantity: 4, replacesId: 3 });
    expect(() => store.sqlite.prepare("UPDATE activities SET replaces_id = 1 WHERE id = 4").run()).toThrow(/correction replaces is fixed/);
    expect(() => store.sqlite.prepare("UPDATE activities SET quantity = 9 WHERE id = 1").run()).toThrow(/not edited/);
    expect(store.sqlite.prepare("SELECT quantity FROM commitment_daily_totals WHERE commitment_id = 1 AND local_date = '2024-04-12'").get()).toEqual({ quantity: 4 });
  });

  it("writes the same bookkeeping as drizzle's migrator, so a database it migrated opens without a change", () => {
    const path = join(tempDir(), "drizzle-made.db");
    const sqlite = new Database(path);
    const audit = installAuditContext(sqlite);
    audit.run(systemContext("migration"), () => drizzleMigrate(drizzle(sqlite), { migrationsFolder: codeFolder }));
    const byDrizzle = appliedRows(sqlite);
    sqlite.close();
    const before = dump(path);

    const store = open(path);

    expect(appliedRows(store.sqlite)).toEqual(byDrizzle);
    expect(migrationStatus(store.sqlite).upToDate).toBe(true);
    store.close();
    expect(dump(path)).toEqual(before);
  });

  it("accepts a migration file whose line endings changed since it was applied (a Windows checkout)", () => {
    const path = previousVersionDatabase();
    const crlf = migrationsFolderWith(PREVIOUS);
    for (const tag of PREVIOUS) writeFileSync(join(crlf, `${tag}.sql`), readFileSync(join(crlf, `${tag}.sql`), "utf8").replace(/\n/g, "\r\n"));

    const store = open(path, crlf);

    expect(migrationStatus(store.sqlite, readMigrationSet(crlf))).toMatchObject({ applied: "0003_audit-triggers", upToDate: true });
  });
});

describe("a database newer than the code", () => {
  it("is refused with a Swedish message saying what to do, and left exactly as it was", () => {
    const path = join(tempDir(), "lofteskollen.db");
    const store = open(path);
    const futureWhen = lastEntry.when + 86_400_000;
    store.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)").run("f".repeat(64), futureWhen);
    store.close();
    const before = filesOf(path);

    let error: unknown;
    try {
      open(path);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(DatabaseNewerThanCodeError);
    const message = (error as Error).message;
    expect(message).toContain(`Databasen ${path} är nyare än den här versionen av Löfteskollen`);
    expect(message).toContain(`den har en migrering som den här versionen inte känner till: migreringen med tidsstämpeln ${futureWhen} (skapad ${new Date(futureWhen).toISOString().slice(0, 16).replace("T", " ")} UTC)`);
    expect(message).toContain(`Den här versionen känner till migreringarna till och med ${lastEntry.tag}.`);
    expect(message).toContain(`Uppgradera Löfteskollen till en version som har migreringen med tidsstämpeln ${futureWhen}`);
    expect(message).toContain("eller återställ en säkerhetskopia som gjordes med den här versionen. Databasen har inte ändrats.");
    expect(filesOf(path)).toEqual(before);
  });

  it("is refused when the code is migrations behind, naming the newest one it lacks", () => {
    const path = join(tempDir(), "lofteskollen.db");
    open(path).close();

    expect(() => open(path, migrationsFolderWith(PREVIOUS))).toThrow(
      new RegExp(`${NEWER.length} migreringar som den här versionen inte känner till, den senaste med tidsstämpeln ${lastEntry.when} .* till och med 0003_audit-triggers\\.`),
    );
  });

  it("refuses a database whose applied migration differs from this version's file of the same name, writing nothing", () => {
    const path = previousVersionDatabase();
    const raw = new Database(path);
    raw.prepare("UPDATE __drizzle_migrations SET hash = ? WHERE created_at = ?").run("0".repeat(64), journal.entries[2]?.when);
    raw.close();
    const before = filesOf(path);

    expect(() => open(path)).toThrow(MigrationHistoryMismatchError);
    expect(() => open(path)).toThrow(/migreringen 0002_auth tillämpades på databasen med ett annat innehåll än filen 0002_auth\.sql har i den här versionen/);
    expect(filesOf(path)).toEqual(before);
  });

  it("refuses a database with a migration this code never had between ones it has, writing nothing", () => {
    const path = previousVersionDatabase();
    const raw = new Database(path);
    const between = (journal.entries[3]?.when ?? 0) + 1;
    raw.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)").run("a".repeat(64), between);
    raw.close();
    const before = filesOf(path);

    expect(() => open(path)).toThrow(new RegExp(`databasen har migreringen med tidsstämpeln ${between} .* där den här versionen har 0004_activity-corrections`));
    expect(filesOf(path)).toEqual(before);
  });
});

describe("applying pending migrations", () => {
  it("applies all of them in one transaction: a failing one leaves the database at the previous version, nothing half-applied", () => {
    const path = previousVersionDatabase();
    const before = dump(path);
    const broken = migrationsFolderWith(tags, [
      { tag: extraTag("broken"), sql: "ALTER TABLE `activities` ADD `broken_column` integer;--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);" },
    ]);

    expect(() => open(path, broken)).toThrow(MigrationFailedError);
    expect(() => open(path, broken)).toThrow(
      new RegExp(`^Migreringen ${extraTag("broken")} kunde inte tillämpas på databasen .*\\(no such table: no_such_table\\)\\. Ingen migrering har tillämpats: databasen är oförändrad, på 0003_audit-triggers\\.$`),
    );

    const after = dump(path);
    expect(after).toEqual(before);
    expect(after.schema.find((s) => s.name === "activities_replaces")).toBeUndefined();
    const raw = new Database(path, { readonly: true });
    expect(columnsOf(raw, "activities")).not.toContain("broken_column");
    expect(columnsOf(raw, "activities")).not.toContain("replaces_id");
    expect(migrationStatus(raw)).toMatchObject({ applied: "0003_audit-triggers", state: "behind", pending: NEWER });
    raw.close();
    // The fixed release then upgrades it as usual.
    expect(migrationStatus(open(path).sqlite).upToDate).toBe(true);
  });

  it("lets a migration rebuild a table that other tables reference, as drizzle-kit writes it, and keeps the references", () => {
    const path = previousVersionDatabase();
    const rebuild = migrationsFolderWith(tags, [
      {
        tag: extraTag("rebuild-activity-types"),
        sql: [
          "PRAGMA foreign_keys=OFF;",
          "CREATE TABLE `__new_activity_types` (`code` text PRIMARY KEY NOT NULL, `label` text NOT NULL, `description` text);",
          "INSERT INTO `__new_activity_types`(`code`, `label`) SELECT `code`, `label` FROM `activity_types`;",
          "DROP TABLE `activity_types`;",
          "ALTER TABLE `__new_activity_types` RENAME TO `activity_types`;",
          "PRAGMA foreign_keys=ON;",
        ].join("--> statement-breakpoint\n"),
      },
    ]);

    const store = open(path, rebuild);

    expect(columnsOf(store.sqlite, "activity_types")).toEqual(["code", "label", "description"]);
    expect(store.sqlite.prepare("SELECT code FROM activity_types ORDER BY code").all()).toEqual([{ code: "outreach" }, { code: "sspf_meeting" }]);
    expect(store.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => store.sqlite.prepare("DELETE FROM activity_types WHERE code = 'outreach'").run()).toThrow(/FOREIGN KEY/);
  });

  it("refuses migrations that leave a row pointing at nothing, and keeps the database as it was", () => {
    const path = previousVersionDatabase();
    const before = dump(path);
    const dangling = migrationsFolderWith(tags, [{ tag: extraTag("dangling"), sql: "DELETE FROM `organisations` WHERE `id` = 2;" }]);

    expect(() => open(path, dangling)).toThrow(new RegExp(`^Migreringarna ${[...NEWER, extraTag("dangling")].join(", ")} kunde inte tillämpas .*efteråt bryter 2 rader mot en främmande nyckel`));
    expect(dump(path)).toEqual(before);
  });

  it("does nothing to a database that is up to date", () => {
    const path = join(tempDir(), "lofteskollen.db");
    open(path).close();
    const before = dump(path);

    open(path).close();

    expect(dump(path)).toEqual(before);
  });
});

describe("migrationStatus and expectedMigration", () => {
  it("expect the newest migration of the committed journal", () => {
    expect(expectedMigration()).toBe(lastEntry.tag);
    expect(expectedMigration(readMigrationSet(migrationsFolderWith(PREVIOUS)))).toBe("0003_audit-triggers");
  });

  it("report a fresh database as having nothing applied and everything pending", () => {
    const sqlite = new Database(":memory:");
    expect(migrationStatus(sqlite)).toEqual({ applied: null, expected: lastEntry.tag, upToDate: false, state: "behind", pending: tags });
    sqlite.close();
  });

  it("report a database of the previous migration set as behind, with the newer migrations pending", () => {
    const sqlite = new Database(previousVersionDatabase(), { readonly: true });
    expect(migrationStatus(sqlite)).toEqual({
      applied: "0003_audit-triggers",
      expected: lastEntry.tag,
      upToDate: false,
      state: "behind",
      pending: NEWER,
    });
    expect(NEWER.slice(0, 2)).toEqual(["0004_activity-corrections", "0005_activity-audit-triggers"]);
    sqlite.close();
  });

  it("report an opened database as up to date", () => {
    const store = open(":memory:");
    expect(migrationStatus(store.sqlite)).toEqual({ applied: lastEntry.tag, expected: lastEntry.tag, upToDate: true, state: "current", pending: [] });
  });

  it("report a newer database's latest migration by its timestamp, as not up to date", () => {
    const store = open(":memory:");
    store.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)").run("f".repeat(64), lastEntry.when + 1);
    expect(migrationStatus(store.sqlite)).toEqual({ applied: `unknown:${lastEntry.when + 1}`, expected: lastEntry.tag, upToDate: false, state: "newer", pending: [] });
  });
});
