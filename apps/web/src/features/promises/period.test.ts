import { describe, expect, it } from "vitest";
import { formatPeriod, periodPhase, pickFeaturedPromise } from "./period";

const promise = (id: number, startDate: string, endDate: string) => ({ id, startDate, endDate });

describe("periodPhase", () => {
  const period = { startDate: "2024-02-27", endDate: "2025-12-31" };

  it("calls a period ongoing on its first and its last day", () => {
    expect(periodPhase(period, "2024-02-27")).toBe("ongoing");
    expect(periodPhase(period, "2025-12-31")).toBe("ongoing");
  });

  it("calls a period upcoming before it starts and ended after its last day", () => {
    expect(periodPhase(period, "2024-02-26")).toBe("upcoming");
    expect(periodPhase(period, "2026-01-01")).toBe("ended");
  });
});

describe("formatPeriod", () => {
  it("writes a period Swedish style with an en dash", () => {
    expect(formatPeriod({ startDate: "2024-02-27", endDate: "2025-12-31" })).toBe("2024-02-27 – 2025-12-31");
  });
});

describe("pickFeaturedPromise", () => {
  const nordost = promise(3, "2023-01-01", "2024-12-31");
  const backa = promise(2, "2024-02-27", "2025-12-31");
  const example = promise(1, "2026-01-01", "2027-12-31");

  it("picks the promise whose period contains today", () => {
    expect(pickFeaturedPromise([nordost, backa, example], "2026-11-22")).toBe(example);
  });

  it("picks the first of several ongoing promises", () => {
    expect(pickFeaturedPromise([nordost, backa], "2024-06-01")).toBe(nordost);
  });

  it("picks the promise that ended most recently when none is ongoing", () => {
    expect(pickFeaturedPromise([nordost, backa], "2026-03-01")).toBe(backa);
  });

  it("picks the promise that starts first when all are upcoming", () => {
    expect(pickFeaturedPromise([example, backa], "2020-01-01")).toBe(backa);
  });

  it("has nothing to pick from an empty list", () => {
    expect(pickFeaturedPromise([], "2026-11-22")).toBeNull();
  });
});
