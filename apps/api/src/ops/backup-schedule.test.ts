import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDatabase, readDatabase } from "../test-support/app-database";
import { scheduledBackupName, startBackupSchedule } from "./backup-schedule";

const root = mkdtempSync(join(tmpdir(), "lofteskollen-schedule-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let databasePath: string;
beforeAll(async () => {
  databasePath = join(root, "lofteskollen.db");
  await createAppDatabase(databasePath, { activities: 30 });
}, 30_000);

/** A clock that moves one minute on each reading, from 2026-11-22 08:00 UTC. */
const minuteClock = () => {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 10, 22, 8, minute++));
};

/** Collects the schedule's log lines; resolves `until` once `count` lines match `pattern`. */
const recordingLog = () => {
  const lines: { level: "info" | "error"; message: string }[] = [];
  const waiters: { pattern: RegExp; count: number; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of waiters) if (lines.filter((l) => waiter.pattern.test(l.message)).length >= waiter.count) waiter.resolve();
  };
  return {
    lines,
    log: {
      info: (message: string) => {
        lines.push({ level: "info", message });
        check();
      },
      error: (message: string) => {
        lines.push({ level: "error", message });
        check();
      },
    },
    until: (pattern: RegExp, count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited in vain for ${count} × ${pattern}: ${JSON.stringify(lines)}`)), 20_000);
        waiters.push({ pattern, count, resolve: () => (clearTimeout(timer), resolve()) });
        check();
      }),
  };
};

describe("the backup schedule", { timeout: 30_000 }, () => {
  it("names backups by UTC time so that name order is time order", () => {
    expect(scheduledBackupName(new Date("2026-03-29T01:59:59.999+01:00"))).toBe("lofteskollen-20260329-005959.db");
  });

  it("takes a backup every interval and keeps the newest ones, leaving other files in the folder alone", async () => {
    const dir = join(root, "kopior");
    // Files that are not the schedule's: the retention must never touch them.
    const others = ["anteckningar.txt", "lofteskollen-före-uppgradering.db", "lofteskollen-20200101-000000.db.tmp", ".lofteskollen-20200101-000000.db.1234-ab.tmp"];
    mkdirSync(dir);
    for (const name of others) writeFileSync(join(dir, name), "rör mig inte");
    // An old scheduled backup: the oldest, so the first to go.
    writeFileSync(join(dir, "lofteskollen-20200101-000000.db"), "gammal");

    const { log, lines, until } = recordingLog();
    // 0.005 minutes = 300 ms: the interval the test can wait for; the server is given whole minutes.
    const stop = startBackupSchedule({ databasePath, dir, intervalMinutes: 0.005, keep: 2, log, now: minuteClock() });
    try {
      await until(/^Säkerhetskopia sparad/, 4);
    } finally {
      await stop();
    }

    const saved = lines.filter((l) => l.message.startsWith("Säkerhetskopia sparad")).length;
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
    // The clock moved a minute per backup: the last two it named are the ones kept.
    const kept = readdirSync(dir).filter((name) => /^lofteskollen-\d{8}-\d{6}\.db$/.test(name)).sort();
    expect(kept).toEqual([`lofteskollen-20261122-08${String(saved - 2).padStart(2, "0")}00.db`, `lofteskollen-20261122-08${String(saved - 1).padStart(2, "0")}00.db`]);
    for (const name of others) expect(readFileSync(join(dir, name), "utf8")).toBe("rör mig inte");
    expect(readdirSync(dir).length).toBe(others.length + 2);
    for (const name of kept) {
      expect(readDatabase(join(dir, name), (db) => db.prepare("SELECT count(*) AS n FROM activities").get())).toEqual({ n: 30 });
    }
    expect(lines.some((l) => /Tog bort 1 äldre: lofteskollen-20200101-000000\.db/.test(l.message))).toBe(true);
  });

  it("logs a failed backup and deletes no earlier one", async () => {
    const dir = join(root, "misslyckas");
    mkdirSync(dir);
    const earlier = ["lofteskollen-20261101-000000.db", "lofteskollen-20261102-000000.db"];
    for (const name of earlier) writeFileSync(join(dir, name), "tidigare kopia");

    const { log, lines, until } = recordingLog();
    const stop = startBackupSchedule({ databasePath: join(root, "saknas.db"), dir, intervalMinutes: 0.005, keep: 1, log, now: minuteClock() });
    try {
      await until(/misslyckades/, 2);
    } finally {
      await stop();
    }
    expect(lines[0]).toEqual({ level: "error", message: expect.stringContaining(`Schemalagd säkerhetskopia misslyckades: Databasen finns inte: ${join(root, "saknas.db")}`) });
    expect(readdirSync(dir).sort()).toEqual(earlier);
  });

  it("refuses a retention of fewer than one backup", () => {
    const { log } = recordingLog();
    expect(() => startBackupSchedule({ databasePath, dir: join(root, "av"), intervalMinutes: 60, keep: 0, log })).toThrow(RangeError);
  });
});
