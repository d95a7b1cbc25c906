import { describe, expect, it } from "vitest";
import { defaultTermCalendar } from "../test-support/default-term-calendar";
import { computeCommitmentProgress } from "./compute-progress";
import type { CommitmentProgressInput } from "./types";
import { wholePeriodWindow } from "./whole-period";

const period = { start: "2024-02-27", end: "2025-12-31" };
const workedExample: CommitmentProgressInput = {
  period,
  target: 100,
  cadence: "year",
  terms: defaultTermCalendar(2023, 2026),
  dailyTotals: [{ date: "2024-03-01", quantity: 30 }],
  asOf: "2024-07-01",
};

function whole(overrides: Partial<CommitmentProgressInput> = {}) {
  const input = { ...workedExample, ...overrides };
  return wholePeriodWindow(computeCommitmentProgress(input), input.period, input.asOf);
}

describe("wholePeriodWindow", () => {
  it("sums the windows' targets and counts the period's days (the worked example)", () => {
    const window = whole();
    expect(window).toMatchObject({ start: "2024-02-27", end: "2025-12-31", coveredDays: 674, elapsedDays: 126, actual: 30 });
    expect(window.target).toBeCloseTo(184.426_229_5, 6);
  });

  it("expects what the windows expect: in the first year, the first year's pace alone", () => {
    const window = whole();
    expect(window.expectedToDate).toBeCloseTo((100 * 126) / 366, 9);
    // 30 of 34.4 is at least three quarters of the pace: at risk, as in the window itself.
    expect(window.status).toBe("at_risk");
  });

  it("forecasts the period's end at the period's run-rate and says what is needed per week", () => {
    const window = whole();
    expect(window.forecast).toBeCloseTo((30 * 674) / 126, 9);
    expect(window.neededPerWeek).toBeCloseTo((184.426_229_5 - 30) / ((674 - 126) / 7), 6);
  });

  it("keeps a term commitment's pace still over the summer break", () => {
    const inJune = whole({ cadence: "term", target: 2, asOf: "2024-06-15" });
    const inJuly = whole({ cadence: "term", target: 2, asOf: "2024-07-20" });
    expect(inJuly.expectedToDate).toBeCloseTo(inJune.expectedToDate ?? Number.NaN, 9);
    expect(inJuly.elapsedDays).toBeGreaterThan(inJune.elapsedDays);
  });

  it("is missed after the period when the sum was not reached, with no forecast or weekly need", () => {
    const window = whole({ asOf: "2026-01-10" });
    expect(window).toMatchObject({ status: "missed", elapsedDays: 674, forecast: null, neededPerWeek: null });
    expect(window.expectedToDate).toBeCloseTo(window.target ?? Number.NaN, 9);
  });

  it("is upcoming before the period starts", () => {
    expect(whole({ asOf: "2024-01-01", dailyTotals: [] })).toMatchObject({ status: "upcoming", elapsedDays: 0, actual: 0, forecast: null });
  });

  it("only tracks a commitment without a numeric target", () => {
    expect(whole({ target: null })).toMatchObject({
      status: "tracking",
      target: null,
      expectedToDate: null,
      forecast: null,
      neededPerWeek: null,
      actual: 30,
    });
  });
});
