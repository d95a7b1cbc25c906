import { describe, expect, it } from "vitest";
import { nextPeriod } from "./renew-period";

describe("nextPeriod", () => {
  it("follows two calendar years with the next two", () => {
    expect(nextPeriod({ startDate: "2024-01-01", endDate: "2025-12-31" })).toEqual({ startDate: "2026-01-01", endDate: "2027-12-31" });
  });

  it("follows whole months with as many months, whatever their lengths", () => {
    expect(nextPeriod({ startDate: "2024-09-01", endDate: "2025-02-28" })).toEqual({ startDate: "2025-03-01", endDate: "2025-08-31" });
    expect(nextPeriod({ startDate: "2023-03-01", endDate: "2024-02-29" })).toEqual({ startDate: "2024-03-01", endDate: "2025-02-28" });
  });

  it("follows any other period with as many days, starting the day after it ended", () => {
    // 2024-02-27 – 2024-12-31 is 309 days.
    expect(nextPeriod({ startDate: "2024-02-27", endDate: "2024-12-31" })).toEqual({ startDate: "2025-01-01", endDate: "2025-11-05" });
  });
});
