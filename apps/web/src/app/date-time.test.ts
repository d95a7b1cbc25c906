import { describe, expect, it } from "vitest";
import { formatDateTime } from "./date-time";

describe("formatDateTime", () => {
  it("shows a UTC instant in Swedish summer time", () => {
    expect(formatDateTime("2026-07-01T10:00:00Z", "sv")).toBe("2026-07-01 12:00");
  });

  it("moves to the next day when it is already past midnight in Stockholm", () => {
    expect(formatDateTime("2026-01-15T23:30:05Z", "sv", { seconds: true })).toBe("2026-01-16 00:30:05");
  });

  it("shows what it cannot read as it came", () => {
    expect(formatDateTime("igår", "sv")).toBe("igår");
  });
});
