import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { systemContext } from "../db/audit-context";
import { openStore, queryRows, type Store } from "../db/client";
import { hashPasswordSync } from "../security/passwords";
import { createUser } from "../services/users";
import { readEnv } from "../env";
import { formatDemoCredentials, wantsDemoUsers } from "./demo-users";
import { loadData } from "./load-data";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));
const NOW = new Date("2026-11-22T09:00:00Z");

const userCount = async (store: Store) => Number((await queryRows<{ n: number | string }>(store.db, sql`SELECT count(*) AS n FROM users`))[0]?.n);

describe("demo users", () => {
  it("are created once, one per role, on a new database with the demo on, and can sign in", async () => {
    const store = openStore(":memory:");
    const { demoCredentials } = await loadData({ store, dataDir, demo: true, now: NOW, demoUsers: true });
    expect(demoCredentials?.map((c) => [c.role, c.email, c.organisations])).toEqual([
      ["admin", "admin@demo.invalid", []],
      ["manager", "chef@demo.invalid", []],
      ["coordinator", "samordnare@demo.invalid", ["Fältenheten"]],
      ["viewer", "lasare@demo.invalid", []],
    ]);
    const passwords = demoCredentials?.map((c) => c.password) ?? [];
    expect(new Set(passwords).size).toBe(4);
    for (const password of passwords) expect(password.length).toBeGreaterThanOrEqual(16);

    const app = createApp({ store, now: () => NOW });
    for (const credentials of demoCredentials ?? []) {
      const response = await app.request("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: credentials.email, password: credentials.password }),
      });
      expect(response.status, credentials.email).toBe(200);
    }
    // A restart creates and prints nothing.
    expect((await loadData({ store, dataDir, demo: true, now: NOW, demoUsers: true })).demoCredentials).toBeNull();
    expect(await userCount(store)).toBe(4);
  });

  it("are not created with the demo off, when not asked for (production), or when someone already made users", async () => {
    const off = openStore(":memory:");
    expect((await loadData({ store: off, dataDir, demo: false, now: NOW, demoUsers: true })).demoCredentials).toBeNull();
    const production = openStore(":memory:");
    expect((await loadData({ store: production, dataDir, demo: true, now: NOW, demoUsers: false })).demoCredentials).toBeNull();
    const existing = openStore(":memory:");
    await existing.transaction(systemContext("cli"), (db) =>
      createUser({ db, input: { email: "a@kommun.example", name: "A", role: "admin", organisations: [], passwordHash: hashPasswordSync("x".repeat(10)) } }),
    );
    expect((await loadData({ store: existing, dataDir, demo: true, now: NOW, demoUsers: true })).demoCredentials).toBeNull();
    for (const store of [off, production]) expect(await userCount(store)).toBe(0);
  });

  it("are wanted by default and in tests, never with NODE_ENV=production or DEMO=0", () => {
    expect(wantsDemoUsers(readEnv({}))).toBe(true);
    expect(wantsDemoUsers(readEnv({ NODE_ENV: "test" }))).toBe(true);
    expect(wantsDemoUsers(readEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(wantsDemoUsers(readEnv({ DEMO: "0" }))).toBe(false);
  });

  it("are printed as one block naming role, email and password", () => {
    const text = formatDemoCredentials([
      { role: "admin", email: "admin@demo.invalid", name: "A", organisations: [], password: "abc123abc123abc1" },
      { role: "viewer", email: "lasare@demo.invalid", name: "L", organisations: [], password: "xyz789xyz789xyz7" },
    ]);
    expect(text).toContain("visas bara nu");
    expect(text).toMatch(/^ {2}admin {8}admin@demo\.invalid {3}lösenord: abc123abc123abc1$/m);
    expect(text).toMatch(/^ {2}viewer {7}lasare@demo\.invalid {2}lösenord: xyz789xyz789xyz7$/m);
  });
});
