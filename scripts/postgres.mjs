#!/usr/bin/env node
// A throw-away PostgreSQL server for the API tests (docs/decisions/012-postgresql.md): found on
// this machine or installed from Debian's packages, initialised in a fresh temporary folder,
// listening on 127.0.0.1 only, and removed again by stop(). Plain Node, no dependencies: it runs
// from scripts/run.mjs before anything is installed.
//
//   import { startTestPostgres } from "./postgres.mjs";
//   const pg = await startTestPostgres();
//   if ("skipped" in pg) console.log(`PostgreSQL: hoppas över – ${pg.skipped}`);
//   else { …DATABASE_URL_TEST=pg.url…; pg.stop(); }
//
// `node scripts/postgres.mjs` starts one, prints its URL and `SELECT version()`, stops it and
// prints how long each step took (a smoke check; `--require` exits 1 when it has to skip).
//
// Settings (environment): TEST_POSTGRES=0 skips at once; TEST_POSTGRES_INSTALL=0 never runs
// apt-get; TEST_POSTGRES_PORTS=19400-19499 picks the port from that range instead of any free one.
import { spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The oldest server major version the application supports (the issue asks for 15). */
export const MIN_MAJOR = 15;
const DATABASE = "lofteskollen";
const SERVER_PROGRAMS = ["initdb", "pg_ctl", "postgres"];

/**
 * @typedef {{ url: string, port: number, version: string, binDir: string, dataDir: string,
 *   timings: Record<string, number>, stop: () => void }} TestPostgres
 * @typedef {{ skipped: string, timings: Record<string, number> }} SkippedPostgres
 * @typedef {{ searchDirs?: string[], install?: boolean, ports?: [number, number] | null,
 *   log?: (line: string) => void, env?: NodeJS.ProcessEnv }} Options
 */

/**
 * Starts a private PostgreSQL (MIN_MAJOR or newer) and creates the database `lofteskollen` in it.
 * Never throws for a machine that cannot run one: it answers `{ skipped: "<why>" }` instead, a
 * plain Swedish reason for the test command to print.
 * @param {Options} [options]
 * @returns {Promise<TestPostgres | SkippedPostgres>}
 */
export async function startTestPostgres(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const timings = {};
  const timed = (name, work) => {
    const started = performance.now();
    try {
      return work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const skip = (reason) => ({ skipped: reason, timings });

  if (env.TEST_POSTGRES === "0") return skip("TEST_POSTGRES=0 är satt");

  const searchDirs = options.searchDirs ?? defaultSearchDirs(env);
  let found = timed("find", () => findServer(searchDirs));
  if (!found.server) {
    const mayInstall = options.install ?? env.TEST_POSTGRES_INSTALL !== "0";
    if (!mayInstall) return skip(found.reason);
    log("Installerar PostgreSQL (Debian-paketet postgresql) för testerna …");
    const installed = timed("install", () => installPostgres(env));
    if (!installed.ok) return skip(`${found.reason}, och ${installed.reason}`);
    found = findServer(defaultSearchDirs(env));
    if (!found.server) return skip(`apt-get install postgresql gick igenom men ${found.reason}`);
  }
  const { binDir, version } = found.server;

  // PostgreSQL refuses to run as root: then its programs run as the `postgres` system user,
  // which Debian's package creates, in a folder that user owns.
  const asRoot = process.getuid?.() === 0;
  let owner = null;
  if (asRoot) {
    owner = systemUser("postgres");
    if (!owner) return skip("testerna körs som root, och det finns ingen användare postgres att köra servern som (PostgreSQL vägrar köra som root)");
  }
  const runAs = (program, args) => {
    const path = join(binDir, program);
    if (!owner) return spawnSync(path, args, { encoding: "utf8", env: serverEnv(env) });
    if (existsSync("/usr/sbin/runuser") || onPath("runuser", env)) {
      return spawnSync("runuser", ["-u", "postgres", "--", path, ...args], { encoding: "utf8", env: serverEnv(env) });
    }
    return spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [path, ...args].map(shellQuote).join(" ")], { encoding: "utf8", env: serverEnv(env) });
  };

  const root = mkdtempSync(join(tmpdir(), "lofteskollen-pg-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  let running = false;
  const removeFolder = () => rmSync(root, { recursive: true, force: true });
  try {
    if (owner) chownSync(root, owner.uid, owner.gid);

    const init = timed("initdb", () =>
      runAs("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"]),
    );
    if (init.error || init.status !== 0) {
      removeFolder();
      return skip(`initdb misslyckades (${failure(init)})`);
    }
    // Only this machine, only TCP on 127.0.0.1 and the socket in our own folder, no password:
    // nothing but the tests can reach it. fsync off: a test database need not survive a power cut.
    writeFileSync(join(dataDir, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");

    const ports = options.ports === undefined ? portRange(env.TEST_POSTGRES_PORTS) : options.ports;
    let port = 0;
    let lastStart = null;
    // A port found free can be taken before the server binds it: then try another.
    for (let attempt = 0; attempt < 3 && !running; attempt += 1) {
      port = await freePort(ports);
      if (!port) break;
      appendFileSync(
        join(dataDir, "postgresql.conf"),
        `\n# scripts/postgres.mjs\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${root}'\n` +
          // synchronous_commit stays on: the app refuses a server where it is off (ADR 012).
          "fsync = off\nfull_page_writes = off\n",
      );
      lastStart = timed("start", () => runAs("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]));
      running = !lastStart.error && lastStart.status === 0;
    }
    if (!running) {
      const why = port ? `pg_ctl start: ${failure(lastStart)}${logTail(logFile)}` : `ingen ledig port${ports ? ` i ${ports[0]}–${ports[1]}` : ""}`;
      removeFolder();
      return skip(`servern startade inte (${why})`);
    }

    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    const onSignal = (signal) => {
      stop();
      // Then die of the signal as if nobody had listened (the default action).
      process.kill(process.pid, signal);
    };
    const stop = () => {
      if (!running) return;
      running = false;
      process.removeListener("exit", stop);
      for (const signal of signals) process.removeListener(signal, onSignal);
      const stopped = timed("stop", () => runAs("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]));
      if (stopped.status !== 0) {
        // Still up (or pg_ctl could not tell): end the postmaster by its pid, which pg_ctl wrote.
        const pid = Number(readFileSafe(join(dataDir, "postmaster.pid")).split("\n")[0]);
        if (pid > 0) {
          try {
            process.kill(pid, "SIGQUIT");
          } catch {
            // already gone
          }
        }
      }
      removeFolder();
    };
    // A test command that exits or is interrupted half-way must not leave a server behind.
    process.once("exit", stop);
    for (const signal of signals) process.once(signal, onSignal);

    const created = timed("createdb", () => {
      const createdb = join(binDir, "createdb");
      if (!existsSync(createdb)) return { status: 1, error: new Error(`${createdb} saknas`) };
      return spawnSync(createdb, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", DATABASE], { encoding: "utf8", env: clientEnv(env) });
    });
    if (created.error || created.status !== 0) {
      const reason = `createdb ${DATABASE} misslyckades (${failure(created)})`;
      stop();
      return skip(reason);
    }
    return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, port, version, binDir, dataDir, timings, stop };
  } catch (error) {
    // Anything unforeseen (a folder we may not chown, …): still a reason, never a crash.
    if (running) {
      runAs("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      running = false;
    }
    removeFolder();
    return skip(`oväntat fel: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Where Debian, the PostgreSQL project's own packages and source builds put the server programs. */
function defaultSearchDirs(env) {
  const fromPath = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const versioned = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((name) => `/usr/lib/postgresql/${name}/bin`)
    : [];
  return [...fromPath, ...versioned, "/usr/local/bin", "/usr/local/pgsql/bin"];
}

/**
 * The newest server of at least MIN_MAJOR whose folder has initdb, pg_ctl and postgres; or the
 * reason there is none (nothing found, or only older versions).
 */
function findServer(dirs) {
  const candidates = [];
  for (const dir of new Set(dirs)) {
    if (!SERVER_PROGRAMS.every((program) => existsSync(join(dir, program)))) continue;
    // /usr/local/bin may hold links into /usr/lib/postgresql/NN/bin: the real folder also has
    // createdb and psql of the same version.
    const binDir = dirname(realpathSync(join(dir, "postgres")));
    const probe = spawnSync(join(binDir, "postgres"), ["--version"], { encoding: "utf8" });
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(probe.stdout ?? "");
    if (!match) continue;
    candidates.push({ binDir, major: Number(match[1]), version: `${match[1]}${match[2] ? `.${match[2]}` : ""}` });
  }
  candidates.sort((a, b) => b.major - a.major);
  const best = candidates[0];
  if (best && best.major >= MIN_MAJOR) return { server: best };
  if (best) return { reason: `bara PostgreSQL ${best.version} finns (${best.binDir}); testerna behöver ${MIN_MAJOR} eller senare` };
  return { reason: "inga PostgreSQL-program (initdb, pg_ctl, postgres) finns i PATH, /usr/lib/postgresql/*/bin eller /usr/local/bin" };
}

/** `apt-get install postgresql`, as root or with sudo that asks for no password (as run.mjs installs Chromium). */
function installPostgres(env) {
  if (!onPath("apt-get", env)) return { ok: false, reason: "apt-get finns inte (inte Debian/Ubuntu) – installera PostgreSQL 15+ själv" };
  let prefix = [];
  if (process.getuid?.() !== 0) {
    const sudo = onPath("sudo", env) ? spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }) : null;
    if (!sudo || sudo.status !== 0) return { ok: false, reason: "det går inte att installera PostgreSQL utan root (sudo saknas eller vill ha ett lösenord)" };
    prefix = ["sudo", "-n"];
  }
  const apt = (args) =>
    spawnSync(prefix[0] ?? "apt-get", [...prefix.slice(1), ...(prefix.length ? ["apt-get"] : []), ...args], {
      stdio: "inherit",
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
  const update = apt(["update"]);
  if (update.status !== 0) return { ok: false, reason: `apt-get update misslyckades (exit ${update.status})` };
  const install = apt(["install", "-y", "--no-install-recommends", "postgresql"]);
  if (install.status !== 0) return { ok: false, reason: `apt-get install postgresql misslyckades (exit ${install.status})` };
  return { ok: true };
}

/** A free TCP port on 127.0.0.1: any (the kernel picks, port 0), or the first free one of a range. */
async function freePort(range) {
  if (!range) return listenOn(0);
  const [from, to] = range;
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i += 1) {
    const port = from + ((start - from + i) % (to - from + 1));
    if (await listenOn(port)) return port;
  }
  return 0;
}

function listenOn(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(0));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function portRange(text) {
  const match = /^(\d+)-(\d+)$/.exec(text ?? "");
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from >= 1024 && to <= 65535 && from <= to ? [from, to] : null;
}

function systemUser(name) {
  const entry = spawnSync("getent", ["passwd", name], { encoding: "utf8" });
  const fields = (entry.stdout ?? "").trim().split(":");
  if (entry.status !== 0 || fields.length < 4) return null;
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function onPath(program, env) {
  return (env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

/** The server's programs get no PG* connection settings and the C locale's messages (stable text for reasons). */
function serverEnv(env) {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("PG")));
  return { ...clean, LC_ALL: "C", LANG: "C" };
}

function clientEnv(env) {
  return { ...serverEnv(env), PGCONNECT_TIMEOUT: "10" };
}

function failure(result) {
  if (!result) return "startades inte";
  if (result.error) return result.error.message;
  const lines = `${result.stderr ?? ""}\n${result.stdout ?? ""}`.split("\n").map((line) => line.trim()).filter(Boolean);
  return `exit ${result.status}${lines.length ? `: ${lines.slice(-2).join(" / ")}` : ""}`;
}

function logTail(file) {
  const lines = readFileSafe(file).split("\n").filter(Boolean).slice(-3);
  return lines.length ? `; serverloggen: ${lines.join(" / ")}` : "";
}

function readFileSafe(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function shellQuote(text) {
  return `'${String(text).replace(/'/g, "'\\''")}'`;
}

/** `node scripts/postgres.mjs`: start, ask for the version, stop; report the times. */
async function smoke() {
  const require = process.argv.includes("--require");
  const total = performance.now();
  const pg = await startTestPostgres({ log: (line) => console.log(line) });
  if ("skipped" in pg) {
    console.log(`PostgreSQL: hoppas över – ${pg.skipped}`);
    process.exit(require ? 1 : 0);
  }
  const ready = Math.round(performance.now() - total);
  console.log(`PostgreSQL ${pg.version} (${pg.binDir}) på ${pg.url}`);
  const psqlPath = [join(pg.binDir, "psql"), "psql"].find((p) => p === "psql" || existsSync(p));
  const query = spawnSync(psqlPath, [pg.url, "-X", "-A", "-t", "-c", "SELECT version()"], { encoding: "utf8", env: clientEnv(process.env) });
  if (query.error || query.status !== 0) console.log(`psql: ${failure(query)}`);
  else console.log(query.stdout.trim());
  pg.stop();
  const stopped = !existsSync(pg.dataDir);
  const steps = Object.entries(pg.timings)
    .map(([step, ms]) => `${step} ${ms} ms`)
    .join(", ");
  console.log(`Klar att använda efter ${ready} ms (${steps}); stoppad och borttagen: ${stopped ? "ja" : "NEJ"}`);
  process.exit(stopped && query.status === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await smoke();
