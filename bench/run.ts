/**
 * Löfteskollen API benchmark (`pnpm bench` from the repository root). A benchmark, not a test:
 * it measures and reports, and fails only when the harness itself goes wrong.
 *
 * 1. Progress latency at 200 000, 1 000 000 and 2 000 000 activities (10 commitments, 2 years).
 * 2. Single-activity POST /api/activities at 20 connections, beside a bare Hono + SQLite insert.
 * 3. Batch import (POST /api/activities/batch) with batches of 1 000 and 5 000 rows.
 *
 * Servers run in child processes (support/server-child.ts), the load generator in this process,
 * so client and server do not share one event loop. All traffic goes to 127.0.0.1; databases
 * live in a temporary folder that is removed at the end.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { openStore } from "../apps/api/src/db/client";
import { getPromiseProgress } from "../apps/api/src/services/progress";
import { bulkLoad, CADENCES, DATES, LOAD_TX_ROWS, PERIOD, prepareDatabase, prng } from "./support/database";
import { closeConnections, request as httpRequest } from "./support/http";
import { machineFacts } from "./support/machine";
import { guardRun } from "./support/run-guard";
import { HOST, startServer as startServerProcess } from "./support/servers";
import { int, ms, seconds, summarize, yesNo } from "./support/stats";

const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));

const AS_OF = "2025-12-31";
const PROGRESS_SIZES = [200_000, 1_000_000, 2_000_000] as const;
const PROGRESS_WARMUP = 50;
const PROGRESS_REQUESTS = 300;
const PROGRESS_CANNON_SECONDS = 5;
const POST_CONNECTIONS = 20;
const POST_SECONDS = 10;
const POST_ROUNDS = 2;
const BATCH_PLAN = [
  { size: 1_000, batches: 100 },
  { size: 5_000, batches: 20 },
] as const;
const WATCHDOG_MS = 20 * 60 * 1000;
/** BENCH_ONLY=progress,post,batch runs only those parts (default: all). */
const ONLY = new Set((process.env.BENCH_ONLY ?? "progress,post,batch").split(",").map((part) => part.trim()));
/** BENCH_CPU_PROF=DIR writes a V8 CPU profile of every server child into DIR (open in Chrome DevTools). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const startServer = (role: "app" | "bare", file: string) => startServerProcess(role, file, { cpuProfDir: CPU_PROF_DIR });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request to the server under test, carrying the bench admin's token. */
const request = (port: number, method: string, path: string, body?: string) => httpRequest(port, method, path, body, auth());

/** The bearer token of the benchmark's admin user in the current database (every request carries it, as a script's would). */
let benchToken = "";
const auth = () => ({ authorization: `Bearer ${benchToken}` });

/** A fresh benchmark database (support/database.ts); later requests carry its admin's token. */
async function prepare(file: string, commitmentCount: number) {
  const prepared = await prepareDatabase(file, commitmentCount);
  benchToken = prepared.token;
  return prepared;
}

// ---------------------------------------------------------------------------------------------
// 1. Progress latency
// ---------------------------------------------------------------------------------------------

type ProgressRow = {
  activities: number;
  loadRows: number;
  loadMs: number;
  dailyTotals: number;
  http: ReturnType<typeof summarize>;
  cannonRps: number;
  cannonP99: number;
  service: ReturnType<typeof summarize>;
  rollupSqlP50: number;
  groupByMs: number;
  checked: boolean;
};

async function timeIt(times: number, work: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function benchProgress(dir: string, log: (line: string) => void): Promise<ProgressRow[]> {
  const file = join(dir, "progress.db");
  const prepared = await prepare(file, 10);
  prepared.store.close();
  const { promiseId, commitmentIds } = prepared;
  const random = prng(20240101);
  const results: ProgressRow[] = [];
  let loaded = 0;
  let loadedQuantity = 0;

  for (const size of PROGRESS_SIZES) {
    // Load the difference straight into SQLite; the rollup triggers run for every row.
    const store = openStore(file);
    const rows = size - loaded;
    const load = bulkLoad(store, commitmentIds, rows, random);
    loaded = size;
    loadedQuantity += load.quantity;
    log(`  loaded ${int(rows)} rows in ${seconds(load.ms)} (${int(rows / (load.ms / 1000))} rows/s), now ${int(size)}`);

    // The pieces, in process: the whole service, the rollup read alone, and the GROUP BY it replaces.
    const ids = commitmentIds.join(",");
    const rollup = store.sqlite.prepare(
      `SELECT commitment_id, local_date, quantity FROM commitment_daily_totals
       WHERE commitment_id IN (${ids}) AND local_date >= ? AND local_date <= ?`,
    );
    const groupBy = store.sqlite.prepare(
      `SELECT commitment_id, local_date, sum(quantity) FROM activities
       WHERE commitment_id IN (${ids}) AND voided_at IS NULL AND local_date >= ? AND local_date <= ?
       GROUP BY commitment_id, local_date`,
    );
    const dailyTotals = (store.sqlite.prepare("SELECT count(*) AS n FROM commitment_daily_totals").get() as { n: number }).n;
    await timeIt(20, () => getPromiseProgress({ db: store.db, promiseId, asOf: AS_OF }));
    const service = await timeIt(100, () => getPromiseProgress({ db: store.db, promiseId, asOf: AS_OF }));
    await timeIt(5, () => rollup.all(PERIOD.start, AS_OF));
    const rollupSql = await timeIt(50, () => rollup.all(PERIOD.start, AS_OF));
    const groupByTime = await timeIt(3, () => groupBy.all(PERIOD.start, AS_OF));
    store.close();

    // The real app on that file, in its own process.
    const server = await startServer("app", file);
    const path = `/api/promises/${promiseId}/progress?asOf=${AS_OF}`;
    const first = await request(server.port, "GET", path);
    const progress = JSON.parse(first.body) as { commitments?: { total?: { actual?: number } }[] };
    const reported = (progress.commitments ?? []).reduce((sum, c) => sum + (c.total?.actual ?? 0), 0);
    const checked = first.status === 200 && reported === loadedQuantity;
    if (!checked) log(`  ! progress reports ${reported}, loaded ${loadedQuantity} (status ${first.status})`);
    for (let i = 0; i < PROGRESS_WARMUP; i++) await request(server.port, "GET", path);
    const samples: number[] = [];
    for (let i = 0; i < PROGRESS_REQUESTS; i++) {
      const started = performance.now();
      const res = await request(server.port, "GET", path);
      samples.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`progress returned ${res.status}`);
    }
    const cannon = await autocannon({
      url: `http://${HOST}:${server.port}${path}`,
      connections: 10,
      duration: PROGRESS_CANNON_SECONDS,
      headers: auth(),
    });
    await server.stop();
    const httpStats = summarize(samples);
    log(
      `  ${int(size)}: HTTP p50 ${ms(httpStats.p50)} ms, p99 ${ms(httpStats.p99)} ms; service p50 ${ms(service.p50)} ms; GROUP BY ${ms(groupByTime.p50)} ms`,
    );
    results.push({
      activities: size,
      loadRows: rows,
      loadMs: load.ms,
      dailyTotals,
      http: httpStats,
      cannonRps: cannon["2xx"] / cannon.duration,
      cannonP99: cannon.latency.p99,
      service,
      rollupSqlP50: rollupSql.p50,
      groupByMs: groupByTime.p50,
      checked: checked && cannon.non2xx === 0 && cannon.errors === 0,
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// 2. Single-activity POST throughput, real app beside a bare Hono + SQLite insert
// ---------------------------------------------------------------------------------------------

type PostRow = {
  round: number;
  endpoint: "real" | "bare";
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  stored: number;
  lossless: boolean;
};

async function cannonPosts(port: number, path: string, commitmentId: number, options: { duration?: number; amount?: number }) {
  let n = 0;
  const body = () => {
    n += 1;
    return JSON.stringify({
      commitmentId,
      occurredAt: DATES[n % DATES.length],
      quantity: 1 + (n % 5),
      note: `bench ${n}`,
    });
  };
  const started = performance.now();
  const result = await autocannon({
    url: `http://${HOST}:${port}`,
    connections: POST_CONNECTIONS,
    ...options,
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json", ...auth() },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
  return { result, elapsed: (performance.now() - started) / 1000 };
}

async function benchPostOne(
  dir: string,
  round: number,
  endpoint: "real" | "bare",
  log: (line: string) => void,
): Promise<PostRow> {
  const file = join(dir, `post-${endpoint}-${round}.db`);
  let commitmentId = 1;
  if (endpoint === "real") {
    const prepared = await prepare(file, 1);
    prepared.store.close();
    commitmentId = prepared.commitmentIds[0] ?? 1;
  }
  const server = await startServer(endpoint === "real" ? "app" : "bare", file);
  const path = endpoint === "real" ? "/api/activities" : "/insert";
  // Warm up for 3 s, let in-flight requests finish, then run a fixed number of requests (about
  // POST_SECONDS at the warm-up rate) so that every response is counted and can be checked.
  const warm = await cannonPosts(server.port, path, commitmentId, { duration: 3 });
  await sleep(500);
  const before = await server.count();
  const warmRate = warm.result["2xx"] / warm.elapsed;
  const amount = Math.max(5_000, Math.min(400_000, Math.round(warmRate * POST_SECONDS)));
  const { result, elapsed } = await cannonPosts(server.port, path, commitmentId, { amount });
  await sleep(500);
  const after = await server.count();
  await server.stop();
  const stored = after - before;
  const row: PostRow = {
    round,
    endpoint,
    rps: result["2xx"] / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx + warm.result.non2xx,
    errors: result.errors + warm.result.errors,
    stored,
    lossless: stored === result["2xx"] && result.non2xx === 0 && warm.result.non2xx === 0,
  };
  log(
    `  round ${round} ${endpoint}: ${int(row.rps)} req/s (${int(row.ok)} × 2xx in ${elapsed.toFixed(1)} s, non-2xx ${row.non2xx}, errors ${row.errors}, rows stored ${int(stored)})`,
  );
  return row;
}

async function benchPost(dir: string, log: (line: string) => void): Promise<PostRow[]> {
  const rows: PostRow[] = [];
  for (let round = 1; round <= POST_ROUNDS; round++) {
    // Alternate the order so neither endpoint always runs on a warmer (or more tired) machine.
    const order: ("real" | "bare")[] = round % 2 === 1 ? ["bare", "real"] : ["real", "bare"];
    for (const endpoint of order) rows.push(await benchPostOne(dir, round, endpoint, log));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. Batch import
// ---------------------------------------------------------------------------------------------

type BatchRow = { size: number; batches: number; rows: number; totalMs: number; p50: number; p95: number; ok: boolean };

function batchBody(commitmentIds: readonly number[], size: number, offset: number): string {
  const activities = Array.from({ length: size }, (_, i) => {
    const n = offset + i;
    return {
      commitmentId: commitmentIds[n % commitmentIds.length],
      occurredAt: DATES[Math.floor(n / commitmentIds.length) % DATES.length],
      quantity: 1 + (n % 3),
      place: "Torget",
    };
  });
  return JSON.stringify({ activities });
}

async function benchBatch(dir: string, log: (line: string) => void): Promise<BatchRow[]> {
  const file = join(dir, "batch.db");
  const prepared = await prepare(file, 10);
  prepared.store.close();
  const { commitmentIds } = prepared;
  const server = await startServer("app", file);
  const path = "/api/activities/batch";
  let offset = 0;
  let expected = 0;
  for (let i = 0; i < 3; i++) {
    const res = await request(server.port, "POST", path, batchBody(commitmentIds, 1_000, offset));
    if (res.status !== 201) throw new Error(`warm-up batch returned ${res.status}: ${res.body.slice(0, 300)}`);
    offset += 1_000;
    expected += 1_000;
  }
  const results: BatchRow[] = [];
  for (const { size, batches } of BATCH_PLAN) {
    // Bodies are built before the clock starts: the client's JSON work is not the server's.
    const bodies = Array.from({ length: batches }, (_, b) => batchBody(commitmentIds, size, offset + b * size));
    offset += batches * size;
    const samples: number[] = [];
    let ok = true;
    const started = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      const res = await request(server.port, "POST", path, body);
      samples.push(performance.now() - t);
      if (res.status !== 201) {
        ok = false;
        log(`  ! batch returned ${res.status}: ${res.body.slice(0, 300)}`);
      } else expected += size;
    }
    const totalMs = performance.now() - started;
    const stats = summarize(samples);
    results.push({ size, batches, rows: size * batches, totalMs, p50: stats.p50, p95: stats.p95, ok });
    log(`  batches of ${int(size)}: ${int((size * batches) / (totalMs / 1000))} rows/s (p50 ${ms(stats.p50)} ms per batch)`);
  }
  const stored = await server.count();
  await server.stop();
  if (stored !== expected) {
    log(`  ! ${stored} rows stored, ${expected} expected`);
    for (const row of results) row.ok = false;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------


function report(
  facts: string[],
  progress: ProgressRow[],
  posts: PostRow[],
  batches: BatchRow[],
  totalMs: number,
): string {
  const lines: string[] = [];
  lines.push("## Machine", "", ...facts, `- Whole run: ${seconds(totalMs)}`, "");

  const targets: string[] = [];

  if (progress.length > 0) {
    lines.push(
      `## 1. Progress: \`GET /api/promises/:id/progress?asOf=${AS_OF}\``,
      "",
      `10 commitments (cadences ${CADENCES.join(", ")}), period ${PERIOD.start} – ${PERIOD.end}, activities spread evenly over its ${DATES.length} days. ` +
        `Loaded with one prepared INSERT through \`store.sqlite\` in transactions of ${int(LOAD_TX_ROWS)} rows (the rollup trigger runs for every row). ` +
        `HTTP: ${PROGRESS_REQUESTS} sequential requests after ${PROGRESS_WARMUP} warm-up ones, one keep-alive connection; ` +
        `autocannon: 10 connections, ${PROGRESS_CANNON_SECONDS} s. In-process: \`getPromiseProgress\` called directly (no HTTP), ` +
        "the rollup SELECT alone, and the GROUP BY over all activities that the rollup replaces.",
      "",
      "| activities | load rows/s (triggers on) | daily totals | HTTP p50 ms | HTTP p95 ms | HTTP p99 ms | autocannon req/s (c=10) | autocannon p99 ms | service p50 ms (in-process) | rollup SELECT p50 ms | GROUP BY activities ms | totals correct |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    );
    for (const r of progress) {
      lines.push(
        `| ${int(r.activities)} | ${int(r.loadRows / (r.loadMs / 1000))} (${int(r.loadRows)} rows in ${seconds(r.loadMs)}) | ${int(r.dailyTotals)} | ${ms(r.http.p50)} | ${ms(r.http.p95)} | ${ms(r.http.p99)} | ${int(r.cannonRps)} | ${ms(r.cannonP99)} | ${ms(r.service.p50)} | ${ms(r.rollupSqlP50)} | ${ms(r.groupByMs)} | ${r.checked ? "yes" : "NO"} |`,
      );
    }
    lines.push("");
    const at = (n: number) => progress.find((r) => r.activities === n)?.http.p50 ?? Number.NaN;
    const p200k = at(200_000);
    const p1m = at(1_000_000);
    const p2m = at(2_000_000);
    // "No slower": within 20 % (or 1 ms) of the 200k figure, to allow for run-to-run noise.
    const flat = p2m <= Math.max(p200k * 1.2, p200k + 1);
    targets.push(
      `| progress p50 ≤ 10 ms at 1 000 000 activities | ${ms(p1m)} ms | ${yesNo(p1m <= 10)} |`,
      `| progress at 2 000 000 no slower than at 200 000 (p50, within 20 % or 1 ms) | ${ms(p2m)} ms vs ${ms(p200k)} ms | ${yesNo(flat)} |`,
      `| progress totals equal the loaded quantities | ${progress.every((r) => r.checked) ? "yes" : "NO"} | ${yesNo(progress.every((r) => r.checked))} |`,
    );
  }

  if (posts.length > 0) {
    lines.push(
      `## 2. Single activity: \`POST /api/activities\`, ${POST_CONNECTIONS} connections`,
      "",
      `Each run: a fresh database, 3 s warm-up, then a fixed number of requests (about ${POST_SECONDS} s at the warm-up rate), so every response can be counted. ` +
        "`bare Hono` = Hono in the same kind of child process, `INSERT` of one row (WAL, synchronous=FULL, autocommit), no validation. " +
        "`rows stored` = rows in the database after the run minus before it; `lossless` = rows stored equals 2xx and non-2xx = 0 (warm-up included). " +
        "Rounds alternate which endpoint runs first.",
      "",
      "| round | endpoint | req/s | latency p50 ms | latency p99 ms | 2xx | non-2xx | errors | rows stored | lossless |",
      "|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|",
    );
    for (const r of posts) {
      lines.push(
        `| ${r.round} | ${r.endpoint === "real" ? "real app" : "bare Hono"} | ${int(r.rps)} | ${r.p50} | ${r.p99} | ${int(r.ok)} | ${r.non2xx} | ${r.errors} | ${int(r.stored)} | ${r.lossless ? "yes" : "NO"} |`,
      );
    }
    const mean = (endpoint: "real" | "bare") => {
      const rows = posts.filter((r) => r.endpoint === endpoint);
      return rows.reduce((sum, r) => sum + r.rps, 0) / Math.max(1, rows.length);
    };
    const ratio = mean("real") / mean("bare");
    const lossless = posts.every((r) => r.lossless && r.errors === 0);
    lines.push("", `Mean over rounds: real app ${int(mean("real"))} req/s, bare ${int(mean("bare"))} req/s, **ratio ${ratio.toFixed(2)}×**.`, "");
    targets.push(
      `| single POST ≥ 0.7 × bare Hono insert (aim 1×) | ${ratio.toFixed(2)}× (${int(mean("real"))} vs ${int(mean("bare"))} req/s) | ${yesNo(ratio >= 0.7)} |`,
      `| no write lost: rows stored = 2xx, non-2xx = 0 | ${lossless ? "yes, every run" : "NO"} | ${yesNo(lossless)} |`,
    );
  }

  if (batches.length > 0) {
    lines.push(
      "## 3. Batch import: `POST /api/activities/batch`",
      "",
      "One client, batches sent one after another (bodies built before timing, 3 warm-up batches first), 10 commitments, rows spread over the period.",
      "",
      "| batch size | batches | rows | rows/s | p50 ms per batch | p95 ms per batch | all 201, all stored |",
      "|---:|---:|---:|---:|---:|---:|:---:|",
    );
    for (const r of batches) {
      lines.push(
        `| ${int(r.size)} | ${r.batches} | ${int(r.rows)} | ${int(r.rows / (r.totalMs / 1000))} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.ok ? "yes" : "NO"} |`,
      );
    }
    lines.push("");
    const worst = Math.min(...batches.map((r) => r.rows / (r.totalMs / 1000)));
    targets.push(`| batch import ≥ 50 000 rows/s (slower of the two batch sizes) | ${int(worst)} rows/s | ${yesNo(worst >= 50_000 && batches.every((r) => r.ok))} |`);
  }

  lines.push("## Targets", "", "| target | measured | |", "|---|---|:---:|", ...targets, "");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = performance.now();
  const log = (line: string) => console.error(line);
  const guard = guardRun({ prefix: "lofteskollen-bench-", watchdogMs: WATCHDOG_MS, log });
  const { dir } = guard;

  try {
    const facts = machineFacts(dir);
    log(`Temporary databases in ${dir}; load average ${os.loadavg()[0]?.toFixed(2) ?? "?"}`);
    log("1. Progress latency");
    const progress = ONLY.has("progress") ? await benchProgress(dir, log) : [];
    log("2. Single POST /api/activities vs bare Hono insert");
    const posts = ONLY.has("post") ? await benchPost(dir, log) : [];
    log("3. Batch import");
    const batches = ONLY.has("batch") ? await benchBatch(dir, log) : [];
    const markdown = `# Löfteskollen API benchmark\n\n${report(facts, progress, posts, batches, performance.now() - startedAt)}`;
    console.log(markdown);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "latest.md"), markdown);
    log(`Written to ${join(RESULTS_DIR, "latest.md")}`);
  } finally {
    closeConnections();
    guard.cleanup();
    guard.done();
  }
}

await main();
