import { describe, expect, it } from "vitest";
import type { LoggableCommitment } from "../quick-log/loggable";
import { isoWeekOf } from "../../app/iso-week";
import { cellKey, isOpenDay, mondayOf, parseCell, refusalsByCell, weekBatch, weekDays, weekFromParam } from "./week-grid-model";

const commitment = (id: number, organisations: string[]): LoggableCommitment => ({
  id,
  promiseId: 1,
  title: `Åtagande ${id}`,
  description: null,
  theme: null,
  activityType: "meeting_place_activity",
  unit: "aktiviteter",
  target: 3500,
  cadence: "year",
  organisations,
  promiseTitle: "Nordost",
  period: { start: "2026-01-01", end: "2026-11-19" },
});

describe("the week", () => {
  it("starts on Monday, whatever day is asked for", () => {
    expect(mondayOf("2026-11-22")).toBe("2026-11-16"); // a Sunday
    expect(mondayOf("2026-11-16")).toBe("2026-11-16");
    expect(mondayOf("2026-01-01")).toBe("2025-12-29");
    expect(weekDays("2026-11-16")).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]);
  });

  it("reads the week from the address, or takes this week", () => {
    expect(weekFromParam("2026-11-12", "2026-11-22")).toBe("2026-11-09");
    expect(weekFromParam("nästa vecka", "2026-11-22")).toBe("2026-11-16");
    expect(weekFromParam(null, "2026-11-22")).toBe("2026-11-16");
  });

  it("numbers weeks as ISO 8601 does", () => {
    expect(isoWeekOf("2026-11-16")).toEqual({ week: 47, year: 2026 });
    expect(isoWeekOf("2024-12-30")).toEqual({ week: 1, year: 2025 });
    expect(isoWeekOf("2021-01-03")).toEqual({ week: 53, year: 2020 });
  });

  it("opens only days inside the period and not in the future", () => {
    const c = commitment(1, ["Mötesplatserna"]);
    expect(isOpenDay(c, "2026-11-19", "2026-11-22")).toBe(true);
    expect(isOpenDay(c, "2026-11-20", "2026-11-22")).toBe(false); // after the period
    expect(isOpenDay({ period: { start: "2026-01-01", end: "2026-12-31" } }, "2026-11-23", "2026-11-22")).toBe(false);
  });
});

describe("weekBatch", () => {
  it("turns the filled-in cells into one activity each, remembering which cell", () => {
    const values = new Map([
      [cellKey(1, "2026-11-16"), "12"],
      [cellKey(1, "2026-11-17"), ""],
      [cellKey(1, "2026-11-18"), "0"],
      [cellKey(2, "2026-11-16"), " 3 "],
      [cellKey(2, "2026-11-17"), "2,5"],
    ]);
    const batch = weekBatch([commitment(1, ["Mötesplatserna"]), commitment(2, ["Polisen", "SSPF"])], weekDays("2026-11-16"), values);
    expect(batch.activities).toEqual([
      { commitmentId: 1, occurredAt: "2026-11-16", quantity: 12, organisation: "Mötesplatserna" },
      { commitmentId: 2, occurredAt: "2026-11-16", quantity: 3, organisation: "Polisen" },
    ]);
    expect(batch.cells).toEqual([cellKey(1, "2026-11-16"), cellKey(2, "2026-11-16")]);
    expect(batch.invalid).toEqual([cellKey(2, "2026-11-17")]);
  });

  it("reads a cell as empty, a count, or not a count", () => {
    expect(parseCell("")).toEqual({ kind: "empty" });
    expect(parseCell("70")).toEqual({ kind: "count", quantity: 70 });
    expect(parseCell("10001")).toEqual({ kind: "invalid" });
    expect(parseCell("-1")).toEqual({ kind: "invalid" });
  });

  it("puts the API's refusals back on their cells", () => {
    const cells = [cellKey(1, "2026-11-16"), cellKey(2, "2026-11-16")];
    const byCell = refusalsByCell(
      [
        { path: "activities.1.occurredAt", code: "outside_period", message: "Utanför perioden." },
        { path: "activities.1.quantity", code: "too_many", message: "För många." },
        { path: "activities", code: "x", message: "Hela listan." },
      ],
      cells,
    );
    expect([...byCell]).toEqual([[cellKey(2, "2026-11-16"), ["Utanför perioden.", "För många."]]]);
  });
});
