import { describe, expect, it } from "vitest";
import { defaultTermCalendar } from "../test-support/default-term-calendar";
import { computeCommitmentProgress, dailyTotalsFromActivities } from "./compute-progress";
import type { CommitmentProgressInput, DailyTotal } from "./types";

const terms = defaultTermCalendar(2022, 2027);

/** Worked example of SPEC §3: "minst 100 per år" over Hisings Backa's period. */
const workedExample: CommitmentProgressInput = {
  period: { start: "2024-02-27", end: "2025-12-31" },
  target: 100,
  cadence: "year",
  terms,
  // 30 activities by 2024-07-01, among them on the period's first day and on the as-of date.
  dailyTotals: [
    { date: "2024-02-27", quantity: 2 },
    { date: "2024-03-15", quantity: 5 },
    { date: "2024-04-30", quantity: 10 },
    { date: "2024-06-10", quantity: 12 },
    { date: "2024-07-01", quantity: 1 },
    // After the as-of date: does not count yet.
    { date: "2024-07-02", quantity: 40 },
  ],
  asOf: "2024-07-01",
};

function progress(overrides: Partial<CommitmentProgressInput>) {
  return computeCommitmentProgress({ ...workedExample, ...overrides });
}

describe("the SPEC's worked example", () => {
  const result = computeCommitmentProgress(workedExample);
  const [year2024, year2025] = result.windows;
  const target2024 = (100 * 309) / 366;

  it("gives a partial first year a pro-rated target", () => {
    expect(year2024).toMatchObject({ start: "2024-02-27", end: "2024-12-31", coveredDays: 309, fullDays: 366 });
    expect(year2024?.target).toBeCloseTo(84.426_229_508_196_7, 12);
    expect(year2024?.target).toBe(target2024);
  });

  it("gives a full calendar year the whole yearly target", () => {
    expect(year2025).toMatchObject({ start: "2025-01-01", end: "2025-12-31", coveredDays: 365, fullDays: 365 });
    expect(year2025?.target).toBe(100);
  });

  it("sums the window targets into the total target", () => {
    expect(result.total.target).toBeCloseTo(184.426_229_508_196_7, 12);
  });

  it("counts the 30 activities up to the as-of date and not the ones after it", () => {
    expect(year2024?.actual).toBe(30);
    expect(result.total.actual).toBe(30);
    expect(year2025?.actual).toBe(0);
  });

  it("measures the pace over 126 elapsed days and finds the commitment at risk", () => {
    expect(year2024?.elapsedDays).toBe(126);
    expect(year2024?.expectedToDate).toBeCloseTo(34.426_229_508_196_72, 12);
    expect(year2024?.expectedToDate).toBeCloseTo((target2024 * 126) / 309, 14);
    expect(30 / (year2024?.expectedToDate ?? Number.NaN)).toBeCloseTo(0.871, 3);
    expect(year2024?.status).toBe("at_risk");
    expect(result.status).toBe("at_risk");
  });

  it("forecasts the run rate at the end of the year and the weekly need to reach the target", () => {
    expect(year2024?.forecast).toBeCloseTo(73.571_428_571_428_57, 12);
    expect(year2024?.forecast).toBeCloseTo((30 * 309) / 126, 14);
    expect(year2024?.neededPerWeek).toBeCloseTo(2.081_877_631_461_077, 12);
    expect(year2024?.neededPerWeek).toBeCloseTo((target2024 - 30) / ((309 - 126) / 7), 14);
  });

  it("makes the window containing the as-of date current and leaves the next one upcoming", () => {
    expect(result.current).toEqual(year2024);
    expect(year2025).toMatchObject({
      elapsedDays: 0,
      expectedToDate: 0,
      status: "upcoming",
      forecast: null,
      neededPerWeek: null,
    });
  });
});

describe("the as-of date", () => {
  it("before the period: every window is upcoming and nothing counts yet", () => {
    const result = progress({ asOf: "2024-02-26", dailyTotals: [{ date: "2024-02-20", quantity: 3 }] });
    expect(result.current).toBeNull();
    expect(result.status).toBe("upcoming");
    expect(result.total.actual).toBe(0);
    for (const window of result.windows) {
      expect(window).toMatchObject({ status: "upcoming", elapsedDays: 0, actual: 0, forecast: null, neededPerWeek: null });
    }
  });

  it("on the first day of the period: one day has elapsed and that day's activities count", () => {
    const result = progress({ asOf: "2024-02-27", cadence: "period", target: 674 });
    expect(result.current).toMatchObject({ start: "2024-02-27", elapsedDays: 1, actual: 2, target: 674 });
    expect(result.current?.expectedToDate).toBe(1);
    expect(result.current?.forecast).toBe(2 * 674);
    expect(result.current?.neededPerWeek).toBe((674 - 2) / (673 / 7));
    expect(result.status).toBe("on_track");
  });

  it("on the last day of the period: the last window is current, fully elapsed, with no weekly need left", () => {
    const result = progress({
      asOf: "2025-12-31",
      dailyTotals: [...workedExample.dailyTotals, { date: "2025-12-31", quantity: 80 }],
    });
    const last = result.windows.at(-1);
    expect(result.current).toEqual(last);
    expect(last).toMatchObject({ end: "2025-12-31", elapsedDays: 365, actual: 80, status: "at_risk" });
    expect(last?.expectedToDate).toBe(100);
    expect(last?.forecast).toBe(80);
    expect(last?.neededPerWeek).toBeNull();
    expect(result.total.actual).toBe(30 + 40 + 80);
  });

  it("after the period: no window is current and the commitment takes the last window's status", () => {
    const dailyTotals: DailyTotal[] = [
      { date: "2024-05-01", quantity: 90 },
      { date: "2025-06-01", quantity: 99 },
      { date: "2026-01-01", quantity: 50 },
    ];
    const result = progress({ asOf: "2026-03-01", dailyTotals });
    expect(result.current).toBeNull();
    expect(result.windows.map((window) => window.status)).toEqual(["met", "missed"]);
    expect(result.status).toBe("missed");
    expect(result.total.actual).toBe(189);
    for (const window of result.windows) {
      expect(window.elapsedDays).toBe(window.coveredDays);
      expect(window.forecast).toBeNull();
      expect(window.neededPerWeek).toBeNull();
    }
  });

  it("counts activities on the first and the last day of the period and none outside it", () => {
    const dailyTotals: DailyTotal[] = [
      { date: "2024-02-26", quantity: 1000 },
      { date: "2024-02-27", quantity: 1 },
      { date: "2025-12-31", quantity: 2 },
      { date: "2026-01-01", quantity: 1000 },
    ];
    expect(progress({ cadence: "period", dailyTotals, asOf: "2026-06-30" }).windows[0]?.actual).toBe(3);
    for (const cadence of ["year", "month"] as const) {
      const result = progress({ cadence, dailyTotals, asOf: "2026-06-30" });
      expect(result.total.actual).toBe(3);
      expect(result.windows[0]?.actual).toBe(1);
      expect(result.windows.at(-1)?.actual).toBe(2);
    }
  });
});

describe("term cadence", () => {
  const period = { start: "2024-01-01", end: "2024-12-31" };
  const base = { period, cadence: "term", target: 2 } as const;

  it("between terms takes the status of the term that ended last", () => {
    const missed = progress({ ...base, asOf: "2024-07-01", dailyTotals: [{ date: "2024-03-01", quantity: 1 }] });
    expect(missed.current).toBeNull();
    expect(missed.windows.map((window) => window.status)).toEqual(["missed", "upcoming"]);
    expect(missed.status).toBe("missed");

    const met = progress({ ...base, asOf: "2024-08-14", dailyTotals: [{ date: "2024-06-15", quantity: 2 }] });
    expect(met.status).toBe("met");
  });

  it("counts summer activities in the period total but in no term", () => {
    const result = progress({
      ...base,
      asOf: "2024-12-31",
      dailyTotals: [
        { date: "2024-06-15", quantity: 1 },
        { date: "2024-07-10", quantity: 5 },
        { date: "2024-08-15", quantity: 2 },
      ],
    });
    expect(result.windows.map((window) => window.actual)).toEqual([1, 2]);
    expect(result.total.actual).toBe(8);
    expect(result.total.target).toBe(4);
    expect(result.status).toBe("met");
  });

  it("pro-rates a term clipped by the period start", () => {
    const result = progress({ ...base, period: { start: "2024-02-27", end: "2024-12-31" }, asOf: "2024-03-01" });
    expect(result.current).toMatchObject({ coveredDays: 110, fullDays: 167 });
    expect(result.current?.target).toBe((2 * 110) / 167);
  });

  it("before the first term of a period that starts in the summer break takes the first term's status", () => {
    const result = progress({ ...base, period: { start: "2024-07-01", end: "2024-12-31" }, asOf: "2024-07-10" });
    expect(result.current).toBeNull();
    expect(result.status).toBe("upcoming");
  });

  it("without any term in the period is upcoming before it and tracking from its start", () => {
    const summer = { start: "2024-06-20", end: "2024-08-10" };
    const dailyTotals = [{ date: "2024-07-01", quantity: 3 }];
    const before = progress({ ...base, period: summer, dailyTotals, asOf: "2024-06-01" });
    const during = progress({ ...base, period: summer, dailyTotals, asOf: "2024-07-01" });
    const after = progress({ ...base, period: summer, dailyTotals, asOf: "2024-09-01" });
    expect(before).toEqual({ status: "upcoming", current: null, total: { target: 0, actual: 0 }, windows: [] });
    expect(during).toEqual({ status: "tracking", current: null, total: { target: 0, actual: 3 }, windows: [] });
    expect(after.status).toBe("tracking");
    const withoutTarget = progress({ ...base, target: null, period: summer, dailyTotals, asOf: "2024-06-01" });
    expect(withoutTarget).toEqual({ status: "tracking", current: null, total: { target: null, actual: 0 }, windows: [] });
  });
});

describe("month cadence", () => {
  it("pro-rates a partial February by its 29 days in a leap year", () => {
    const result = progress({
      cadence: "month",
      target: 10,
      period: { start: "2024-02-10", end: "2024-03-31" },
      asOf: "2024-03-15",
    });
    expect(result.windows.map((window) => window.target)).toEqual([(10 * 20) / 29, 10]);
    expect(result.current?.start).toBe("2024-03-01");
  });

  it("pro-rates a partial February by its 28 days in a common year", () => {
    const result = progress({
      cadence: "month",
      target: 10,
      period: { start: "2025-02-10", end: "2025-03-31" },
      asOf: "2025-03-15",
    });
    expect(result.windows[0]?.target).toBe((10 * 19) / 28);
  });
});

describe("a commitment without a numeric target", () => {
  it("tracks in every window with null targets and paces but counted actuals", () => {
    const result = progress({ target: null });
    expect(result.status).toBe("tracking");
    expect(result.total).toEqual({ target: null, actual: 30 });
    expect(result.windows.map((window) => window.actual)).toEqual([30, 0]);
    for (const window of result.windows) {
      expect(window).toMatchObject({
        target: null,
        expectedToDate: null,
        status: "tracking",
        forecast: null,
        neededPerWeek: null,
      });
    }
    expect(result.current?.elapsedDays).toBe(126);
  });
});

describe("statuses", () => {
  // A year of 366 days with a target of 366: the expected count to date is the elapsed days.
  const year = { period: { start: "2024-01-01", end: "2024-12-31" }, cadence: "period", target: 366 } as const;
  const onDay = (asOf: string, quantity: number) => progress({ ...year, asOf, dailyTotals: [{ date: "2024-01-01", quantity }] });

  it.each([
    ["on_track when the actual keeps the linear pace", "2024-01-10", 10, "on_track"],
    ["on_track when ahead of the pace", "2024-01-10", 11, "on_track"],
    ["at_risk just below the pace", "2024-01-10", 9, "at_risk"],
    ["at_risk at exactly three quarters of the pace", "2024-01-08", 6, "at_risk"],
    ["behind below three quarters of the pace", "2024-01-08", 5, "behind"],
    ["behind at 70 % of the pace", "2024-01-20", 14, "behind"],
    ["behind with nothing done", "2024-01-01", 0, "behind"],
    ["met when the target is reached before the end", "2024-03-01", 366, "met"],
    ["met after the end when the target was reached", "2025-01-01", 400, "met"],
    ["missed after the end when the target was not reached", "2025-01-01", 365, "missed"],
    ["upcoming before the window starts", "2023-12-31", 0, "upcoming"],
  ])("is %s", (_, asOf, quantity, status) => {
    const result = onDay(asOf, quantity);
    expect(result.windows[0]?.status).toBe(status);
    expect(result.status).toBe(status);
  });

  it("is tracking without a numeric target", () => {
    expect(progress({ ...year, target: null, asOf: "2024-01-10" }).status).toBe("tracking");
  });

  it("has no weekly need for a current window that is already met", () => {
    const met = onDay("2024-03-01", 400).current;
    expect(met?.status).toBe("met");
    expect(met?.neededPerWeek).toBeNull();
    expect(met?.forecast).toBe((400 * 366) / 61);
  });
});

describe("daily totals", () => {
  it("sums the non-voided activities of each local date and leaves voided ones out", () => {
    expect(
      dailyTotalsFromActivities([
        { localDate: "2024-03-02", quantity: 70, voided: false },
        { localDate: "2024-03-01", quantity: 1, voided: false },
        { localDate: "2024-03-02", quantity: 5, voided: true },
        { localDate: "2024-03-02", quantity: 2, voided: false },
        { localDate: "2024-03-03", quantity: 9, voided: true },
      ]),
    ).toEqual([
      { date: "2024-03-01", quantity: 1 },
      { date: "2024-03-02", quantity: 72 },
    ]);
  });

  it("stops counting a voided activity in the progress", () => {
    const activities = [
      { localDate: "2024-03-01", quantity: 1, voided: false },
      { localDate: "2024-03-02", quantity: 10, voided: false },
    ];
    const before = progress({ dailyTotals: dailyTotalsFromActivities(activities) });
    const voided = activities.map((activity, i) => (i === 1 ? { ...activity, voided: true } : activity));
    const after = progress({ dailyTotals: dailyTotalsFromActivities(voided) });
    expect(before.total.actual).toBe(11);
    expect(after.total.actual).toBe(1);
    expect(after.current?.actual).toBe(1);
  });

  it("adds up daily totals given more than once for the same date, in any order", () => {
    const result = progress({
      dailyTotals: [
        { date: "2024-06-01", quantity: 2 },
        { date: "2024-03-01", quantity: 1 },
        { date: "2024-06-01", quantity: 3 },
      ],
    });
    expect(result.total.actual).toBe(6);
  });

  it("refuses a daily total with an impossible date rather than dropping it silently", () => {
    expect(() => progress({ dailyTotals: [{ date: "2024-02-30", quantity: 1 }] })).toThrow(RangeError);
  });
});
