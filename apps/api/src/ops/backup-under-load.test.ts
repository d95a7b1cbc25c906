import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createAppDatabase, exampleDay, readDatabase, rollupAgainstActivities } from "../test-support/app-database";
import { killAllServerProcesses, startServerProcess } from "../test-support/server-process";
import { backupDatabase, restoreDatabase } from "./backup";
import { BackupError } from "./database-file";

const apiDir = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lofteskollen-backup-load-"));
afterAll(async () => {
  await killAllServerProcesses();
  rmSync(dir, { recursive: true, force: true });
});

/** `pnpm cli backup FILE` as an operator runs it, against the server's database. */
function cliBackup(databasePath: string, file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/cli.mjs", "backup", file], { cwd: apiDir, env: { ...process.env, DATABASE_PATH: databasePath } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const PREFILLED = 20_000;
const WRITERS = 4;

describe("backups of a running server", () => {
  it(
    "are consistent under write load: each passes integrity_check, holds the acknowledged activities, and restores with the counts it reported",
    async () => {
      const databasePath = join(dir, "lofteskollen.db");
      // A file of some megabytes, so that a backup takes many steps while the writes go on.
      const { token, commitmentIds } = await createAppDatabase(databasePath, { activities: PREFILLED });
      const server = await startServerProcess({ databasePath });

      // Clients of the real server in its own process, each logging activities one after the other
      // and voiding every fifth of its own (voids change the daily totals, not the activity count).
      let stopping = false;
      let sent = 0;
      let acknowledged = 0;
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const json = (await response.json()) as { id: number };
        if (response.status !== 201 && response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };
      const writer = async (w: number) => {
        for (let i = 0; !stopping; i++) {
          sent++;
          const activity = await post("/api/activities", { commitmentId: commitmentIds[(w + i) % commitmentIds.length], occurredAt: exampleDay(w * 97 + i), quantity: 1 + (i % 4) });
          acknowledged++;
          if (i % 5 === 4) await post(`/api/activities/${activity.id}/void`, { reason: "Registrerad två gånger" });
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      const waitForWrites = async (count: number) => {
        const target = acknowledged + count;
        while (acknowledged < target) await new Promise((resolve) => setTimeout(resolve, 5));
      };

      try {
        await waitForWrites(50);
        const backups = [];
        for (let i = 0; i < 3; i++) {
          const before = acknowledged;
          // Few pages per step: the copy spans many turns of the event loop, with writes in between.
          const result = await backupDatabase(databasePath, join(dir, `kopia-${i}.db`), { pagesPerStep: 10 });
          const after = { acknowledged, sent };
          backups.push({ result, before, after });
          await waitForWrites(30);
        }

        const cliBefore = acknowledged;
        const cli = await cliBackup(databasePath, join(dir, "kopia-cli.db"));
        const cliAfter = sent;
        expect(cli.stderr).toBe("");
        expect(cli.status).toBe(0);
        const cliActivities = Number(/(\d+) aktiviteter/.exec(cli.stdout)?.[1]);

        // While the server holds the database, a restore onto it is refused.
        const refused = await restoreDatabase(join(dir, "kopia-0.db"), databasePath).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(BackupError);
        expect((refused as BackupError).code).toBe("in_use");

        stopping = true;
        await Promise.all(writers);
        expect((await server.stop()).code).toBe(0);

        // Every acknowledged activity was durable; the clients saw no error.
        expect(readDatabase(databasePath, (db) => db.prepare("SELECT count(*) AS n FROM activities").get())).toEqual({ n: PREFILLED + acknowledged });

        // A snapshot holds every activity acknowledged before it started, and nothing not yet
        // sent when it ended (a write in flight may or may not be in it).
        for (const { result, before, after } of backups) {
          expect(result.integrity).toBe("ok");
          expect(result.counts.activities).toBeGreaterThanOrEqual(PREFILLED + before);
          expect(result.counts.activities).toBeLessThanOrEqual(PREFILLED + after.sent);
          // Checked again here, independently of the report.
          readDatabase(result.file, (db) => {
            expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
            expect(db.prepare("SELECT count(*) AS n FROM activities").get()).toEqual({ n: result.counts.activities });
            const { expected, rollup } = rollupAgainstActivities(db);
            expect(rollup).toEqual(expected);
          });
        }
        expect(cliActivities).toBeGreaterThanOrEqual(PREFILLED + cliBefore);
        expect(cliActivities).toBeLessThanOrEqual(PREFILLED + cliAfter);
        // The writes really ran during the backups, or this test would prove nothing.
        expect(backups.some(({ before, after }) => after.acknowledged > before)).toBe(true);

        const last = backups.at(-1)?.result;
        if (!last) throw new Error("no backup");
        const restoredPath = join(dir, "återställd", "lofteskollen.db");
        const restored = await restoreDatabase(last.file, restoredPath);
        expect(restored.counts).toEqual(last.counts);
        readDatabase(restoredPath, (db) => {
          const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
          expect({
            activities: count("activities"),
            promises: count("promises"),
            commitments: count("commitments"),
            users: count("users"),
            auditRows: count("audit_log"),
          }).toEqual(last.counts);
          const { expected, rollup } = rollupAgainstActivities(db);
          expect(rollup.length).toBeGreaterThan(0);
          expect(rollup).toEqual(expected);
        });
      } finally {
        stopping = true;
        await Promise.allSettled(writers);
        await server.stop();
      }
    },
    60_000,
  );
});
