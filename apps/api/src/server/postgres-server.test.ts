import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, testDatabaseUrl, type TestDatabases } from "../test-support/pg-test-databases";
import { startServerProcess } from "../test-support/server-process";

// The real server process (src/index.ts) on PostgreSQL: what an operator gets with
// DATABASE_URL=postgres://… — migrated at start, the demo data and demo users loaded, sign-in,
// a logged activity in the progress, and a clean exit on SIGTERM. PostgreSQL run only.
describe.skipIf(!testDatabaseUrl)("the server on PostgreSQL (DATABASE_URL=postgres://…)", () => {
  let databases: TestDatabases;
  beforeAll(() => {
    databases = testDatabases();
  });
  afterAll(() => databases?.dropAll());

  it("starts on an empty database with the demo, serves sign-in, logging and progress, and stops cleanly", async () => {
    const database = await databases.create();
    const server = await startServerProcess({ databasePath: "", env: { DATABASE_URL: database.url, DATABASE_PATH: "", DEMO: "1" } });
    try {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; database: { migration: { upToDate: boolean } } };
      expect(health).toMatchObject({ status: "ok", database: { migration: { upToDate: true } } });

      // The demo users' passwords are printed once, at the first start.
      const password = server.output().match(/admin@demo\.invalid\s+lösenord: (\S+)/)?.[1];
      expect(password).toEqual(expect.any(String));
      const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ email: "admin@demo.invalid", password }),
      });
      expect(signIn.status).toBe(200);
      const headers = { cookie: signIn.headers.get("set-cookie")?.split(";")[0] ?? "", origin: server.url, "content-type": "application/json" };

      const promises = (await (await fetch(`${server.url}/api/promises`, { headers })).json()) as { id: number; slug: string; commitments?: unknown }[];
      expect(promises.map((p) => p.slug).sort()).toEqual(["exempel-nordost", "hisings-backa-2024-2025", "nordost-2023-2024"]);
      const example = promises.find((p) => p.slug === "exempel-nordost");
      const detail = (await (await fetch(`${server.url}/api/promises/${example?.id}`, { headers })).json()) as { commitments: { id: number }[] };
      const commitmentId = detail.commitments[0]?.id;
      const totalOf = async () => {
        const progress = (await (await fetch(`${server.url}/api/promises/${example?.id}/progress`, { headers })).json()) as {
          commitments: { commitmentId: number; total: { actual: number } }[];
        };
        return progress.commitments.find((c) => c.commitmentId === commitmentId)?.total.actual ?? -1;
      };
      const before = await totalOf();
      expect(before).toBeGreaterThan(0); // the demo activities are there

      const today = new Date().toISOString().slice(0, 10);
      const logged = await fetch(`${server.url}/api/activities`, {
        method: "POST",
        headers: { ...headers, "idempotency-key": "pg-server-1" },
        body: JSON.stringify({ commitmentId, occurredAt: today, quantity: 3 }),
      });
      expect(logged.status).toBe(201);
      expect(await totalOf()).toBe(before + 3);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    // A second start on the same database adds nothing twice and answers at once.
    const again = await startServerProcess({ databasePath: "", env: { DATABASE_URL: database.url, DATABASE_PATH: "", DEMO: "1" } });
    try {
      expect(again.output()).not.toMatch(/lösenord:/);
    } finally {
      expect(await again.stop()).toEqual({ code: 0, signal: null });
    }
  }, 90_000);
});
