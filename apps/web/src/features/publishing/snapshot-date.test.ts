import { describe, expect, it } from "vitest";
import { defaultSnapshotDate, snapshotDateProblem } from "./snapshot-date";

const bounds = { today: "2026-03-12", start: "2025-01-01" };

describe("snapshotDateProblem", () => {
  it("accepts today, the promise's first day and any day between", () => {
    expect(snapshotDateProblem("2026-03-12", bounds)).toBeNull();
    expect(snapshotDateProblem("2025-01-01", bounds)).toBeNull();
    expect(snapshotDateProblem("2025-07-31", bounds)).toBeNull();
  });

  it("refuses a day still to come", () => {
    expect(snapshotDateProblem("2026-03-13", bounds)).toBe("dateFuture");
  });

  it("refuses a day before the promise began", () => {
    expect(snapshotDateProblem("2024-12-31", bounds)).toBe("dateBeforeStart");
  });

  it("asks for a date when the field is empty or not a date", () => {
    expect(snapshotDateProblem("", bounds)).toBe("dateMissing");
    expect(snapshotDateProblem("12 mars", bounds)).toBe("dateMissing");
  });
});

describe("defaultSnapshotDate", () => {
  it("is today once the promise has begun", () => {
    expect(defaultSnapshotDate(bounds)).toBe("2026-03-12");
  });

  it("is the first day of a promise that has not begun", () => {
    expect(defaultSnapshotDate({ today: "2026-03-12", start: "2026-06-01" })).toBe("2026-06-01");
  });
});
