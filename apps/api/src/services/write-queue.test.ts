import { describe, expect, it } from "vitest";
import type { AuditContext } from "../db/audit-context";
import { openStore } from "../db/client";
import { areas, auditLog } from "../db/schema";
import { createWriteQueue } from "./write-queue";

const as = (actor: string, userId: number | null = null): AuditContext => ({ at: "2024-07-01T10:00:00.000Z", userId, actor, address: "127.0.0.1" });

describe("the group-commit write queue", () => {
  it("commits writes of the same tick together and rolls back only the one that failed", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    const results = await Promise.allSettled([
      queue.run(() => store.db.insert(areas).values({ name: "Angered" }).run(), as("seed")),
      queue.run(() => {
        store.db.insert(areas).values({ name: "Bergsjön" }).run();
        throw new Error("refused");
      }, as("seed")),
      queue.run(() => store.db.insert(areas).values({ name: "Gårdsten" }).run(), as("seed")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(store.db.select({ name: areas.name }).from(areas).all().map((a) => a.name)).toEqual(["Angered", "Gårdsten"]);
    // The rolled-back write took its audit row with it.
    expect(store.db.select({ after: auditLog.after }).from(auditLog).all().map((r) => JSON.parse(r.after ?? "{}").name)).toEqual(["Angered", "Gårdsten"]);
  });

  it("attributes each write of a shared commit to its own author", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    await Promise.all([
      queue.run(() => store.db.insert(areas).values({ name: "Angered" }).run(), as("user:1", 1)),
      queue.run(() => store.db.insert(areas).values({ name: "Bergsjön" }).run(), as("user:2", 2)),
    ]);
    const rows = store.db.select({ userId: auditLog.userId, actor: auditLog.actor, recordId: auditLog.recordId }).from(auditLog).all();
    expect(rows).toEqual([
      { userId: 1, actor: "user:1", recordId: "1" },
      { userId: 2, actor: "user:2", recordId: "2" },
    ]);
  });

  it("refuses a write to an audited table that says nobody is writing, and stores nothing", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    await expect(queue.run(() => store.db.insert(areas).values({ name: "Angered" }).run(), null)).rejects.toThrow(/no audit context/);
    expect(store.db.select().from(areas).all()).toEqual([]);
    expect(store.db.select().from(auditLog).all()).toEqual([]);
  });

  it("rejects every write of a group whose commit fails, and stores none of them", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    store.sqlite.close(); // the database is gone: the shared transaction cannot start
    const results = await Promise.allSettled([
      queue.run(() => store.db.insert(areas).values({ name: "A" }).run(), as("seed")),
      queue.run(() => store.db.insert(areas).values({ name: "B" }).run(), as("seed")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("splits a long queue into several commits without losing a write", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store, 7);
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.run(() => store.db.insert(areas).values({ name: `Område ${i}` }).run(), as("seed"))));
    expect(store.db.select().from(areas).all()).toHaveLength(50);
  });

  it("drains: every write queued before drain() is committed when it resolves, across several commits", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store, 7);
    const writes = Array.from({ length: 30 }, (_, i) => queue.run(() => store.db.insert(areas).values({ name: `Område ${i}` }).run(), as("seed")));
    // Nothing has run yet: the group commit waits for the next turn of the event loop.
    expect(store.db.select().from(areas).all()).toHaveLength(0);
    await queue.drain();
    expect(store.db.select().from(areas).all()).toHaveLength(30);
    store.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(30);
  });

  it("drains at once when nothing is queued, and after a commit that failed", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    await queue.drain();
    store.sqlite.close();
    const failed = queue.run(() => store.db.insert(areas).values({ name: "A" }).run(), as("seed"));
    failed.catch(() => {});
    await queue.drain();
    await expect(failed).rejects.toThrow();
  });
});
