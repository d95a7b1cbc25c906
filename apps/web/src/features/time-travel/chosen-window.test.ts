import { computeCommitmentProgress } from "@lofteskollen/domain";
import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { chosenWindow, windowOptions } from "./chosen-window";

const sv = i18n.getFixedT("sv");
const period = { start: "2024-02-27", end: "2025-12-31" };
const progress = (asOf: string) => ({
  cadence: "year" as const,
  ...computeCommitmentProgress({ period, target: 100, cadence: "year", terms: [], dailyTotals: [{ date: "2024-03-01", quantity: 30 }], asOf }),
});

describe("chosenWindow", () => {
  it("shows the current window by default: the worked example's 2024", () => {
    const chosen = chosenWindow(progress("2024-07-01"), { kind: "current" }, period, "2024-07-01");
    expect(chosen).toMatchObject({ kind: "current", isRunning: true, window: { start: "2024-02-27", actual: 30, status: "at_risk" } });
  });

  it("shows a named window, and the whole period", () => {
    expect(chosenWindow(progress("2024-07-01"), { kind: "window", start: "2025-01-01" }, period, "2024-07-01")).toMatchObject({
      kind: "window",
      isRunning: false,
      window: { start: "2025-01-01", status: "upcoming" },
    });
    const whole = chosenWindow(progress("2024-07-01"), { kind: "period" }, period, "2024-07-01");
    expect(whole?.kind).toBe("period");
    expect(whole?.window.target).toBeCloseTo(184.426_23, 4);
  });

  it("falls back to the current window when the named one does not exist", () => {
    expect(chosenWindow(progress("2024-07-01"), { kind: "window", start: "2030-01-01" }, period, "2024-07-01")?.kind).toBe("current");
  });

  it("after the period, shows the last window that ended, not running", () => {
    expect(chosenWindow(progress("2026-03-01"), { kind: "current" }, period, "2026-03-01")).toMatchObject({
      kind: "current",
      isRunning: false,
      window: { start: "2025-01-01", status: "missed" },
    });
  });
});

describe("windowOptions", () => {
  it("offers the current window, each year by name, and the whole period", () => {
    expect(windowOptions(progress("2024-07-01"), sv, "sv-SE")).toEqual([
      { value: "current", label: "Aktuellt år" },
      { value: "2024-02-27", label: "2024" },
      { value: "2025-01-01", label: "2025" },
      { value: "period", label: "Hela perioden" },
    ]);
  });

  it("offers just the whole period for a commitment measured over the whole period", () => {
    expect(windowOptions({ cadence: "period", windows: [] }, sv, "sv-SE")).toEqual([{ value: "current", label: "Hela perioden" }]);
  });
});

describe("the status a chosen window shows", () => {
  it("is the commitment's own for the current window, and the window's own otherwise", () => {
    const termly = {
      cadence: "term" as const,
      ...computeCommitmentProgress({
        period: { start: "2024-01-01", end: "2024-12-31" },
        target: 2,
        cadence: "term",
        terms: [
          { name: "vt 2024", start: "2024-01-01", end: "2024-06-15" },
          { name: "ht 2024", start: "2024-08-15", end: "2024-12-31" },
        ],
        dailyTotals: [],
        asOf: "2024-07-01",
      }),
    };
    const period = { start: "2024-01-01", end: "2024-12-31" };
    // Between terms: the spring term, ended without a meeting, speaks for the commitment.
    expect(chosenWindow(termly, { kind: "current" }, period, "2024-07-01")?.status).toBe("missed");
    expect(chosenWindow(termly, { kind: "window", start: "2024-08-15" }, period, "2024-07-01")?.status).toBe("upcoming");
    expect(chosenWindow(termly, { kind: "period" }, period, "2024-07-01")?.status).toBe("behind");
  });
});
