#!/usr/bin/env node
// Playwright's webServer: the API serving the built web app (apps/web/dist) on a fresh,
// temporary database with the demo data, so that no test depends on an earlier run.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "8788";
// One fixed folder per port, emptied at every start: a run that was killed leaves nothing behind
// for the next one, and runs do not pile up folders.
const dir = join(tmpdir(), `lofteskollen-e2e-${port}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const databasePath = join(dir, "e2e.db");

// Under `pnpm exec`, npm_execpath is pnpm's own entry point: use that very pnpm (it may be the
// one run.mjs fetched with npx) instead of whatever `pnpm` is on the PATH.
const execPath = process.env.npm_execpath ?? "";
const [command, prefix] = /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ["pnpm", []];

const child = spawn(command, [...prefix, "--filter", "@lofteskollen/api", "start"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, DATABASE_PATH: databasePath, NODE_ENV: "test" },
});

const cleanUp = () => rmSync(dir, { recursive: true, force: true });

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    child.kill(signal);
  });
}

child.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
