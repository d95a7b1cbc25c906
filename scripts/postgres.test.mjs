// Tests of scripts/postgres.mjs with Node's own runner (the script has no dependencies, nor do
// these): `node --test scripts/postgres.test.mjs`. The server test needs PostgreSQL 15+ on the
// machine (or root to install it) and is skipped, with the reason, when there is none.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startTestPostgres } from "./postgres.mjs";

const quiet = { env: { PATH: process.env.PATH ?? "" }, install: false, ports: [19400, 19499] };

/** A folder with stand-ins for initdb, pg_ctl and postgres that claim `version`; `initdb` may be replaced. */
function fakeServer(version, initdb = null) {
  const dir = mkdtempSync(join(tmpdir(), "fake-pg-"));
  chmodSync(dir, 0o755); // run as the postgres user when the tests run as root
  for (const program of ["initdb", "pg_ctl", "postgres"]) {
    const body = program === "initdb" && initdb ? initdb : `echo "${program} (PostgreSQL) ${version}"`;
    writeFileSync(join(dir, program), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, program), 0o755);
  }
  return dir;
}

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

test("skips, saying where it looked, when no server programs are found and installing is off", async () => {
  const empty = mkdtempSync(join(tmpdir(), "no-pg-"));
  try {
    const result = await startTestPostgres({ ...quiet, searchDirs: [empty] });
    assert.ok("skipped" in result);
    assert.match(result.skipped, /inga PostgreSQL-program \(initdb, pg_ctl, postgres\)/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test("skips a server older than 15 and names the version it found", async () => {
  const dir = fakeServer("13.9");
  try {
    const result = await startTestPostgres({ ...quiet, searchDirs: [dir] });
    assert.ok("skipped" in result);
    assert.match(result.skipped, /bara PostgreSQL 13\.9 finns .*behöver 15 eller senare/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("skips with initdb's own words when initdb fails", async () => {
  const dir = fakeServer("16.4", 'echo "initdb: error: could not create directory: No space left on device" >&2; exit 1');
  try {
    const result = await startTestPostgres({ ...quiet, searchDirs: [dir] });
    assert.ok("skipped" in result);
    assert.match(result.skipped, /^initdb misslyckades \(exit 1: initdb: error: could not create directory: No space left on device\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("TEST_POSTGRES=0 skips without looking for anything", async () => {
  const result = await startTestPostgres({ ...quiet, env: { ...quiet.env, TEST_POSTGRES: "0" } });
  assert.deepEqual(result, { skipped: "TEST_POSTGRES=0 är satt", timings: {} });
});

test("starts a server on 127.0.0.1 that answers queries, and stop() ends it and removes its folder", async (t) => {
  const pg = await startTestPostgres({ ports: [19400, 19499], install: false });
  if ("skipped" in pg) {
    t.skip(`PostgreSQL: hoppas över – ${pg.skipped}`);
    return;
  }
  try {
    assert.match(pg.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/lofteskollen$/);
    assert.ok(pg.port >= 19400 && pg.port <= 19499);
    const psql = join(pg.binDir, "psql");
    if (existsSync(psql)) {
      const answer = spawnSync(psql, [pg.url, "-X", "-A", "-t", "-c", "SELECT current_database(), current_setting('listen_addresses'), current_setting('server_encoding'), current_setting('lc_collate')"], { encoding: "utf8" });
      assert.equal(answer.status, 0, answer.stderr);
      // UTF-8 with C collation: text sorts by code point, as SQLite's BINARY does.
      assert.equal(answer.stdout.trim(), "lofteskollen|127.0.0.1|UTF8|C");
    } else {
      assert.equal(await accepts(pg.port), true);
    }
  } finally {
    pg.stop();
  }
  assert.equal(existsSync(pg.dataDir), false);
  assert.equal(await accepts(pg.port), false);
  pg.stop(); // a second stop does nothing
});
