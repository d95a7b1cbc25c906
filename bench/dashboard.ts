/**
 * Löfteskollen dashboard benchmark (`pnpm bench:dashboard` from the repository root). A
 * benchmark, not a test: it measures and reports a met/missed verdict per target, and fails
 * only when the harness itself goes wrong.
 *
 * 1. The overview's JavaScript: every script the browser loads for `/` until the cards show,
 *    raw and gzipped, and whether any of it is chart code (Recharts must load lazily).
 * 2. Time to charts on the promise page of a promise with 1 000 000 activities: cold loads in
 *    headless Chromium, from navigation start until every commitment's trend chart has drawn.
 * 3. The same for that promise's commitment page (burn-up and bar charts), for information.
 *
 * The server is the real app serving the production build of the web app, in a child process
 * (support/server-child.ts) so that it does not share an event loop with the browser driver.
 * Everything runs on 127.0.0.1, in a temporary folder that is removed at the end.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page, type Response } from "@playwright/test";
import type { SqliteStore as Store } from "../apps/api/src/db/client";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/support/chromium";
import { bulkLoad, CADENCES, PERIOD, prepareDatabase, promiseBody, prng } from "./support/database";
import { machineFacts } from "./support/machine";
import { guardRun } from "./support/run-guard";
import { HOST, startServer } from "./support/servers";
import { int, ms, percentile, seconds, yesNo } from "./support/stats";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));
const REPORT_FILE = join(RESULTS_DIR, "dashboard-latest.md");
const CHART_WATCH = fileURLToPath(new URL("./support/chart-watch.js", import.meta.url));

const ACTIVITIES = 1_000_000;
const COMMITMENTS = 10;
/** Cold loads per page (BENCH_RUNS to change); one more before them warms the server and is reported apart. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 10) || 10);
const JS_BUDGET_BYTES = 250_000;
const CHARTS_BUDGET_MS = 1_500;
/** How long one load may take to draw its charts before the run counts as failed (and is photographed). */
const CHART_TIMEOUT_MS = 20_000;
const WATCHDOG_MS = 10 * 60 * 1000;
/** BENCH_SKIP_BUILD=1 measures the existing apps/web/dist instead of building into the temporary folder. */
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === "1";

/** The app's Swedish words, read from its own strings so that a reworded label does not break the benchmark. */
const SV = JSON.parse(readFileSync(join(REPO, "apps/web/src/i18n/sv.json"), "utf8")) as {
  signIn: { email: string; password: string; submit: string };
  overview: { cardsLabel: string };
};
/** The overview's list of promise cards. */
const CARDS_LABEL = SV.overview.cardsLabel;
/** A chunk whose file name says "chart", as Vite names the lazy chart chunks after their modules. */
const CHART_FILE_NAME = /chart|recharts/i;

/** Playwright's "Desktop Chrome" viewport, and the locale and time zone of the browser tests. */
const CONTEXT: BrowserContextOptions = {
  viewport: { width: 1280, height: 720 },
  deviceScaleFactor: 1,
  locale: "sv-SE",
  timezoneId: "Europe/Stockholm",
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** What support/chart-watch.js leaves on `window`: per chart kind, when the n-th chart first drew; the long tasks. */
type ChartWindow = { __benchCharts?: Record<string, number[]>; __benchLongTasks?: [number, number][] };

const log = (line: string) => console.error(line);
const sleep = (duration: number) => new Promise((resolve) => setTimeout(resolve, duration));
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Preparation: the production build, the database, the server, a signed-in session
// ---------------------------------------------------------------------------------------------

/**
 * `vite build` in production mode into `outDir`: a folder of this run, so that a test server
 * reading apps/web/dist at the same time never sees it half-written.
 */
function buildWeb(outDir: string): number {
  // Under pnpm, npm_execpath is pnpm's own entry point: use that very pnpm (as e2e/start-server.mjs does).
  const execPath = process.env.npm_execpath ?? "";
  const [command, prefix]: [string, string[]] = /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ["pnpm", []];
  const started = performance.now();
  const result = spawnSync(command, [...prefix, "--filter", "@lofteskollen/web", "run", "build", "--outDir", outDir, "--emptyOutDir"], {
    cwd: REPO,
    // The build's own output goes to stderr with the other progress lines; stdout is the report.
    stdio: ["ignore", 2, 2],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`web build failed (exit ${String(result.status)})`);
  return performance.now() - started;
}

function gitFacts(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
    const changed = git("status", "--porcelain", "--", "apps", "packages").split("\n").filter(Boolean).length;
    return `commit ${git("rev-parse", "--short", "HEAD")}${changed ? ` plus uncommitted changes in ${changed} files under apps/ and packages/` : ""}`;
  } catch {
    return "unknown (no git)";
  }
}

function databaseFacts(store: Store, promiseId: number) {
  const count = (sql: string, ...params: number[]) => (store.sqlite.prepare(sql).get(...params) as { n: number }).n;
  return {
    promises: count("SELECT count(*) AS n FROM promises"),
    activities: count("SELECT count(*) AS n FROM activities"),
    benchActivities: count(
      "SELECT count(*) AS n FROM activities a JOIN commitments c ON c.id = a.commitment_id WHERE c.promise_id = ?",
      promiseId,
    ),
    dailyTotals: count(
      "SELECT count(*) AS n FROM commitment_daily_totals t JOIN commitments c ON c.id = t.commitment_id WHERE c.promise_id = ?",
      promiseId,
    ),
  };
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch((error: unknown) => log(`  ! screenshot failed: ${String(error)}`));
  return path;
}

/** Signs in through the sign-in page, as a person does, and returns the session (its cookie) for fresh contexts. */
async function signIn(browser: Browser, origin: string, email: string, password: string): Promise<StorageState> {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/logga-in`);
    await page.getByLabel(SV.signIn.email, { exact: true }).fill(email);
    await page.getByLabel(SV.signIn.password, { exact: true }).fill(password);
    await page.getByRole("button", { name: SV.signIn.submit }).click();
    await page.getByRole("list", { name: CARDS_LABEL }).waitFor({ timeout: CHART_TIMEOUT_MS });
    const state = await context.storageState();
    if (!state.cookies.some((cookie) => cookie.name.endsWith("lk_session"))) throw new Error("signed in, but no lk_session cookie");
    return state;
  } catch (error) {
    throw new Error(`sign-in failed (screenshot: ${await screenshot(page, "dashboard-sign-in")}): ${String(error)}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. The overview's JavaScript
// ---------------------------------------------------------------------------------------------

type AssetFile = {
  name: string;
  kind: "js" | "css";
  raw: number;
  gzip: number;
  /** Content-Encoding as served (null: sent uncompressed, so gzip -9 is what a compressing proxy would send). */
  encoding: string | null;
  /** The file holds Recharts code (its CSS class names, e.g. "recharts-surface"). */
  recharts: boolean;
  chartName: boolean;
};

type OverviewResult = { files: AssetFile[]; cards: number; cardsAtMs: number };

async function readAsset(response: Response): Promise<AssetFile | null> {
  const type = response.request().resourceType();
  const contentType = response.headers()["content-type"] ?? "";
  const kind = type === "script" || contentType.includes("javascript") ? "js" : type === "stylesheet" ? "css" : null;
  if (!kind || !response.ok()) return null;
  const body = await response.body();
  const name = new URL(response.url()).pathname.split("/").at(-1) ?? response.url();
  return {
    name,
    kind,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    encoding: response.headers()["content-encoding"] ?? null,
    recharts: kind === "js" && body.includes("recharts-"),
    chartName: CHART_FILE_NAME.test(name),
  };
}

async function measureOverview(browser: Browser, origin: string, storageState: StorageState): Promise<OverviewResult> {
  // A fresh context: an empty HTTP cache, so every file the overview needs is fetched.
  const context = await browser.newContext({ ...CONTEXT, storageState });
  const page = await context.newPage();
  const reading: Promise<AssetFile | null>[] = [];
  page.on("response", (response) =>
    reading.push(
      readAsset(response).catch((error: unknown) => {
        log(`  ! could not read ${response.url()}: ${String(error)}`);
        return null;
      }),
    ),
  );
  try {
    await page.goto(`${origin}/`, { waitUntil: "commit" });
    const cardsAt = await page.waitForFunction(
      (label) => (document.querySelector(`[aria-label="${label}"] li`) ? window.performance.now() : false),
      CARDS_LABEL,
      { timeout: CHART_TIMEOUT_MS, polling: "raf" },
    );
    const cardsAtMs = Number(await cardsAt.jsonValue());
    // Anything the overview fetches after its cards show (a prefetch, a lazy chunk) counts too.
    await page.waitForLoadState("networkidle");
    const cards = await page.locator(`[aria-label="${CARDS_LABEL}"] > li`).count();
    const files = (await Promise.all(reading)).filter((file): file is AssetFile => file !== null);
    return { files, cards, cardsAtMs };
  } catch (error) {
    throw new Error(`overview did not show its cards (screenshot: ${await screenshot(page, "dashboard-overview")}): ${String(error)}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2, 3. Time to charts
// ---------------------------------------------------------------------------------------------

/** A page to load and the charts it must draw: at least `count` charts of `key` (data-chart). */
type ChartPage = { name: string; slug: string; path: string; expect: { key: string; count: number }[] };

type Timing = { path: string; start: number; end: number; size: number };

type PageRun = {
  run: number;
  /** From navigation start until every expected chart had drawn its SVG; NaN if it never did. */
  drawnMs: number;
  /** Until those charts had drawn data marks too (bars, lines); null if some never did. */
  marksMs: number | null;
  documentMs: number;
  jsDoneMs: number;
  api: Timing[];
  /** Main-thread tasks over 50 ms that started before the charts were drawn: [start, duration]. */
  longTasks: [number, number][];
  /** Charts drawn per kind when the run ended, and the commitment cards on the page. */
  seen: Record<string, number>;
  cards: number;
  heading: string;
  problem: string | null;
};

/** The in-page wait: resolves with the latest of the first-drawn times of the expected charts. */
function chartsDrawn(page: Page, expect: ChartPage["expect"], suffix: string, timeout: number): Promise<number> {
  return page
    .waitForFunction(
      ({ goals, suffix }) => {
        const seen = (window as unknown as ChartWindow).__benchCharts;
        if (!seen) return false;
        let latest = 0;
        for (const goal of goals) {
          const at = seen[goal.key + suffix]?.[goal.count - 1];
          if (at === undefined) return false;
          latest = Math.max(latest, at);
        }
        return latest;
      },
      { goals: expect, suffix },
      // The times are recorded by the page itself every frame: polling only decides when we look.
      { timeout, polling: 100 },
    )
    .then(async (handle) => Number(await handle.jsonValue()));
}

async function measurePage(browser: Browser, origin: string, storageState: StorageState, target: ChartPage, run: number): Promise<PageRun> {
  // A new context per load: no HTTP cache and no query cache, as a person opening a shared link.
  const context = await browser.newContext({ ...CONTEXT, storageState });
  await context.addInitScript({ path: CHART_WATCH });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}${target.path}`, { waitUntil: "commit" });
    let drawnMs = Number.NaN;
    let marksMs: number | null = null;
    let problem: string | null = null;
    try {
      drawnMs = await chartsDrawn(page, target.expect, "", CHART_TIMEOUT_MS);
      marksMs = await chartsDrawn(page, target.expect, ":marks", 3_000).catch(() => null);
    } catch (error) {
      const path = await screenshot(page, `dashboard-${target.slug}-run-${run}`);
      problem = `charts not drawn within ${CHART_TIMEOUT_MS / 1000} s (${String(error).split("\n")[0]}); screenshot ${path}`;
    }
    const details = await page.evaluate(() => {
      const navigation = window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const resources = window.performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      return {
        documentMs: navigation?.responseEnd ?? Number.NaN,
        resources: resources.map((entry) => ({ name: entry.name, start: entry.startTime, end: entry.responseEnd, size: entry.encodedBodySize })),
        charts: (window as unknown as ChartWindow).__benchCharts ?? {},
        longTasks: (window as unknown as ChartWindow).__benchLongTasks ?? [],
        cards: document.querySelectorAll("li.commitment").length,
        heading: document.querySelector("#promise-heading, #commitment-heading")?.textContent ?? "",
      };
    });
    const timings = details.resources.map((entry) => ({ ...entry, path: new URL(entry.name).pathname }));
    const seen = Object.fromEntries(Object.entries(details.charts).map(([key, times]) => [key, times.length]));
    return {
      run,
      drawnMs,
      marksMs,
      documentMs: details.documentMs,
      jsDoneMs: Math.max(0, ...timings.filter((entry) => entry.path.endsWith(".js")).map((entry) => entry.end)),
      api: timings.filter((entry) => entry.path.startsWith("/api/")).map(({ path, start, end, size }) => ({ path, start, end, size })),
      longTasks: details.longTasks.filter(([start]) => Number.isNaN(drawnMs) || start < drawnMs),
      seen,
      cards: details.cards,
      heading: details.heading,
      problem,
    };
  } finally {
    await context.close();
  }
}

async function measureCharts(browser: Browser, origin: string, storageState: StorageState, target: ChartPage) {
  log(`${target.name}: ${target.path}`);
  const warmup = await measurePage(browser, origin, storageState, target, 0);
  const drawnText = (result: PageRun) => (result.problem === null ? `${ms(result.drawnMs)} ms` : `not drawn — ${result.problem}`);
  log(`  first load after server start (not counted): ${drawnText(warmup)}`);
  const runs: PageRun[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await measurePage(browser, origin, storageState, target, run);
    runs.push(result);
    log(`  run ${run}: charts ${drawnText(result)}`);
    // A short pause: the previous context's teardown should not land in the next load.
    await sleep(250);
  }
  return { target, warmup, runs };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

type ChartsResult = Awaited<ReturnType<typeof measureCharts>>;

const apiName = (path: string) => path.replace(/\/\d+(?=\/|$)/g, "/:id");

function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
}

function timingCell(timings: readonly Timing[], suffix: string): string {
  const entry = timings.find((timing) => timing.path.endsWith(suffix));
  return entry ? `${int(entry.start)} → ${int(entry.end)}` : "–";
}

function longTaskCell(tasks: readonly [number, number][]): string {
  if (tasks.length === 0) return "0";
  const durations = tasks.map(([, duration]) => duration);
  return `${int(durations.reduce((sum, duration) => sum + duration, 0))} (${tasks.length}, ${int(Math.max(...durations))})`;
}

function chartsSection(result: ChartsResult, heading: string, intro: string): string[] {
  const { target, warmup, runs } = result;
  const drawn = runs.filter((run) => run.problem === null).map((run) => run.drawnMs);
  const summary = stats(drawn);
  const lines = [
    heading,
    "",
    intro,
    "",
    "| run | charts drawn ms | … with data marks ms | HTML received ms | all JS received ms | `/progress` ms (start → end) | `/daily-totals` ms (start → end) | long tasks before the charts: total ms (count, longest) | charts seen | note |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const run of [warmup, ...runs]) {
    const seen = Object.entries(run.seen)
      .filter(([key]) => !key.endsWith(":marks"))
      .map(([key, count]) => `${key} ${count}`)
      .join(", ");
    lines.push(
      `| ${run.run === 0 ? "first (not counted)" : run.run} | ${Number.isNaN(run.drawnMs) ? "**not drawn**" : int(run.drawnMs)} | ${run.marksMs === null ? "–" : int(run.marksMs)} | ${int(run.documentMs)} | ${int(run.jsDoneMs)} | ${timingCell(run.api, "/progress")} | ${timingCell(run.api, "/daily-totals")} | ${longTaskCell(run.longTasks)} | ${seen || "none"} | ${run.problem ?? ""} |`,
    );
  }
  lines.push(
    "",
    drawn.length === 0
      ? `**${target.name}: no load drew its charts.**`
      : `**${target.name}, ${runs.length} cold loads: p50 ${int(summary.p50)} ms, p95 ${int(summary.p95)} ms, max ${int(summary.max)} ms** (charts drawn in ${drawn.length} of ${runs.length} loads, p50/p95/max over those; with 10 loads the p95 is the slowest one).`,
    "",
  );

  // Every API call of the counted loads, by endpoint: how long it took and when its answer was in.
  const byEndpoint = new Map<string, Timing[]>();
  for (const timing of runs.flatMap((run) => run.api)) {
    const name = apiName(timing.path);
    byEndpoint.set(name, [...(byEndpoint.get(name) ?? []), timing]);
  }
  lines.push(
    "API calls seen by the browser (Resource Timing, counted loads):",
    "",
    "| endpoint | calls | duration p50 ms | duration max ms | answer in at p50 ms (since navigation) | body KB |",
    "|---|---:|---:|---:|---:|---:|",
  );
  for (const [name, timings] of byEndpoint) {
    const duration = stats(timings.map((timing) => timing.end - timing.start));
    const arrived = stats(timings.map((timing) => timing.end));
    lines.push(
      `| \`${name}\` | ${timings.length} | ${ms(duration.p50)} | ${ms(duration.max)} | ${int(arrived.p50)} | ${kb(Math.max(...timings.map((timing) => timing.size)))} |`,
    );
  }
  lines.push("");
  return lines;
}

type ReportInput = {
  facts: string[];
  overview: OverviewResult;
  promise: ChartsResult;
  commitment: ChartsResult;
  totalMs: number;
};

function report({ facts, overview, promise, commitment, totalMs }: ReportInput): { markdown: string; missed: boolean } {
  const lines: string[] = ["# Löfteskollen dashboard benchmark", "", "## Machine and setup", "", ...facts, `- Whole run: ${seconds(totalMs)}`, ""];

  const js = overview.files.filter((file) => file.kind === "js");
  const css = overview.files.filter((file) => file.kind === "css");
  const jsRaw = js.reduce((sum, file) => sum + file.raw, 0);
  const jsGzip = js.reduce((sum, file) => sum + file.gzip, 0);
  const chartFiles = js.filter((file) => file.recharts || file.chartName);
  const compressed = overview.files.filter((file) => file.encoding !== null);
  lines.push(
    "## 1. Overview `/`: JavaScript loaded",
    "",
    `Signed in, a fresh browser context (empty cache), \`/\` loaded until its ${overview.cards} promise cards showed (${int(overview.cardsAtMs)} ms after navigation) and the network was idle. ` +
      "Every script response is counted; gzip = `zlib.gzipSync(body, { level: 9 })`, what a compressing proxy would send " +
      (compressed.length === 0 ? "(the app server itself sends them uncompressed). " : `(the server sent ${compressed.length} files already encoded: ${compressed.map((file) => `${file.name} ${file.encoding ?? ""}`).join(", ")}). `) +
      "KB = 1 000 bytes.",
    "",
    "| file | raw KB | gzip -9 KB | Recharts code inside | name says chart |",
    "|---|---:|---:|:---:|:---:|",
  );
  for (const file of js) lines.push(`| \`${file.name}\` | ${kb(file.raw)} | ${kb(file.gzip)} | ${file.recharts ? "**yes**" : "no"} | ${file.chartName ? "**yes**" : "no"} |`);
  lines.push(`| **total JavaScript (${js.length} ${js.length === 1 ? "file" : "files"})** | **${kb(jsRaw)}** | **${kb(jsGzip)}** (${(jsGzip / 1024).toFixed(1)} KiB) | | |`);
  for (const file of css) lines.push(`| \`${file.name}\` (CSS, not counted) | ${kb(file.raw)} | ${kb(file.gzip)} | | |`);
  lines.push("");

  lines.push(
    ...chartsSection(
      promise,
      `## 2. Promise page \`${promise.target.path}\`: time to charts, ${int(ACTIVITIES)} activities`,
      `The benchmark promise: ${COMMITMENTS} commitments (cadences ${CADENCES.join(", ")}), ${PERIOD.start} – ${PERIOD.end}, ${int(ACTIVITIES)} activities. ` +
        `Each load: a new browser context with the signed-in session cookie (no HTTP cache, no query cache), \`goto\`, then wait until all ${COMMITMENTS} \`[data-chart="trend"]\` containers hold an \`svg.recharts-surface\`. ` +
        "Times are `performance.now()` in the page (0 = navigation start), recorded at the first animation frame in which the condition held (support/chart-watch.js). " +
        "\"With data marks\" = every one of those charts also holds a bar or line. Long tasks = main-thread tasks over 50 ms (`PerformanceObserver`, type `longtask`: parsing, React rendering, layout) that started before the charts drew. " +
        "The page's default view is used (as of today, the period being over). One load before the counted ones warms the server.",
    ),
  );
  lines.push(
    ...chartsSection(
      commitment,
      `## 3. Commitment page \`${commitment.target.path}\`: time to charts (information)`,
      "The first commitment of the benchmark promise (cadence year, so the page draws two burn-up charts, this year and the whole period, and one bar chart). " +
        'Same method; the wait is for 2 `[data-chart="burnup"]` and 1 `[data-chart="bars"]` holding an SVG.',
    ),
  );

  const promiseRuns = promise.runs;
  const allDrawn = promiseRuns.every((run) => run.problem === null);
  const promiseStats = stats(promiseRuns.map((run) => run.drawnMs));
  const checks = {
    js: jsGzip <= JS_BUDGET_BYTES,
    noCharts: chartFiles.length === 0,
    charts: allDrawn && promiseStats.p95 <= CHARTS_BUDGET_MS,
  };
  lines.push(
    "## Targets",
    "",
    "| target | measured | |",
    "|---|---|:---:|",
    `| overview loads ≤ 250 KB of gzipped JavaScript | ${kb(jsGzip)} KB in ${js.length} ${js.length === 1 ? "file" : "files"} | ${yesNo(checks.js)} |`,
    `| overview loads no chart code (charts lazily, on the pages that draw them) | ${chartFiles.length === 0 ? "none" : chartFiles.map((file) => `\`${file.name}\``).join(", ")} | ${yesNo(checks.noCharts)} |`,
    `| promise page, ${int(ACTIVITIES)} activities: all ${COMMITMENTS} trend charts within 1.5 s of navigation (p95 of ${promiseRuns.length} cold loads) | ${allDrawn ? `${int(promiseStats.p95)} ms (p50 ${int(promiseStats.p50)} ms)` : `charts missing in ${promiseRuns.filter((run) => run.problem !== null).length} loads`} | ${yesNo(checks.charts)} |`,
    "",
  );
  return { markdown: lines.join("\n"), missed: !(checks.js && checks.noCharts && checks.charts) };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = performance.now();
  const guard = guardRun({ prefix: "lofteskollen-dashboard-", watchdogMs: WATCHDOG_MS, log });
  let browser: Browser | null = null;
  try {
    const facts = machineFacts(guard.dir);
    log(`Temporary folder ${guard.dir}; load average ${os.loadavg()[0]?.toFixed(2) ?? "?"}`);

    let webDist = join(REPO, "apps/web/dist");
    let build = "existing `apps/web/dist` (BENCH_SKIP_BUILD=1)";
    if (!SKIP_BUILD) {
      webDist = join(guard.dir, "web-dist");
      log("Building the web app (production)");
      build = `\`vite build\` (production) of ${gitFacts()}, in ${seconds(buildWeb(webDist))}`;
    }
    if (!existsSync(join(webDist, "index.html"))) throw new Error(`no built web app in ${webDist}: run without BENCH_SKIP_BUILD`);

    log(`Database: demo data and ${int(ACTIVITIES)} activities`);
    const file = join(guard.dir, "dashboard.db");
    // A password nobody knows, for this run's browser only.
    const password = randomBytes(24).toString("base64url");
    const prepared = await prepareDatabase(file, COMMITMENTS, { demo: true, password });
    // The same seed as run.ts; all rows in one pass, spread evenly over the period's days.
    const load = bulkLoad(prepared.store, prepared.commitmentIds, ACTIVITIES, prng(20240101));
    const db = databaseFacts(prepared.store, prepared.promiseId);
    // Closing checkpoints the WAL into the file: its size is then the whole database's.
    prepared.store.close();
    const megabytes = statSync(file).size / 1e6;
    log(`  loaded ${int(ACTIVITIES)} rows in ${seconds(load.ms)}`);

    const server = await startServer("web", file, { webDist });
    // 127.0.0.1 counts as local plain http for the session cookie (apps/api/src/security/session-cookie.ts).
    const origin = `http://${HOST}:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    facts.push(
      `- Chromium ${browser.version()} (${CHROMIUM_PATH}), headless, through Playwright; viewport 1280 × 720, sv-SE, Europe/Stockholm; no CPU or network throttling, server on ${HOST}`,
      `- Web app: ${build}; served by the real app (\`createApp({ store, webDist })\` + \`@hono/node-server\`) in a child process`,
      `- Database: ${db.promises} promises (the bundled ones with demo activities, and the benchmark promise), ${int(db.activities)} activities (${int(db.benchActivities)} on the benchmark promise, ${int(db.dailyTotals)} daily totals), ${megabytes.toFixed(0)} MB`,
    );

    const storageState = await signIn(browser, origin, prepared.email, password);
    log("1. Overview JavaScript");
    const overview = await measureOverview(browser, origin, storageState);
    const firstCommitment = prepared.commitmentIds[0];
    if (firstCommitment === undefined) throw new Error("the benchmark promise has no commitments");
    const promise = await measureCharts(browser, origin, storageState, {
      name: "Promise page",
      slug: "promise-page",
      path: `/loften/${prepared.promiseId}`,
      expect: [{ key: "trend", count: COMMITMENTS }],
    });
    const commitment = await measureCharts(browser, origin, storageState, {
      name: "Commitment page",
      slug: "commitment-page",
      path: `/loften/${prepared.promiseId}/ataganden/${firstCommitment}`,
      expect: [
        { key: "burnup", count: 2 },
        { key: "bars", count: 1 },
      ],
    });
    // The charts counted must be the benchmark promise's, all of them.
    const title = promiseBody(COMMITMENTS).title;
    for (const run of [promise.warmup, ...promise.runs]) {
      if (run.problem !== null) continue;
      if (run.heading !== title) run.problem = `the page's heading is "${run.heading}", not "${title}"`;
      else if (run.cards !== COMMITMENTS) run.problem = `${run.cards} commitment cards on the page, ${COMMITMENTS} expected`;
    }
    await browser.close();
    browser = null;
    await server.stop();

    const { markdown, missed } = report({ facts, overview, promise, commitment, totalMs: performance.now() - startedAt });
    console.log(markdown);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(REPORT_FILE, markdown);
    log(`Written to ${REPORT_FILE}${missed ? " (a target was missed)" : ""}`);
  } finally {
    await browser?.close();
    guard.cleanup();
    guard.done();
  }
}

await main();
