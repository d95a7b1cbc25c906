#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, on a machine that has only Node and npm:
// this script installs pnpm and every dependency itself, then starts the app or runs every test.
// Plain Node, no dependencies: it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestPostgres } from "./postgres.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const CHROMIUM = "/usr/bin/chromium";
const reports = join(root, ".reports");

const env = { ...process.env };
// better-sqlite3 compiles with node-gyp; build against this Node's own headers instead of
// downloading them (there may be no internet).
if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, what) {
  const status = run(command, args);
  if (status !== 0) {
    console.error(`\n✖ ${what} misslyckades (exit ${status}).`);
    process.exit(status);
  }
}

/** pnpm of the version the workspace pins, installed through npm if needed. */
function pnpm() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", env });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${PNPM_VERSION}`]];
}

function install() {
  const [cmd, pre] = pnpm();
  must(cmd, [...pre, "install", "--frozen-lockfile"], "Installationen");
  return (args, what) => must(cmd, [...pre, ...args], what);
}

/** Debian packages the browser tests need: Chromium, and poppler's pdftoppm/pdftotext for the printed PDF. */
const BROWSER_TEST_PACKAGES = [
  { name: "chromium", program: CHROMIUM },
  { name: "poppler-utils", program: "/usr/bin/pdftoppm" },
];

function ensureChromium() {
  const missing = BROWSER_TEST_PACKAGES.filter((p) => !existsSync(p.program));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  console.log(`Installerar ${names.join(" och ")} (Debian-paket) för webbläsartesterna …`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => run(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { env: { ...env, DEBIAN_FRONTEND: "noninteractive" } });
  if (apt(["update"]) !== 0 || apt(["install", "-y", "--no-install-recommends", ...names]) !== 0 || missing.some((p) => !existsSync(p.program))) {
    console.error(`✖ Kunde inte installera ${names.join(" och ")} (apt-get install ${names.join(" ")}).`);
    process.exit(1);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** Passed and failed tests of a vitest JSON report; a run without a report counts as one failure. */
function vitestCounts(file, what) {
  const report = readJson(file);
  if (!report) {
    console.error(`✖ ${what} gav inget resultat.`);
    return { passed: 0, failed: 1 };
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.success ? 0 : report.numFailedTestSuites) };
}

/** node:test's own tests of scripts/ (TAP into a file, counted from its summary lines). */
function nodeTestCounts(files) {
  const tap = join(reports, "node-test.tap");
  run("node", ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...files]);
  let text = "";
  try {
    text = readFileSync(tap, "utf8");
  } catch {
    console.error("✖ node --test gav inget resultat.");
    return { passed: 0, failed: 1 };
  }
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? 0);
  return { passed: count("pass"), failed: count("fail") + count("cancelled") };
}

/**
 * The API tests a second time, on PostgreSQL (decision 012): a throw-away server from Debian's
 * packages on a loopback port (scripts/postgres.mjs), removed afterwards. Without one the run says
 * so plainly; in CI that is a failure, since CI must test both databases.
 */
async function postgresCounts() {
  const pg = await startTestPostgres({ log: (line) => console.log(line) });
  if ("skipped" in pg) {
    console.log(`PostgreSQL: hoppas över – ${pg.skipped}`);
    return env.CI === "true" ? { passed: 0, failed: 1 } : { passed: 0, failed: 0 };
  }
  console.log(`PostgreSQL ${pg.version}: API-testerna körs en gång till, mot PostgreSQL (${pg.url})`);
  try {
    const file = join(reports, "vitest-postgres.json");
    run(...pnpmArgs(["exec", "vitest", "run", "--project", "@lofteskollen/api", "--reporter=default", "--reporter=json", `--outputFile=${file}`]), {
      env: { ...env, TEST_DATABASE_URL: pg.url },
    });
    return vitestCounts(file, "Vitest mot PostgreSQL");
  } finally {
    pg.stop();
  }
}

async function test() {
  const pnpmRun = install();
  ensureChromium();
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let passed = 0;
  let failed = 0;

  // Every package, then the browser tests (no package of their own: Playwright runs them untyped).
  const typecheck =
    run(...pnpmArgs(["-r", "--workspace-concurrency=1", "run", "typecheck"])) || run(...pnpmArgs(["exec", "tsc", "--noEmit", "-p", "e2e"]));
  if (typecheck !== 0) failed += 1; // a type error fails the run; a clean check is not a test
  console.log(`Typkontroll: ${typecheck === 0 ? "ok" : "FEL"}`);

  run(...pnpmArgs(["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${join(reports, "vitest.json")}`]));
  for (const counts of [
    vitestCounts(join(reports, "vitest.json"), "Vitest"),
    nodeTestCounts(["scripts/postgres.test.mjs"]),
    await postgresCounts(),
  ]) {
    passed += counts.passed;
    failed += counts.failed;
  }

  pnpmRun(["run", "build"], "Bygget av webbappen");
  run(...pnpmArgs(["exec", "playwright", "test"]), { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, "playwright.json") } });
  const playwright = readJson(join(reports, "playwright.json"));
  if (playwright?.stats) {
    passed += playwright.stats.expected + playwright.stats.flaky;
    failed += playwright.stats.unexpected;
  } else {
    console.error("✖ Playwright gav inget resultat.");
    failed += 1;
  }

  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function pnpmArgs(args) {
  const [cmd, pre] = pnpm();
  return [cmd, [...pre, ...args]];
}

function start() {
  const pnpmRun = install();
  pnpmRun(["run", "build"], "Bygget av webbappen");
  const [cmd, pre] = pnpm();
  // The API process serves the built web app and the API on one port.
  process.exit(run(cmd, [...pre, "--filter", "@lofteskollen/api", "start"]));
}

const command = process.argv[2];
if (command === "start") start();
else if (command === "test") await test();
else {
  console.error("Användning: node scripts/run.mjs start|test");
  process.exit(2);
}
