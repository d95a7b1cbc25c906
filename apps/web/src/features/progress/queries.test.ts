import { describe, expect, it } from "vitest";
import { progressQueries } from "./queries";

describe("progressQueries", () => {
  it("keys a promise's progress by promise and date, under the general progress key", () => {
    const key = progressQueries.promise(7, "2026-11-22").queryKey;
    expect(key).toEqual(["progress", "promise", 7, { asOf: "2026-11-22" }]);
    expect(key.slice(0, 2)).toEqual([...progressQueries.promises()]);
  });

  it("gives another date another key", () => {
    expect(progressQueries.promise(7, "2026-11-21").queryKey).not.toEqual(progressQueries.promise(7, "2026-11-22").queryKey);
  });
});

describe("progressQueries' other keys", () => {
  it("keeps the daily totals under the promise's progress key, so one invalidation refreshes both", () => {
    const key = progressQueries.dailyTotals(7, "2026-11-22").queryKey;
    expect(key).toEqual(["progress", "promise", 7, "daily-totals", { asOf: "2026-11-22" }]);
    expect(key.slice(0, 2)).toEqual([...progressQueries.promises()]);
  });

  it("keys the overview's counts by date under the general progress key", () => {
    expect(progressQueries.summary("2024-12-31").queryKey).toEqual(["progress", "summary", { asOf: "2024-12-31" }]);
  });
});
