import { describe, expect, it } from "vitest";
import { displayWindow, roundTargetUp, roundUpToTenth } from "./display";

const window = (start: string, end: string) => ({ start, end });
const windows = [window("2024-01-01", "2024-06-15"), window("2024-08-15", "2024-12-31")];

describe("displayWindow", () => {
  it("is the current window when there is one", () => {
    const current = windows[1] ?? null;
    expect(displayWindow({ current, windows }, "2024-09-01")).toBe(current);
  });

  it("is the last window that ended, between terms and after the period", () => {
    expect(displayWindow({ current: null, windows }, "2024-07-01")).toBe(windows[0]);
    expect(displayWindow({ current: null, windows }, "2025-03-01")).toBe(windows[1]);
  });

  it("is the first window before the period, and nothing without windows", () => {
    expect(displayWindow({ current: null, windows }, "2023-12-01")).toBe(windows[0]);
    expect(displayWindow({ current: null, windows: [] }, "2024-01-01")).toBeNull();
  });
});

describe("rounding for people", () => {
  it("rounds a pro-rated target up (the worked example's 84.426… becomes 85), but not float noise", () => {
    expect(roundTargetUp((100 * 309) / 366)).toBe(85);
    expect(roundTargetUp(200.00000000000003)).toBe(200);
  });

  it("rounds a weekly pace up to a tenth (the worked example's 2.0819… becomes 2.1)", () => {
    expect(roundUpToTenth(2.081_967)).toBe(2.1);
    expect(roundUpToTenth(3.8)).toBe(3.8);
  });
});
