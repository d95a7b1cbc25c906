import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openStore } from "../db/client";
import { loadData } from "./load-data";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));
const NOW = new Date("2026-11-22T09:00:00Z");

// SQLite only: these tests open a SQLite store (openStore) and read it through its connection.
const counts = (store: ReturnType<typeof openStore>) =>
  Object.fromEntries(
    ["activity_types", "organisations", "terms", "promises", "commitments", "activities", "commitment_daily_totals"].map((t) => [
      t,
      (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

describe("loading the bundled data", () => {
  it("loads the real promises, the example and demo activities marked as demo", async () => {
    const store = openStore(":memory:");
    await loadData({ store, dataDir, demo: true, now: NOW });
    const promises = store.sqlite.prepare("SELECT slug, start_date, end_date, is_example, status FROM promises ORDER BY id").all();
    expect(promises).toEqual([
      { slug: "nordost-2023-2024", start_date: "2023-01-01", end_date: "2024-12-31", is_example: 0, status: "published" },
      { slug: "hisings-backa-2024-2025", start_date: "2024-02-27", end_date: "2025-12-31", is_example: 0, status: "published" },
      { slug: "exempel-nordost", start_date: "2026-01-01", end_date: "2027-12-31", is_example: 1, status: "published" },
    ]);
    const activities = store.sqlite.prepare("SELECT count(*) AS n, sum(is_demo) AS demo, max(local_date) AS last FROM activities").get() as { n: number; demo: number; last: string };
    expect(activities.n).toBeGreaterThan(1000);
    expect(activities.demo).toBe(activities.n);
    expect(activities.last <= "2026-11-22").toBe(true);
    const nordostTargets = store.sqlite
      .prepare("SELECT c.target, c.cadence FROM commitments c JOIN promises p ON p.id = c.promise_id WHERE p.slug = 'nordost-2023-2024' AND c.target IS NOT NULL ORDER BY c.target")
      .all();
    expect(nordostTargets).toEqual([
      { target: 2, cadence: "term" },
      { target: 40, cadence: "year" },
      { target: 60, cadence: "year" },
      { target: 200, cadence: "year" },
      { target: 400, cadence: "period" },
      { target: 3500, cadence: "year" },
    ]);
  });

  it("adds nothing on a restart", async () => {
    const store = openStore(":memory:");
    await loadData({ store, dataDir, demo: true, now: NOW });
    const first = counts(store);
    await loadData({ store, dataDir, demo: true, now: new Date("2026-12-01T09:00:00Z") });
    expect(counts(store)).toEqual(first);
  });

  it("generates the same demo activities on every fresh start (fixed seed)", async () => {
    const rows = async () => {
      const store = openStore(":memory:");
      await loadData({ store, dataDir, demo: true, now: NOW });
      return store.sqlite.prepare("SELECT commitment_id, occurred_at, quantity, place, note FROM activities ORDER BY id").all();
    };
    expect(await rows()).toEqual(await rows());
  });

  it("loads only the reference data with the demo off (DEMO=0)", async () => {
    const store = openStore(":memory:");
    await loadData({ store, dataDir, demo: false, now: NOW });
    expect(counts(store)).toMatchObject({ activity_types: 8, promises: 0, activities: 0 });
    expect(counts(store).terms).toBe(2 * (2040 - 2015 + 1));
    expect(store.sqlite.prepare("SELECT start_date, end_date FROM terms WHERE name = 'ht 2024'").get()).toEqual({ start_date: "2024-08-15", end_date: "2024-12-31" });
  });
});
