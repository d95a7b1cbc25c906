import { describe, expect, it } from "vitest";
import { readViewParams, viewSearch, windowChoiceFromValue, windowChoiceValue, writeViewParams } from "./view-params";

const today = "2026-11-22";
const params = (search: string) => new URLSearchParams(search);

describe("readViewParams", () => {
  it("shows today and each commitment's current window when the address says nothing", () => {
    expect(readViewParams(params(""), today)).toEqual({ asOf: today, isToday: true, window: { kind: "current" } });
  });

  it("reads a shared view: as of 31 December, the whole period", () => {
    expect(readViewParams(params("per=2024-12-31&fonster=hela"), today)).toEqual({
      asOf: "2024-12-31",
      isToday: false,
      window: { kind: "period" },
    });
  });

  it("reads a named window by its first day", () => {
    expect(readViewParams(params("fonster=2024-08-15"), today).window).toEqual({ kind: "window", start: "2024-08-15" });
  });

  it("falls back to the defaults for what it cannot read, instead of failing the page", () => {
    expect(readViewParams(params("per=2024-02-30&fonster=nästa"), today)).toEqual({
      asOf: today,
      isToday: true,
      window: { kind: "current" },
    });
  });
});

describe("writeViewParams", () => {
  it("writes a past date and a window, keeping other params", () => {
    const next = writeViewParams(params("omrade=Nordost"), { asOf: "2024-12-31", window: { kind: "period" } }, today);
    expect(next.toString()).toBe("omrade=Nordost&per=2024-12-31&fonster=hela");
  });

  it("leaves today and the current window out of the address", () => {
    const next = writeViewParams(params("per=2024-12-31&fonster=hela"), { asOf: today, window: { kind: "current" } }, today);
    expect(next.toString()).toBe("");
  });

  it("round-trips a window choice through a select's value", () => {
    for (const choice of [{ kind: "current" }, { kind: "period" }, { kind: "window", start: "2025-01-01" }] as const) {
      expect(windowChoiceFromValue(windowChoiceValue(choice))).toEqual(choice);
    }
  });
});

describe("viewSearch", () => {
  it("carries the date (and the whole-period choice) to the next page, not a window of this one", () => {
    expect(viewSearch(params("per=2024-12-31&fonster=hela&x=1"), { keepWindow: true })).toBe("?per=2024-12-31&fonster=hela");
    expect(viewSearch(params("per=2024-12-31&fonster=2024-01-01"), { keepWindow: true })).toBe("?per=2024-12-31");
    expect(viewSearch(params(""), { keepWindow: true })).toBe("");
  });
});
