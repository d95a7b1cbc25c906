#!/usr/bin/env node
// Playwright's webServer: the API serving the built web app (apps/web/dist) on a fresh,
// temporary database with the demo data, so that no test depends on an earlier run.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
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
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, PORT: port, DATABASE_PATH: databasePath, NODE_ENV: "test", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
});

// The server prints the demo users' passwords once, at the first start of a new database, as a
// person would read them: the browser tests sign in with exactly those (e2e/support/demo-users.ts).
const credentialLine = /^\s+(admin|manager|coordinator|viewer)\s+(\S+@\S+)\s+lösenord: (\S+)\s*$/;
const credentials = {};
let pending = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString("utf8");
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const match = credentialLine.exec(line);
    if (!match) continue;
    credentials[match[1]] = { email: match[2], password: match[3] };
    writeFileSync(join(dir, "demo-users.json"), JSON.stringify(credentials, null, 2));
  }
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
