import { describe, expect, it } from "vitest";
import { activityRuleViolations, personalDataViolations } from "./activity-rules";

const period = { start: "2024-02-27", end: "2025-12-31" };
// 2024-07-01 12:00 in Stockholm (CEST, UTC+2)
const now = new Date("2024-07-01T10:00:00Z");
const check = (overrides: Partial<Parameters<typeof activityRuleViolations>[0]> = {}) =>
  activityRuleViolations({ occurredAt: "2024-05-02", quantity: 1, period, promiseStatus: "published", now, ...overrides });
const codes = (overrides: Partial<Parameters<typeof activityRuleViolations>[0]> = {}) => check(overrides).map((v) => `${v.path}:${v.code}`);

describe("activityRuleViolations", () => {
  it("accepts an ordinary activity inside the period", () => {
    expect(check()).toEqual([]);
  });

  it("accepts the first and the last day of the period, and today", () => {
    expect(codes({ occurredAt: "2024-02-27" })).toEqual([]);
    expect(codes({ occurredAt: "2025-12-31", now: new Date("2026-01-05T12:00:00Z") })).toEqual([]);
    expect(codes({ occurredAt: "2024-07-01" })).toEqual([]);
  });

  it("refuses a date before the period and a date after it", () => {
    expect(codes({ occurredAt: "2024-02-26" })).toEqual(["occurredAt:outside_period"]);
    expect(codes({ occurredAt: "2026-01-01", now: new Date("2026-03-01T12:00:00Z") })).toEqual(["occurredAt:outside_period"]);
  });

  it("judges a timestamp by its Stockholm date: 22:59 UTC on 26 Feb is still 26 Feb there", () => {
    expect(codes({ occurredAt: "2024-02-26T22:59:59Z" })).toEqual(["occurredAt:outside_period"]);
    expect(codes({ occurredAt: "2024-02-26T23:00:00Z" })).toEqual([]);
  });

  it("refuses a plain date after today in Stockholm, even when it is already that day in UTC+14", () => {
    expect(codes({ occurredAt: "2024-07-02" })).toEqual(["occurredAt:in_future"]);
    // 23:30 Stockholm time on 1 July: still 1 July, so 2 July is future.
    expect(codes({ occurredAt: "2024-07-02", now: new Date("2024-07-01T21:30:00Z") })).toEqual(["occurredAt:in_future"]);
    expect(codes({ occurredAt: "2024-07-02", now: new Date("2024-07-01T22:00:00Z") })).toEqual([]);
  });

  it("allows a timestamp up to five minutes ahead of the clock, not more", () => {
    expect(codes({ occurredAt: "2024-07-01T10:05:00Z" })).toEqual([]);
    expect(codes({ occurredAt: "2024-07-01T10:05:01Z" })).toEqual(["occurredAt:in_future"]);
  });

  it.each([0, -1, 10_001, 2.5])("refuses quantity %s", (quantity) => {
    expect(codes({ quantity })).toEqual(["quantity:quantity_out_of_range"]);
  });

  it.each([1, 10_000])("accepts quantity %s", (quantity) => {
    expect(codes({ quantity })).toEqual([]);
  });

  it("refuses an activity on an archived promise", () => {
    expect(codes({ promiseStatus: "archived" })).toEqual(["commitmentId:promise_archived"]);
  });

  it("reports every broken rule at once", () => {
    expect(codes({ quantity: 0, occurredAt: "2023-01-01", promiseStatus: "archived" })).toEqual([
      "quantity:quantity_out_of_range",
      "commitmentId:promise_archived",
      "occurredAt:outside_period",
    ]);
  });

  it("explains in Swedish which dates the period has", () => {
    const [violation] = check({ occurredAt: "2024-01-15" });
    expect(violation?.message).toBe("Datumet 2024-01-15 ligger utanför löftets period 2024-02-27 – 2025-12-31.");
  });
});

describe("personalDataViolations", () => {
  it("names every field that holds a personnummer", () => {
    expect(
      personalDataViolations([
        ["note", "Samtal med 850709-9805"],
        ["place", "Hammarkullen"],
        ["reason", "Fel, gällde 198507099805"],
      ]).map((v) => v.path),
    ).toEqual(["note", "reason"]);
  });

  it("lets empty fields and ordinary digits pass", () => {
    expect(personalDataViolations([["note", null], ["place", undefined], ["note", "Ring 031-365 00 00 den 2024-05-02"]])).toEqual([]);
  });
});
