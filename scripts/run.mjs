#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, on a machine that has only Node and npm:
// this script installs pnpm and every dependency itself, then starts the app or runs every test.
// Plain Node, no dependencies: it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log("Installerar Chromium (Debian-paketet) för webbläsartesterna …");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => run(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { env: { ...env, DEBIAN_FRONTEND: "noninteractive" } });
  if (apt(["update"]) !== 0 || apt(["install", "-y", "--no-install-recommends", "chromium"]) !== 0 || !existsSync(CHROMIUM)) {
    console.error("✖ Kunde inte installera Chromium (apt-get install chromium).");
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

function test() {
  const pnpmRun = install();
  ensureChromium();
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let passed = 0;
  let failed = 0;

  const typecheck = run(...pnpmArgs(["-r", "--workspace-concurrency=1", "run", "typecheck"]));
  if (typecheck !== 0) failed += 1; // a type error fails the run; a clean check is not a test
  console.log(`Typkontroll: ${typecheck === 0 ? "ok" : "FEL"}`);

  run(...pnpmArgs(["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${join(reports, "vitest.json")}`]));
  const vitest = readJson(join(reports, "vitest.json"));
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests + (vitest.success ? 0 : vitest.numFailedTestSuites);
  } else {
    console.error("✖ Vitest gav inget resultat.");
    failed += 1;
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
else if (command === "test") test();
else {
  console.error("Användning: node scripts/run.mjs start|test");
  process.exit(2);
}
