import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type SQL, sql } from "drizzle-orm";
import { createApp } from "../app";
import { systemContext } from "../db/audit-context";
import { openStore } from "../db/client";
import { loadData } from "../seed/load-data";
import { hashPasswordSync } from "../security/passwords";
import { createApiToken } from "../services/api-tokens";
import { createUser } from "../services/users";
import { EXAMPLE_PROMISE, TEST_PASSWORD } from "./test-app";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));

/** The day `i` days after 2024-03-01, inside EXAMPLE_PROMISE's period (which ends 2025-12-31). */
export const exampleDay = (i: number) => new Date(Date.UTC(2024, 2, 1 + (i % 600))).toISOString().slice(0, 10);

/**
 * A Löfteskollen database file as the server leaves it: migrated, reference data, one admin with
 * an API token, EXAMPLE_PROMISE and `activities` activities logged through the real app.
 * The connection is closed again, so another process can take the file.
 */
export async function createAppDatabase(path: string, { activities = 0 }: { activities?: number } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const store = openStore(path);
  try {
    const now = new Date();
    await loadData({ store, dataDir, demo: false, now });
    const token = await store.transaction(systemContext("cli"), async (db) => {
      const admin = await createUser({
        db,
        input: { email: "admin@backup.invalid", name: "Anna Admin", role: "admin", organisations: [], passwordHash: hashPasswordSync(TEST_PASSWORD) },
      });
      return (await createApiToken({ db, userId: admin.id, name: "test", now })).token;
    });
    const app = createApp({ store });
    const post = async (path: string, body: unknown) => {
      const response = await app.request(path, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as any;
    };
    const promise = (await post("/api/promises", EXAMPLE_PROMISE)) as { id: number; commitments: { id: number }[] };
    const commitmentIds = promise.commitments.map((c) => c.id);
    for (let done = 0; done < activities; done += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, activities - done) }, (_, i) => ({
        commitmentId: commitmentIds[(done + i) % commitmentIds.length],
        occurredAt: exampleDay(done + i),
        quantity: 1 + ((done + i) % 3),
        place: "Hammarkullen",
      }));
      await post("/api/activities/batch", { activities: rows });
    }
    return { token, promiseId: promise.id, commitmentIds };
  } finally {
    store.closeNow();
  }
}

/** Opens a database file for a test to look into, writing nothing (and leaving no -wal/-shm behind, as a read-only connection would). */
export function readDatabase<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("query_only = ON");
    return read(db);
  } finally {
    db.close();
  }
}

type TotalsRow = { commitment_id: number; local_date: string; quantity: number | string; n: number | string };
const EXPECTED_TOTALS = "SELECT commitment_id, local_date, sum(quantity) AS quantity, count(*) AS n FROM activities WHERE voided_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2";
const ROLLUP_TOTALS = "SELECT commitment_id, local_date, quantity, activity_count AS n FROM commitment_daily_totals WHERE activity_count > 0 ORDER BY 1, 2";
const asNumbers = (rows: TotalsRow[]) => rows.map((row) => ({ ...row, quantity: Number(row.quantity), n: Number(row.n) }));

/** Daily totals against the sum of the non-voided activities, both as sorted rows: equal when the rollup is right. */
export function rollupAgainstActivities(db: Database.Database) {
  return { expected: asNumbers(db.prepare(EXPECTED_TOTALS).all() as TotalsRow[]), rollup: asNumbers(db.prepare(ROLLUP_TOTALS).all() as TotalsRow[]) };
}

/** The same through a test app's `query`, on either engine. */
export async function rollupAgainstActivitiesOf(query: <T>(statement: SQL) => Promise<T[]>) {
  const [expected, rollup] = await Promise.all([query<TotalsRow>(sql.raw(EXPECTED_TOTALS)), query<TotalsRow>(sql.raw(ROLLUP_TOTALS))]);
  return { expected: asNumbers(expected), rollup: asNumbers(rollup) };
}
