import { describe, expect, it } from "vitest";
import { readPromiseJson } from "./import-model";

const valid = {
  title: "Medborgarlöfte Backa 2026",
  area: "Hisings Backa",
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  commitments: [
    { title: "Trygghetsvandringar", activityType: "safety_walk", unit: "vandringar", target: 4, cadence: "year", organisations: ["Polisen"] },
  ],
};

describe("readPromiseJson", () => {
  it("reads a promise in the format of POST /api/promises, defaults filled in", () => {
    const reading = readPromiseJson(JSON.stringify(valid));
    expect(reading.ok).toBe(true);
    if (reading.ok) {
      expect(reading.promise.status).toBe("draft");
      expect(reading.promise.commitments[0]?.target).toBe(4);
    }
  });

  it("refuses text that is not JSON", () => {
    expect(readPromiseJson("{ title: 'x' ")).toMatchObject({ ok: false, problem: "notJson" });
    expect(readPromiseJson("   ")).toMatchObject({ ok: false, problem: "empty" });
  });

  it("names each field the schema refuses, in Swedish", () => {
    const reading = readPromiseJson(JSON.stringify({ ...valid, commitments: [{ ...valid.commitments[0], target: 1.5 }] }));
    expect(reading).toEqual({
      ok: false,
      problem: "invalid",
      issues: [{ path: "commitments.0.target", message: "Målet måste vara ett heltal." }],
    });
  });

  it("refuses a period that ends before it starts", () => {
    expect(readPromiseJson(JSON.stringify({ ...valid, endDate: "2025-12-31" }))).toEqual({
      ok: false,
      problem: "invalid",
      issues: [{ path: "endDate", message: "Slutdatumet ligger före startdatumet." }],
    });
  });
});
