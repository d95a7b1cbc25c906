/**
 * Löfteskollen import benchmark (`pnpm bench:import` from the repository root). A benchmark, not
 * a test: it measures and reports a met/missed verdict, and fails only when the harness itself
 * goes wrong (or the server answers something other than what the file must give).
 *
 * One 100 000-row CSV file as Swedish Excel saves it ("CSV (semikolonavgränsad)": `;`,
 * Windows-1252, CRLF, ÅÅÅÅ-MM-DD dates, decimal commas), rows spread over the commitments of the
 * bundled promises with their demo places and notes. Each run, on a fresh SQLite file with the
 * demo data and the real app in a child process (support/server-child.ts):
 *
 * (a) POST /api/imports/preview of the file,
 * (b) POST /api/imports of the file (the target: under 10 s),
 * (c) POST /api/imports of the same file again, which must create nothing.
 *
 * Times are the client's, from sending the request to the last byte of the answer.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { SqliteStore as Store } from "../apps/api/src/db/client";
import { NOTES as DEMO_NOTES } from "../apps/api/src/seed/demo-activities";
import { csvBytes, TEMPLATE_HEADER_ROW } from "../apps/api/src/test-support/import-files";
import type { ImportPreview, ImportResult } from "../packages/contracts/src/imports";
import { prepareDatabase, prng } from "./support/database";
import { closeConnections, request } from "./support/http";
import { machineFacts } from "./support/machine";
import { guardRun } from "./support/run-guard";
import { startServer } from "./support/servers";
import { int, ms, seconds, yesNo } from "./support/stats";

const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));
const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));

const ROWS = 100_000;
/** Runs, each on a fresh database and server (BENCH_RUNS to change). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const IMPORT_BUDGET_MS = 10_000;
/** Rows of the file that are wrong on purpose, as a real file has a few: about 1 in 200. */
const ERROR_EVERY = 200;
const WATCHDOG_MS = 20 * 60 * 1000;
/** BENCH_CPU_PROF=DIR writes a V8 CPU profile of every server child into DIR (open in Chrome DevTools). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

const log = (line: string) => console.error(line);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

/** A commitment of a bundled promise, as the file's rows name it. */
type Target = { id: number; title: string; organisations: string[]; places: string[]; from: string; to: string };

/** The demo generator's notes, and what else a coordinator writes. */
const NOTES = [
  ...DEMO_NOTES,
  "Möte med rektor – uppföljning i maj",
  // Excel quotes a cell that holds the separator or a quotation mark.
  '"Samtal om skolvägen; föräldrar och personal"',
  '"Vandring med ""Nattvandrarna"" i centrum"',
];

function isoDay(time: number) {
  return new Date(time).toISOString().slice(0, 10);
}

/** The commitments of the bundled promises, their responsible organisations and demo places, up to yesterday. */
function targets(store: Store, benchPromiseId: number): Target[] {
  const places = new Map<string, string[]>();
  for (const slug of ["exempel-nordost", "hisings-backa-2024-2025", "nordost-2023-2024"]) {
    const file = JSON.parse(readFileSync(join(DATA_DIR, "promises", `${slug}.json`), "utf8")) as { demoPlaces?: string[] };
    places.set(slug, file.demoPlaces ?? []);
  }
  const yesterday = isoDay(Date.now() - 86_400_000);
  const rows = store.sqlite
    .prepare(
      `SELECT c.id, c.title, p.slug, p.start_date AS start, p.end_date AS end, group_concat(o.name, '|') AS organisations
       FROM commitments c
       JOIN promises p ON p.id = c.promise_id
       JOIN commitment_organisations co ON co.commitment_id = c.id
       JOIN organisations o ON o.id = co.organisation_id
       WHERE p.id <> ? AND p.status = 'published' AND p.start_date <= ?
       GROUP BY c.id ORDER BY c.id`,
    )
    .all(benchPromiseId, yesterday) as { id: number; title: string; slug: string; start: string; end: string; organisations: string }[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisations: r.organisations.split("|"),
    places: places.get(r.slug) ?? [],
    from: r.start,
    to: r.end < yesterday ? r.end : yesterday,
  }));
}

type BuiltFile = { bytes: Buffer; rows: number; wrongRows: number; byTitle: number; withTime: number };

/**
 * The CSV file: rows in date order as a list is kept, each on a random commitment. Most name the
 * commitment by id (as the template does), one in five by its exact title (titles shared by two
 * promises are told apart by the date). One row in ERROR_EVERY is wrong in one of the ways a
 * person gets a row wrong.
 */
function buildFile(all: readonly Target[], random: () => number): BuiltFile {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cells: (string | number)[][] = [[...TEMPLATE_HEADER_ROW]];
  let wrongRows = 0;
  let byTitle = 0;
  let withTime = 0;
  for (let i = 0; i < ROWS; i++) {
    const target = pick(all);
    const fromTime = Date.parse(target.from);
    const days = Math.round((Date.parse(target.to) - fromTime) / 86_400_000);
    let date = isoDay(fromTime + Math.floor(random() * (days + 1)) * 86_400_000);
    if (random() < 0.15) {
      // Excel's date-and-time cells: "2024-03-14 18:30".
      date += ` ${String(8 + Math.floor(random() * 13)).padStart(2, "0")}:${pick(["00", "15", "30", "45"])}`;
      withTime += 1;
    }
    const r = random();
    // Counts: mostly 1–3, some written with a decimal comma (a number-formatted column), some left empty (1).
    let quantity = r < 0.05 ? `${1 + Math.floor(random() * 3)},0` : r < 0.08 ? "" : String(1 + Math.floor(random() * 3));
    const single = target.organisations.length === 1;
    let organisation = single && random() < 0.5 ? "" : pick(target.organisations);
    if (organisation && random() < 0.05) organisation = organisation.toLocaleLowerCase("sv");
    const place = random() < 0.1 ? "" : pick(target.places);
    const note = random() < 0.3 ? pick(NOTES) : "";
    let commitment: string | number = target.id;
    if (random() < 0.2) {
      commitment = target.title;
      byTitle += 1;
    }
    if (i % ERROR_EVERY === ERROR_EVERY - 1) {
      wrongRows += 1;
      const mistake = (i / ERROR_EVERY) % 4;
      if (mistake < 1) quantity = "2,5";
      else if (mistake < 2) date = "igår";
      else if (mistake < 3) date = "2019-05-01";
      else commitment = 99_999;
    }
    cells.push([commitment, date, quantity, organisation, place, note]);
  }
  // Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, `;`, CRLF.
  return { bytes: csvBytes(cells, { delimiter: ";", encoding: "windows-1252" }), rows: ROWS, wrongRows, byTitle, withTime };
}

// ---------------------------------------------------------------------------------------------
// One run
// ---------------------------------------------------------------------------------------------

type Step = { ms: number; status: number; answerBytes: number; peakRssBytes: number };

type Run = {
  run: number;
  /** Activities in the fresh database before the import (the demo data). */
  activitiesBefore: number;
  preview: Step & { counts: ImportPreview["counts"] };
  importing: Step & { created: number; duplicates: number; errors: number };
  reimport: Step & { created: number; duplicates: number; errors: number };
  /** Activities stored by the import, counted in the database. */
  stored: number;
  /** Activities stored by the re-import (must be 0). */
  storedAgain: number;
  problems: string[];
};

/** The three steps on a fresh database (`dbFile`, prepared, with the bench admin's `token`), checked. */
async function runOnce(run: number, file: BuiltFile, payload: string, dbFile: string, token: string): Promise<Run> {
  const server = await startServer("app", dbFile, { cpuProfDir: CPU_PROF_DIR });
  const headers = { authorization: `Bearer ${token}` };
  const problems: string[] = [];
  const timed = async (path: string) => {
    const started = performance.now();
    const answer = await request(server.port, "POST", path, payload, headers);
    const elapsed = performance.now() - started;
    return { answer, step: { ms: elapsed, status: answer.status, answerBytes: Buffer.byteLength(answer.body), peakRssBytes: await server.peakRss() } };
  };
  try {
    const activitiesBefore = await server.count();

    const a = await timed("/api/imports/preview");
    if (a.answer.status !== 200) throw new Error(`preview answered ${a.answer.status}: ${a.answer.body.slice(0, 500)}`);
    const preview = JSON.parse(a.answer.body) as ImportPreview;
    log(`  run ${run}: preview ${ms(a.step.ms)} ms (${JSON.stringify(preview.counts)})`);

    const b = await timed("/api/imports");
    if (b.answer.status !== 201) throw new Error(`import answered ${b.answer.status}: ${b.answer.body.slice(0, 500)}`);
    const imported = JSON.parse(b.answer.body) as ImportResult;
    const afterImport = await server.count();
    log(`  run ${run}: import ${ms(b.step.ms)} ms (created ${int(imported.created)}, duplicates ${imported.duplicates}, errors ${imported.errors.length})`);

    const c = await timed("/api/imports");
    if (c.answer.status !== 201) throw new Error(`re-import answered ${c.answer.status}: ${c.answer.body.slice(0, 500)}`);
    const again = JSON.parse(c.answer.body) as ImportResult;
    const afterAgain = await server.count();
    log(`  run ${run}: re-import ${ms(c.step.ms)} ms (created ${again.created}, duplicates ${int(again.duplicates)})`);

    // What the file must give: the wrong rows refused, every other row stored once.
    if (preview.totalRows !== file.rows) problems.push(`preview read ${preview.totalRows} rows, the file has ${file.rows}`);
    if (preview.counts.error !== file.wrongRows) problems.push(`preview: ${preview.counts.error} rows with errors, ${file.wrongRows} expected`);
    if (imported.created !== preview.counts.ok) problems.push(`import created ${imported.created}, the preview said ${preview.counts.ok} ok`);
    if (afterImport - activitiesBefore !== imported.created) problems.push(`${afterImport - activitiesBefore} activities stored, ${imported.created} reported`);
    if (again.created !== 0 || afterAgain !== afterImport) problems.push(`re-import created ${again.created} (${afterAgain - afterImport} stored)`);
    if (again.duplicates !== preview.counts.ok + preview.counts.duplicate) problems.push(`re-import: ${again.duplicates} duplicates, ${preview.counts.ok + preview.counts.duplicate} expected`);
    for (const problem of problems) log(`  ! ${problem}`);

    const counted = (step: Step, result: ImportResult) => ({ ...step, created: result.created, duplicates: result.duplicates, errors: result.errors.length });
    return {
      run,
      activitiesBefore,
      preview: { ...a.step, counts: preview.counts },
      importing: counted(b.step, imported),
      reimport: counted(c.step, again),
      stored: afterImport - activitiesBefore,
      storedAgain: afterAgain - afterImport,
      problems,
    };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const max = (values: readonly number[]) => Math.max(...values);

function summary(runs: readonly Run[]) {
  const of = (pick: (run: Run) => number) => {
    const values = runs.map(pick);
    return { median: median(values), max: max(values) };
  };
  return {
    previewMs: of((r) => r.preview.ms),
    importMs: of((r) => r.importing.ms),
    reimportMs: of((r) => r.reimport.ms),
    peakRssBytes: of((r) => r.reimport.peakRssBytes),
  };
}

function report(facts: string[], file: BuiltFile, base64Bytes: number, runs: readonly Run[], totalMs: number) {
  const s = summary(runs);
  const first = runs[0];
  const correct = runs.every((r) => r.problems.length === 0);
  const lines = [
    "# Löfteskollen import benchmark",
    "",
    "## Machine and setup",
    "",
    ...facts,
    `- File: ${int(file.rows)} data rows, ${(file.bytes.length / 1e6).toFixed(1)} MB as Windows-1252 CSV (\`;\`, CRLF; ${(base64Bytes / 1e6).toFixed(1)} MB as base64 in the JSON body); ` +
      `${int(file.byTitle)} rows name the commitment by title, the others by id; ${int(file.withTime)} dates have a time of day; ${int(file.wrongRows)} rows wrong on purpose`,
    `- Database: a fresh SQLite file per run with the bundled promises and their demo activities (${first ? int(first.activitiesBefore) : "?"}); the real app (\`createApp\` + \`@hono/node-server\`) in a child process, on 127.0.0.1`,
    `- Whole run: ${seconds(totalMs)}`,
    "",
    "## Runs",
    "",
    "Client time from sending the request to the last byte of the answer. Peak RSS = the server process's `maxRSS` (getrusage) after the step: it never goes down, so the last column is the run's peak.",
    "",
    "| run | (a) preview ms | preview answer MB | (b) import ms | created | (c) re-import ms | re-import created | re-import duplicates | peak RSS MB after a / b / c | checks |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.run} | ${int(r.preview.ms)} | ${(r.preview.answerBytes / 1e6).toFixed(1)} | ${int(r.importing.ms)} | ${int(r.importing.created)} | ${int(r.reimport.ms)} | ${r.reimport.created} | ${int(r.reimport.duplicates)} | ${mb(r.preview.peakRssBytes)} / ${mb(r.importing.peakRssBytes)} / ${mb(r.reimport.peakRssBytes)} | ${r.problems.length ? r.problems.join("; ") : "ok"} |`,
    );
  }
  lines.push(
    "",
    `Over ${runs.length} runs: (a) preview median ${int(s.previewMs.median)} ms, max ${int(s.previewMs.max)} ms; (b) import median ${int(s.importMs.median)} ms, max ${int(s.importMs.max)} ms; ` +
      `(c) re-import median ${int(s.reimportMs.median)} ms, max ${int(s.reimportMs.max)} ms; server peak RSS median ${mb(s.peakRssBytes.median)} MB, max ${mb(s.peakRssBytes.max)} MB.`,
    "",
    "## Targets",
    "",
    "| target | measured | |",
    "|---|---|:---:|",
    `| import of a ${int(ROWS)}-row CSV completes in under 10 s (slowest of ${runs.length} runs) | ${seconds(s.importMs.max)} (median ${seconds(s.importMs.median)}) | ${yesNo(s.importMs.max < IMPORT_BUDGET_MS)} |`,
    `| re-importing the same file creates nothing; every other check holds | ${correct ? "yes, every run" : "NO"} | ${yesNo(correct)} |`,
    "",
  );
  return { markdown: lines.join("\n"), summary: s };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = performance.now();
  const guard = guardRun({ prefix: "lofteskollen-import-", watchdogMs: WATCHDOG_MS, log });
  try {
    const facts = machineFacts(guard.dir);
    log(`Temporary folder ${guard.dir}; load average ${os.loadavg()[0]?.toFixed(2) ?? "?"}`);
    const runs: Run[] = [];
    let file: BuiltFile | null = null;
    let body = "";
    for (let run = 1; run <= RUNS; run++) {
      const dbFile = join(guard.dir, `import-${run}.db`);
      const prepared = await prepareDatabase(dbFile, 1, { demo: true });
      if (!file) {
        // The same file every run (fixed seed); built once, before any clock starts.
        file = buildFile(targets(prepared.store, prepared.promiseId), prng(20240314));
        body = JSON.stringify({ format: "csv", fileName: "aktiviteter-2023-2026.csv", content: file.bytes.toString("base64") });
        log(`File: ${int(file.rows)} rows, ${(file.bytes.length / 1e6).toFixed(1)} MB; request body ${(body.length / 1e6).toFixed(1)} MB`);
      }
      prepared.store.close();
      runs.push(await runOnce(run, file, body, dbFile, prepared.token));
    }
    if (!file) throw new Error("no run");
    const base64Bytes = Math.ceil(file.bytes.length / 3) * 4;
    const { markdown, summary: s } = report(facts, file, base64Bytes, runs, performance.now() - startedAt);
    console.log(markdown);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "import-latest.md"), markdown);
    writeFileSync(
      join(RESULTS_DIR, "import-latest.json"),
      `${JSON.stringify({ facts, file: { rows: file.rows, bytes: file.bytes.length, base64Bytes, wrongRows: file.wrongRows, byTitle: file.byTitle, withTime: file.withTime }, runs, summary: s }, null, 2)}\n`,
    );
    log(`Written to ${join(RESULTS_DIR, "import-latest.md")} and import-latest.json`);
  } finally {
    closeConnections();
    guard.cleanup();
    guard.done();
  }
}

await main();
