import { describe, expect, it } from "vitest";
import { cellText, cellTextOrNull, readImportDate, readImportQuantity, type SpreadsheetCell } from "./spreadsheet-values";

const date = (cell: SpreadsheetCell) => {
  const reading = readImportDate(cell);
  return reading.ok ? reading.value : { code: reading.code, message: reading.message };
};

describe("readImportDate", () => {
  it.each([
    ["2024-03-14", "2024-03-14", "2024-03-14"],
    [" 2024-03-14 ", "2024-03-14", "2024-03-14"],
    ["2024-3-4", "2024-03-04", "2024-03-04"],
    ["2024/03/14", "2024-03-14", "2024-03-14"],
    ["14.3.2024", "2024-03-14", "2024-03-14"],
    ["14/03/2024", "2024-03-14", "2024-03-14"],
    ["14-03-2024", "2024-03-14", "2024-03-14"],
    ["20240314", "2024-03-14", "2024-03-14"],
    ["2024-03-14 00:00", "2024-03-14", "2024-03-14"],
  ])("reads the date %j as the local day %s", (text, occurredAt, localDate) => {
    expect(date(text)).toEqual({ occurredAt, localDate });
  });

  it.each([
    ["2024-03-14 12:30", "2024-03-14T12:30:00+01:00", "2024-03-14"],
    ["2024-07-01 18:05:30", "2024-07-01T18:05:30+02:00", "2024-07-01"],
    ["2024-07-01T08.15", "2024-07-01T08:15:00+02:00", "2024-07-01"],
    ["14.3.2024 9:05", "2024-03-14T09:05:00+01:00", "2024-03-14"],
    ["31/12/2024 23:30", "2024-12-31T23:30:00+01:00", "2024-12-31"],
  ])("reads %j as Stockholm wall-clock time %s", (text, occurredAt, localDate) => {
    expect(date(text)).toEqual({ occurredAt, localDate });
  });

  it("keeps an ISO timestamp with an offset as written, and dates it in Stockholm", () => {
    expect(date("2024-12-31T23:30:00Z")).toEqual({ occurredAt: "2024-12-31T23:30:00Z", localDate: "2025-01-01" });
  });

  it("reads .xlsx date cells by their digits, rounded to the minute", () => {
    expect(date(new Date(Date.UTC(2024, 2, 14)))).toEqual({ occurredAt: "2024-03-14", localDate: "2024-03-14" });
    // 18:30 stored as a binary fraction comes back as 18:29:59.999.
    expect(date(new Date(Date.UTC(2024, 2, 14, 18, 29, 59, 999)))).toEqual({ occurredAt: "2024-03-14T18:30:00+01:00", localDate: "2024-03-14" });
  });

  it("reads .xlsx date serial numbers: 45365 is 2024-03-14, 45365.75 is 18:00 that day", () => {
    expect(date(45_365)).toEqual({ occurredAt: "2024-03-14", localDate: "2024-03-14" });
    expect(date(45_365.75)).toEqual({ occurredAt: "2024-03-14T18:00:00+01:00", localDate: "2024-03-14" });
  });

  it.each([
    [null, "date_missing"],
    ["", "date_missing"],
    ["   ", "date_missing"],
    ["igår", "date_unreadable"],
    ["2024-02-30", "date_unreadable"],
    ["31.4.2024", "date_unreadable"],
    ["2024-03-14 25:00", "date_unreadable"],
    ["14/03/24", "date_unreadable"],
    ["2024-03-14T10:00:00+25:00", "date_unreadable"],
    [-3, "date_unreadable"],
    [true, "date_unreadable"],
  ] as [SpreadsheetCell, string][])("refuses %j with %s and a Swedish message", (cell, code) => {
    const reading = date(cell);
    expect(reading).toMatchObject({ code });
    expect((reading as { message: string }).message).toMatch(/Datum/);
  });

  it("asks for a four-digit year when the year has two", () => {
    expect(date("14/03/24")).toMatchObject({ message: expect.stringContaining("hela året") });
  });
});

describe("readImportQuantity", () => {
  it.each([
    ["3", 3],
    [" 3 ", 3],
    ["2,0", 2],
    ["2.00", 2],
    ["1 000", 1000],
    ["1\u00a0000", 1000],
    ["0", 0],
    ["-2", -2],
    ["", 1],
    [null, 1],
    [70, 70],
  ] as [SpreadsheetCell, number][])("reads %j as %i", (cell, quantity) => {
    expect(readImportQuantity(cell)).toEqual({ ok: true, value: quantity });
  });

  it.each([
    ["2,5", "quantity_not_whole"],
    [2.5, "quantity_not_whole"],
    ["två", "quantity_unreadable"],
    ["3 st", "quantity_unreadable"],
    ["1 00", "quantity_unreadable"],
    [true, "quantity_unreadable"],
  ] as [SpreadsheetCell, string][])("refuses %j with %s", (cell, code) => {
    expect(readImportQuantity(cell)).toMatchObject({ ok: false, code, message: expect.stringContaining("Antal") });
  });
});

describe("cell text", () => {
  it("trims text, shows numbers and dates as a spreadsheet does, and turns empty cells into null", () => {
    expect(cellText("  Hammarkullen torg ")).toBe("Hammarkullen torg");
    expect(cellText(12)).toBe("12");
    expect(cellText(new Date(Date.UTC(2024, 2, 14)))).toBe("2024-03-14");
    expect(cellText(new Date(Date.UTC(2024, 2, 14, 18, 30)))).toBe("2024-03-14 18:30");
    expect(cellTextOrNull("   ")).toBeNull();
    expect(cellTextOrNull(null)).toBeNull();
  });
});
