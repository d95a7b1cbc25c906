import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rollupAgainstActivitiesOf } from "../test-support/app-database";
import { createExamplePromise, createTestApp } from "../test-support/test-app";
import { systemContext } from "./audit-context";
import { executeSql } from "./client";

describe("the daily totals rollup", () => {
  it("always equals the sum of the non-voided activities, whatever is logged and voided", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("log" as const), day: fc.integer({ min: 0, max: 120 }), quantity: fc.integer({ min: 1, max: 50 }), commitment: fc.integer({ min: 0, max: 1 }) }),
            fc.record({ kind: fc.constant("void" as const), pick: fc.nat() }),
          ),
          { maxLength: 40 },
        ),
        async (operations) => {
          const t = await createTestApp();
          const ids = await createExamplePromise(t);
          const created: number[] = [];
          for (const op of operations) {
            if (op.kind === "log") {
              const date = new Date(Date.UTC(2024, 1, 27 + op.day)).toISOString().slice(0, 10);
              const response = await t.request("POST", "/api/activities", { commitmentId: op.commitment ? ids.termly : ids.yearly, occurredAt: date, quantity: op.quantity });
              created.push(response.body.id);
            } else if (created.length) {
              await t.request("POST", `/api/activities/${created[op.pick % created.length]}/void`, { reason: "Fel" });
            }
          }
          const { expected, rollup } = await rollupAgainstActivitiesOf(t.query);
          expect(rollup).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
    // 25 fresh databases: on PostgreSQL each is a CREATE DATABASE.
  }, 60_000);

  it("refuses to delete or edit an activity at the database level", async () => {
    const t = await createTestApp();
    const ids = await createExamplePromise(t);
    const a = await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-01" });
    // What the database answered (drizzle wraps it in an error naming the query).
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => "no error",
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(t.execute(sql`DELETE FROM activities WHERE id = ${a.body.id}`))).toMatch(/never deleted/);
    expect(await refusal(t.execute(sql`UPDATE activities SET quantity = 5 WHERE id = ${a.body.id}`))).toMatch(/not edited/);
    await t.store.transaction(systemContext("cli"), (db) => executeSql(db, sql`UPDATE activities SET voided_at = 'x' WHERE id = ${a.body.id}`));
    expect(await refusal(t.execute(sql`UPDATE activities SET voided_at = NULL WHERE id = ${a.body.id}`))).toMatch(/stays voided/);
  });

  // SQLite only: its pragmas.
  it("runs with WAL, foreign keys and synchronous=FULL on a file database", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { openStore } = await import("./client");
    const dir = mkdtempSync(join(tmpdir(), "lofteskollen-"));
    const store = openStore(join(dir, "test.db"));
    expect(store.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    store.closeNow();
    rmSync(dir, { recursive: true, force: true });
  });
});
