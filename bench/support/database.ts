/**
 * The benchmark database: reference data from `loadData`, an admin with a token (and a password
 * for browser sign-in), one published promise created through the API, and bulk activities
 * loaded straight into SQLite. Shared by `run.ts` (API) and `dashboard.ts` (browser).
 */
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { createApp } from "../../apps/api/src/app";
import { systemContext } from "../../apps/api/src/db/audit-context";
import { openStore, type SqliteStore as Store } from "../../apps/api/src/db/client";
import { hashPasswordSync } from "../../apps/api/src/security/passwords";
import { createApiToken } from "../../apps/api/src/services/api-tokens";
import { createUser } from "../../apps/api/src/services/users";
import { loadData } from "../../apps/api/src/seed/load-data";

const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

export const PERIOD = { start: "2024-01-01", end: "2025-12-31" } as const;
/** Rows per transaction in `bulkLoad`: large enough to be fast, small enough to keep the WAL in check. */
export const LOAD_TX_ROWS = 100_000;
export const CADENCES = ["year", "term", "month", "period", "year", "term", "month", "period", "month", "year"] as const;
export const BENCH_EMAIL = "bench@bench.invalid";

/** A small deterministic PRNG (mulberry32) so every run loads the same activities. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function periodDates(): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}
/** Every day of PERIOD, oldest first. */
export const DATES = periodDates();

export function promiseBody(commitmentCount: number) {
  return {
    title: `Benchmark ${commitmentCount} åtaganden 2024–2025`,
    area: "Benchområdet",
    startDate: PERIOD.start,
    endDate: PERIOD.end,
    status: "published",
    commitments: Array.from({ length: commitmentCount }, (_, i) => ({
      title: `Åtagande ${i + 1}`,
      activityType: "outreach",
      target: 1_000 * (i + 1),
      cadence: CADENCES[i % CADENCES.length] ?? "year",
      organisations: ["Polisen"],
    })),
  };
}

export type PrepareOptions = {
  /** Also load the bundled promises and their demo activities (as a demo installation has them). */
  demo?: boolean;
  /** The bench admin's password, for signing in through the web app. */
  password?: string;
};

export type PreparedDatabase = {
  store: Store;
  promiseId: number;
  commitmentIds: number[];
  /** Bearer token of the bench admin. */
  token: string;
  email: string;
};

/** A fresh database with the reference data, an admin with a token, and one published promise; returns its ids. */
export async function prepareDatabase(
  file: string,
  commitmentCount: number,
  { demo = false, password = "benchmark only" }: PrepareOptions = {},
): Promise<PreparedDatabase> {
  const store = openStore(file);
  await loadData({ store, dataDir: DATA_DIR, demo, now: new Date() });
  const token = await store.transaction(systemContext("cli"), async (db) => {
    const admin = await createUser({
      db,
      input: { email: BENCH_EMAIL, name: "Bench", role: "admin", organisations: [], passwordHash: hashPasswordSync(password) },
    });
    return (await createApiToken({ db, userId: admin.id, name: "bench", now: new Date() })).token;
  });
  const app = createApp({ store });
  const res = await app.request("/api/promises", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(promiseBody(commitmentCount)),
  });
  const created = (await res.json()) as { id?: unknown; commitments?: { id?: unknown }[] };
  const commitmentIds = (created.commitments ?? []).map((c) => Number(c.id));
  if (res.status !== 201 || typeof created.id !== "number" || commitmentIds.length !== commitmentCount) {
    throw new Error(`POST /api/promises failed: ${res.status} ${JSON.stringify(created)}`);
  }
  return { store, promiseId: created.id, commitmentIds, token, email: BENCH_EMAIL };
}

/**
 * Appends `rows` activities straight into SQLite (one prepared INSERT, the rollup trigger runs
 * for every row), spread evenly over PERIOD in date order, each on a random commitment.
 */
export function bulkLoad(store: Store, commitmentIds: readonly number[], rows: number, random: () => number) {
  const organisation = store.sqlite.prepare("SELECT id FROM organisations WHERE name = 'Polisen'").get() as
    | { id: number }
    | undefined;
  const insert = store.sqlite.prepare(
    `INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, organisation_id, logged_by, is_demo)
     VALUES (?, ?, ?, ?, ?, 'bench', 0)`,
  );
  let quantity = 0;
  // Rows arrive in date order, as logged activities do; each row picks a commitment at random.
  const loadRangeInTransaction = store.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const date = DATES[Math.floor((i * DATES.length) / rows)] ?? PERIOD.start;
      const q = 1 + Math.floor(random() * 3);
      quantity += q;
      insert.run(commitmentIds[Math.floor(random() * commitmentIds.length)], date, date, q, organisation?.id ?? null);
    }
  });
  // Bulk rows are attributed to the seed in the audit trail, as the demo data is.
  const loadRange = (from: number, to: number) => store.audit.run(systemContext("seed"), () => loadRangeInTransaction(from, to));
  const started = performance.now();
  for (let from = 0; from < rows; from += LOAD_TX_ROWS) loadRange(from, Math.min(rows, from + LOAD_TX_ROWS));
  return { ms: performance.now() - started, quantity };
}
