import { describe, expect, it } from "vitest";
import * as domain from "./index";

describe("the package entry", () => {
  it("exposes the progress engine, the calendar and the privacy check", () => {
    expect(domain.CADENCES).toEqual(["period", "year", "term", "month"]);
    expect(domain.STATUSES).toHaveLength(7);
    for (const name of [
      "computeCommitmentProgress",
      "dailyTotalsFromActivities",
      "splitPeriodIntoWindows",
      "windowStatus",
      "findPersonalIdentityNumbers",
      "containsPersonalIdentityNumber",
      "toDayNumber",
      "localDateOfOccurredAt",
      "todayInStockholm",
    ] as const) {
      expect(typeof domain[name]).toBe("function");
    }
  });
});
