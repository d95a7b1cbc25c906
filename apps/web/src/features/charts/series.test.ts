import { computeCommitmentProgress } from "@lofteskollen/domain";
import { describe, expect, it } from "vitest";
import { bucketTotals, bucketUnitFor, burnupSeries, recentTrend, thinOut } from "./series";

describe("burnupSeries", () => {
  // The worked example of SPEC §3: 100 a year from 2024-02-27, 30 done by 2024-07-01.
  const period = { start: "2024-02-27", end: "2025-12-31" };
  const days = [
    { date: "2024-03-01", quantity: 10 },
    { date: "2024-05-02", quantity: 20 },
    { date: "2024-08-01", quantity: 99 },
  ];
  const progress = computeCommitmentProgress({ period, target: 100, cadence: "year", terms: [], dailyTotals: days, asOf: "2024-07-01" });
  const year2024 = progress.windows[0];
  if (!year2024) throw new Error("the worked example has a 2024 window");
  const points = burnupSeries({ start: year2024.start, end: year2024.end, windows: [year2024], days, asOf: "2024-07-01" });
  const at = (date: string) => points.find((point) => point.date === date);

  it("draws one point per day of the window", () => {
    expect(points).toHaveLength(309);
    expect(points[0]?.date).toBe("2024-02-27");
    expect(points.at(-1)?.date).toBe("2024-12-31");
  });

  it("adds up what was done, day by day, and stops at the as-of date", () => {
    expect(at("2024-02-29")?.actual).toBe(0);
    expect(at("2024-03-01")?.actual).toBe(10);
    expect(at("2024-07-01")?.actual).toBe(30);
    // Logged for 1 August, but the view is as of 1 July: not drawn.
    expect(at("2024-07-02")?.actual).toBeNull();
  });

  it("puts the pace line where the engine puts the expected count", () => {
    expect(at("2024-07-01")?.pace).toBeCloseTo(year2024.expectedToDate ?? Number.NaN, 9);
    expect(at("2024-12-31")?.pace).toBeCloseTo(year2024.target ?? Number.NaN, 9);
  });

  it("forecasts from the as-of date at the run-rate, reaching the engine's forecast at the end", () => {
    expect(at("2024-06-30")?.forecast).toBeNull();
    expect(at("2024-07-01")?.forecast).toBe(30);
    expect(at("2024-12-31")?.forecast).toBeCloseTo(year2024.forecast ?? Number.NaN, 9);
  });

  it("draws no forecast for a window that has ended", () => {
    const ended = burnupSeries({ start: year2024.start, end: year2024.end, windows: [year2024], days, asOf: "2025-03-01" });
    expect(ended.every((point) => point.forecast === null)).toBe(true);
    expect(ended.at(-1)?.actual).toBe(129);
  });

  it("lets the whole period's pace stand still between terms", () => {
    const terms = [
      { name: "vt 2024", start: "2024-01-01", end: "2024-06-15" },
      { name: "ht 2024", start: "2024-08-15", end: "2024-12-31" },
    ];
    const termly = computeCommitmentProgress({
      period: { start: "2024-01-01", end: "2024-12-31" },
      target: 2,
      cadence: "term",
      terms,
      dailyTotals: [],
      asOf: "2024-07-01",
    });
    const line = burnupSeries({ start: "2024-01-01", end: "2024-12-31", windows: termly.windows, days: [], asOf: "2024-07-01" });
    const pace = (date: string) => line.find((point) => point.date === date)?.pace;
    expect(pace("2024-06-15")).toBeCloseTo(2, 9);
    expect(pace("2024-08-14")).toBeCloseTo(2, 9);
    expect(pace("2024-12-31")).toBeCloseTo(4, 9);
  });

  it("has no pace line without a numeric target", () => {
    const untargeted = burnupSeries({
      start: "2024-01-01",
      end: "2024-01-10",
      windows: [{ start: "2024-01-01", end: "2024-01-10", coveredDays: 10, target: null }],
      days: [{ date: "2024-01-02", quantity: 3 }],
      asOf: "2024-01-05",
    });
    expect(untargeted.every((point) => point.pace === null)).toBe(true);
    expect(untargeted[4]?.actual).toBe(3);
  });
});

describe("bucketTotals", () => {
  it("counts per ISO week, Monday to Sunday, keeping empty weeks", () => {
    // 2024-01-01 is a Monday (week 1); 2024-01-08 starts week 2.
    const weeks = bucketTotals(
      [
        { date: "2024-01-01", quantity: 2 },
        { date: "2024-01-07", quantity: 3 },
        { date: "2024-01-08", quantity: 4 },
        { date: "2024-01-25", quantity: 1 },
      ],
      "2024-01-01",
      "2024-01-31",
      "2024-12-31",
      "week",
    );
    expect(weeks.map((bucket) => [bucket.number, bucket.quantity])).toEqual([
      [1, 5],
      [2, 4],
      [3, 0],
      [4, 1],
      [5, 0],
    ]);
    expect(weeks[4]?.start).toBe("2024-01-29");
  });

  it("names the week of 30 December 2024 week 1 of 2025, as ISO 8601 does", () => {
    const [bucket] = bucketTotals([], "2024-12-30", "2024-12-31", "2024-12-31", "week");
    expect(bucket).toMatchObject({ number: 1, year: 2025, start: "2024-12-30" });
  });

  it("counts per calendar month and ignores days after the as-of date", () => {
    const months = bucketTotals(
      [
        { date: "2024-02-27", quantity: 1 },
        { date: "2024-03-31", quantity: 2 },
        { date: "2024-04-02", quantity: 5 },
      ],
      "2024-02-27",
      "2024-04-30",
      "2024-04-01",
      "month",
    );
    expect(months.map((bucket) => [bucket.start, bucket.quantity])).toEqual([
      ["2024-02-27", 1],
      ["2024-03-01", 2],
      ["2024-04-01", 0],
    ]);
  });

  it("uses weeks up to about half a year and months beyond", () => {
    expect(bucketUnitFor("2024-08-15", "2024-12-31")).toBe("week");
    expect(bucketUnitFor("2024-01-01", "2024-12-31")).toBe("month");
  });
});

describe("recentTrend", () => {
  it("sums the last eight seven-day spans ending on the as-of date and compares the halves", () => {
    const trend = recentTrend(
      [
        { date: "2024-05-06", quantity: 1 }, // day 1 of 56
        { date: "2024-06-20", quantity: 4 },
        { date: "2024-06-30", quantity: 3 }, // the as-of date
        { date: "2024-07-01", quantity: 50 }, // after: not counted
      ],
      "2024-06-30",
    );
    expect(trend.weekly).toEqual([1, 0, 0, 0, 0, 0, 4, 3]);
    expect(trend).toMatchObject({ previous: 1, recent: 7, direction: "up" });
  });

  it("calls a change within a tenth flat, and a drop down", () => {
    expect(recentTrend([], "2024-06-30").direction).toBe("flat");
    expect(recentTrend([{ date: "2024-05-10", quantity: 9 }], "2024-06-30").direction).toBe("down");
  });
});

describe("thinOut", () => {
  const points = burnupSeries({
    start: "2024-01-01",
    end: "2025-12-31",
    windows: [{ start: "2024-01-01", end: "2025-12-31", coveredDays: 731, target: 731 }],
    days: [{ date: "2024-05-05", quantity: 7 }],
    asOf: "2024-05-05",
  });

  it("keeps a short range whole", () => {
    expect(thinOut(points.slice(0, 100), "2024-05-05")).toHaveLength(100);
  });

  it("draws a long range with a few hundred points, keeping the ends and the as-of date", () => {
    const thin = thinOut(points, "2024-05-05");
    expect(thin.length).toBeLessThanOrEqual(182);
    expect(thin[0]?.date).toBe("2024-01-01");
    expect(thin.at(-1)?.date).toBe("2025-12-31");
    expect(thin.find((point) => point.date === "2024-05-05")).toMatchObject({ actual: 7, forecast: 7 });
  });
});
