import { describe, expect, it } from "vitest";
import type { AuditContext } from "../db/audit-context";
import { type Db, openStore } from "../db/client";
import { createWriteQueue } from "./write-queue";

const addArea = (name: string) => (db: Db) => db.insert(db.$tables.areas).values({ name });

const as = (actor: string, userId: number | null = null): AuditContext => ({ at: "2024-07-01T10:00:00.000Z", userId, actor, address: "127.0.0.1" });

describe("the group-commit write queue", () => {
  it("commits writes of the same tick together and rolls back only the one that failed", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store);
    const results = await Promise.allSettled([
      queue.run(addArea("Angered"), as("seed")),
      queue.run(async (db) => {
        await addArea("Bergsjön")(db);
        throw new Error("refused");
      }, as("seed")),
      queue.run(addArea("Gårdsten"), as("seed")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await store.db.select({ name: areas.name }).from(areas)).map((a) => a.name)).toEqual(["Angered", "Gårdsten"]);
    // The rolled-back write took its audit row with it.
    expect((await store.db.select({ after: auditLog.after }).from(auditLog)).map((r) => JSON.parse(r.after ?? "{}").name)).toEqual(["Angered", "Gårdsten"]);
  });

  it("attributes each write of a shared commit to its own author", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store);
    await Promise.all([
      queue.run(addArea("Angered"), as("user:1", 1)),
      queue.run(addArea("Bergsjön"), as("user:2", 2)),
    ]);
    const rows = await store.db.select({ userId: auditLog.userId, actor: auditLog.actor, recordId: auditLog.recordId }).from(auditLog);
    expect(rows).toEqual([
      { userId: 1, actor: "user:1", recordId: "1" },
      { userId: 2, actor: "user:2", recordId: "2" },
    ]);
  });

  it("refuses a write to an audited table that says nobody is writing, and stores nothing", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store);
    await expect(queue.run(addArea("Angered"), null)).rejects.toThrow(/no audit context/);
    expect(await store.db.select().from(areas)).toEqual([]);
    expect(await store.db.select().from(auditLog)).toEqual([]);
  });

  it("rejects every write of a group whose commit fails, and stores none of them", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store);
    store.sqlite.close(); // the database is gone: the shared transaction cannot start
    const results = await Promise.allSettled([
      queue.run(addArea("A"), as("seed")),
      queue.run(addArea("B"), as("seed")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("splits a long queue into several commits without losing a write", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store, 7);
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.run(addArea(`Område ${i}`), as("seed"))));
    expect(await store.db.select().from(areas)).toHaveLength(50);
  });

  it("drains: every write queued before drain() is committed when it resolves, across several commits", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store, 7);
    const writes = Array.from({ length: 30 }, (_, i) => queue.run(addArea(`Område ${i}`), as("seed")));
    // Nothing has run yet: the group commit waits for the next turn of the event loop.
    expect(await store.db.select().from(areas)).toHaveLength(0);
    await queue.drain();
    expect(await store.db.select().from(areas)).toHaveLength(30);
    await store.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(30);
  });

  it("drains at once when nothing is queued, and after a commit that failed", async () => {
    const store = openStore(":memory:");
    const { areas, auditLog } = store.db.$tables;
    const queue = createWriteQueue(store);
    await queue.drain();
    store.sqlite.close();
    const failed = queue.run(addArea("A"), as("seed"));
    failed.catch(() => {});
    await queue.drain();
    await expect(failed).rejects.toThrow();
  });
});
