import { describe, expect, it } from "vitest";
import { openStore } from "../db/client";
import { areas } from "../db/schema";
import { createWriteQueue } from "./write-queue";

describe("the group-commit write queue", () => {
  it("commits writes of the same tick together and rolls back only the one that failed", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    const results = await Promise.allSettled([
      queue.run(() => store.db.insert(areas).values({ name: "Angered" }).run()),
      queue.run(() => {
        store.db.insert(areas).values({ name: "Bergsjön" }).run();
        throw new Error("refused");
      }),
      queue.run(() => store.db.insert(areas).values({ name: "Gårdsten" }).run()),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(store.db.select({ name: areas.name }).from(areas).all().map((a) => a.name)).toEqual(["Angered", "Gårdsten"]);
  });

  it("rejects every write of a group whose commit fails, and stores none of them", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store);
    store.sqlite.close(); // the database is gone: the shared transaction cannot start
    const results = await Promise.allSettled([
      queue.run(() => store.db.insert(areas).values({ name: "A" }).run()),
      queue.run(() => store.db.insert(areas).values({ name: "B" }).run()),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("splits a long queue into several commits without losing a write", async () => {
    const store = openStore(":memory:");
    const queue = createWriteQueue(store, 7);
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.run(() => store.db.insert(areas).values({ name: `Område ${i}` }).run())));
    expect(store.db.select().from(areas).all()).toHaveLength(50);
  });
});
