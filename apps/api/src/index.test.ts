import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lofteskollen-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the real server (src/index.ts) with `env` and waits for it to stop by itself. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: apiDir,
    env: { ...process.env, DEMO: "0", HOST: "127.0.0.1", PORT: "19199", DATABASE_PATH: join(dir, "start.db"), ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("starting the server with a wrong setting", () => {
  it("stops with exit code 1 and one Swedish line per wrong value, without a stack trace or touching the database", () => {
    const result = start({ PORT: "abc", TRUST_PROXY: "kanske" });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "Fel i inställningarna: PORT=abc – ange ett heltal 1–65535.\nFel i inställningarna: TRUST_PROXY=kanske – ange 0, 1, true eller false.\n",
    );
    expect(result.stdout).toBe("");
    expect(existsSync(join(dir, "start.db"))).toBe(false);
  });

  it("stops the same way when the PostgreSQL of DATABASE_URL cannot be reached, naming it without its password", () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const result = start({ DATABASE_URL: "postgres://lk:hemligt@127.0.0.1:1/lk", DATABASE_PATH: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Kunde inte öppna PostgreSQL-databasen postgres:\/\/lk:\*\*\*@127\.0\.0\.1:1\/lk: .*ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/hemligt|\n\s+at /);
    expect(existsSync(join(dir, "start.db"))).toBe(false);
  });
});
