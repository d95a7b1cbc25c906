import { describe, expect, it } from "vitest";
import { formatPeriod, periodPhase } from "./period";

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
