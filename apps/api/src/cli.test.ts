import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { openStore } from "./db/client";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lofteskollen-cli-"));
const databasePath = join(dir, "ny.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `pnpm cli …` as an operator would: `pnpm cli` at the root runs this bin. */
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/cli.mjs", ...args], {
    cwd: apiDir,
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: databasePath },
    timeout: 60_000,
  });

describe("the command-line tool", () => {
  it("creates the first admin on a fresh database and a token that works against the API", async () => {
    const created = cli(["user:create", "--email", "Admin@Kommun.Example", "--role", "admin", "--name", "Första Admin", "--password-stdin"], "ett långt lösenord för admin\n");
    expect(created.stderr).toContain("Skapade admin admin@kommun.example");
    expect(created.status).toBe(0);
    expect(created.stdout).toBe("");

    const token = cli(["token:create", "--email", "admin@kommun.example", "--name", "Import"]);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^lk_[\w-]{43}\n$/);

    const store = openStore(databasePath);
    try {
      const app = createApp({ store });
      const me = await app.request("/api/auth/me", { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: "admin@kommun.example", name: "Första Admin", role: "admin" });
      const signIn = await app.request("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@kommun.example", password: "ett långt lösenord för admin" }),
      });
      expect(signIn.status).toBe(200);
      const audit = store.sqlite.prepare("SELECT action, actor FROM audit_log WHERE record_type IN ('user', 'token') ORDER BY id").all();
      expect(audit).toEqual([
        { action: "user.create", actor: "cli" },
        { action: "token.create", actor: "cli" },
        { action: "auth.sign_in", actor: expect.stringMatching(/^user:\d+$/) },
      ]);
    } finally {
      store.close();
    }
  });

  it("creates a coordinator for named organisations, refusing an unknown one", () => {
    const ok = cli(["user:create", "--email", "falt@kommun.example", "--role", "coordinator", "--organisation", "Fältenheten", "--organisation", "Mötesplatserna", "--password-stdin"], "fältarbete på kvällen");
    expect(ok.status).toBe(0);
    const unknown = cli(["user:create", "--email", "x@kommun.example", "--role", "coordinator", "--organisation", "Fältenhten", "--password-stdin"], "fältarbete på kvällen");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('organisations.0: Aktören "Fältenhten" finns inte');
  });

  it("explains what is wrong with a bad role, a short or common password, or a missing --password-stdin", () => {
    const role = cli(["user:create", "--email", "y@kommun.example", "--role", "boss", "--password-stdin"], "ett långt lösenord");
    expect(role.status).toBe(1);
    expect(role.stderr).toContain("--role");
    const short = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer", "--password-stdin"], "kort");
    expect(short.stderr).toContain("minst 8 tecken");
    const common = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer", "--password-stdin"], "password123");
    expect(common.stderr).toContain("för vanligt");
    const noStdin = cli(["user:create", "--email", "y@kommun.example", "--role", "viewer"]);
    expect(noStdin.stderr).toContain("--password-stdin");
    const noUser = cli(["token:create", "--email", "ingen@kommun.example"]);
    expect(noUser.status).toBe(1);
    expect(noUser.stdout).toBe("");
    expect(noUser.stderr).toContain("Det finns ingen användare");
  });
});
