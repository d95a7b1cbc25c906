import { describe, expect, it } from "vitest";
import { defaultTermCalendar } from "../test-support/default-term-calendar";
import type { CadenceWindow } from "./windows";
import { splitPeriodIntoWindows } from "./windows";

const terms = defaultTermCalendar(2022, 2027);

/** The parts of a window a reader checks against a calendar. */
const shape = (windows: CadenceWindow[]) =>
  windows.map(({ start, end, coveredDays, fullDays }) => ({ start, end, coveredDays, fullDays }));

describe("period cadence", () => {
  it("makes one window that is the whole period", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-02-27", end: "2025-12-31" }, "period"))).toEqual([
      { start: "2024-02-27", end: "2025-12-31", coveredDays: 674, fullDays: 674 },
    ]);
  });

  it("makes a one-day window for a one-day period", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-02-29", end: "2024-02-29" }, "period"))).toEqual([
      { start: "2024-02-29", end: "2024-02-29", coveredDays: 1, fullDays: 1 },
    ]);
  });
});

describe("year cadence", () => {
  it("clips the first calendar year to the period start and keeps 2024's 366 days as its length", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-02-27", end: "2025-12-31" }, "year"))).toEqual([
      { start: "2024-02-27", end: "2024-12-31", coveredDays: 309, fullDays: 366 },
      { start: "2025-01-01", end: "2025-12-31", coveredDays: 365, fullDays: 365 },
    ]);
  });

  it("clips calendar years at both ends of the period", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2023-03-15", end: "2025-06-30" }, "year"))).toEqual([
      { start: "2023-03-15", end: "2023-12-31", coveredDays: 292, fullDays: 365 },
      { start: "2024-01-01", end: "2024-12-31", coveredDays: 366, fullDays: 366 },
      { start: "2025-01-01", end: "2025-06-30", coveredDays: 181, fullDays: 365 },
    ]);
  });

  it("makes one clipped window for a period inside a single year", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-02-28", end: "2024-03-01" }, "year"))).toEqual([
      { start: "2024-02-28", end: "2024-03-01", coveredDays: 3, fullDays: 366 },
    ]);
  });
});

describe("month cadence", () => {
  it("gives February 29 days in a leap year and 28 otherwise", () => {
    const leap = splitPeriodIntoWindows({ start: "2024-02-01", end: "2024-02-29" }, "month");
    const common = splitPeriodIntoWindows({ start: "2025-02-01", end: "2025-02-28" }, "month");
    expect(shape(leap)).toEqual([{ start: "2024-02-01", end: "2024-02-29", coveredDays: 29, fullDays: 29 }]);
    expect(shape(common)).toEqual([{ start: "2025-02-01", end: "2025-02-28", coveredDays: 28, fullDays: 28 }]);
  });

  it("clips the first and the last month and crosses the turn of the year", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-11-20", end: "2025-03-05" }, "month"))).toEqual([
      { start: "2024-11-20", end: "2024-11-30", coveredDays: 11, fullDays: 30 },
      { start: "2024-12-01", end: "2024-12-31", coveredDays: 31, fullDays: 31 },
      { start: "2025-01-01", end: "2025-01-31", coveredDays: 31, fullDays: 31 },
      { start: "2025-02-01", end: "2025-02-28", coveredDays: 28, fullDays: 28 },
      { start: "2025-03-01", end: "2025-03-05", coveredDays: 5, fullDays: 31 },
    ]);
  });

  it("makes 23 windows for the worked example's period, the first being February's last three days", () => {
    const windows = splitPeriodIntoWindows({ start: "2024-02-27", end: "2025-12-31" }, "month");
    expect(windows).toHaveLength(23);
    expect(shape(windows.slice(0, 2))).toEqual([
      { start: "2024-02-27", end: "2024-02-29", coveredDays: 3, fullDays: 29 },
      { start: "2024-03-01", end: "2024-03-31", coveredDays: 31, fullDays: 31 },
    ]);
  });
});

describe("term cadence", () => {
  it("clips terms to the period and leaves the summer break out of every window", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-02-27", end: "2025-12-31" }, "term", terms))).toEqual([
      { start: "2024-02-27", end: "2024-06-15", coveredDays: 110, fullDays: 167 },
      { start: "2024-08-15", end: "2024-12-31", coveredDays: 139, fullDays: 139 },
      { start: "2025-01-01", end: "2025-06-15", coveredDays: 166, fullDays: 166 },
      { start: "2025-08-15", end: "2025-12-31", coveredDays: 139, fullDays: 139 },
    ]);
  });

  it("clips the last term to a period that ends in the middle of it", () => {
    expect(shape(splitPeriodIntoWindows({ start: "2024-06-01", end: "2024-09-14" }, "term", terms))).toEqual([
      { start: "2024-06-01", end: "2024-06-15", coveredDays: 15, fullDays: 167 },
      { start: "2024-08-15", end: "2024-09-14", coveredDays: 31, fullDays: 139 },
    ]);
  });

  it("starts with the first term after a period that begins in the summer break", () => {
    const windows = splitPeriodIntoWindows({ start: "2024-07-01", end: "2025-02-01" }, "term", terms);
    expect(windows.map((window) => [window.start, window.end])).toEqual([
      ["2024-08-15", "2024-12-31"],
      ["2025-01-01", "2025-02-01"],
    ]);
  });

  it("makes no window for a period that lies entirely in a summer break", () => {
    expect(splitPeriodIntoWindows({ start: "2024-06-16", end: "2024-08-14" }, "term", terms)).toEqual([]);
  });

  it("orders the windows by date whatever the order of the term calendar", () => {
    const shuffled = [...terms].reverse();
    expect(splitPeriodIntoWindows({ start: "2024-01-01", end: "2024-12-31" }, "term", shuffled)).toEqual(
      splitPeriodIntoWindows({ start: "2024-01-01", end: "2024-12-31" }, "term", terms),
    );
  });

  it("follows an edited term calendar", () => {
    const edited = [
      { name: "vt 2024", start: "2024-01-08", end: "2024-06-14" },
      { name: "ht 2024", start: "2024-08-19", end: "2024-12-20" },
    ];
    expect(shape(splitPeriodIntoWindows({ start: "2024-01-01", end: "2024-12-31" }, "term", edited))).toEqual([
      { start: "2024-01-08", end: "2024-06-14", coveredDays: 159, fullDays: 159 },
      { start: "2024-08-19", end: "2024-12-20", coveredDays: 124, fullDays: 124 },
    ]);
  });
});

describe("invalid periods", () => {
  it("refuses a period that ends before it starts", () => {
    expect(() => splitPeriodIntoWindows({ start: "2025-01-01", end: "2024-12-31" }, "year")).toThrow(RangeError);
  });

  it("refuses a period with an impossible date", () => {
    expect(() => splitPeriodIntoWindows({ start: "2023-02-29", end: "2023-12-31" }, "month")).toThrow(RangeError);
  });
});
