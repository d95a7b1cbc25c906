import type { ImportRow } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { completeMapping, formatOf, rememberedMapping, rememberMapping, rowsToShow } from "./import-model";

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

describe("the import's file and mapping", () => {
  it("reads .csv (and .txt) as CSV and .xlsx as a workbook, nothing else", () => {
    expect(formatOf("Mötesplatser vecka 12.CSV")).toBe("csv");
    expect(formatOf("export.txt")).toBe("csv");
    expect(formatOf("SSPF.xlsx")).toBe("xlsx");
    expect(formatOf("gammal.xls")).toBeNull();
  });

  it("needs the commitment and date columns before rows can be read", () => {
    expect(completeMapping({ commitment: "Åtagande", quantity: "Antal" })).toBeNull();
    expect(completeMapping({ commitment: "Åtagande", date: "Datum", place: "" })).toEqual({ commitment: "Åtagande", date: "Datum" });
  });

  it("remembers a mapping for files with the same headers, per user, and ignores a header the file lacks", () => {
    const store = memory();
    const headers = ["Datum", "Vad", "Hur många"];
    rememberMapping(store, 3, headers, { commitment: "Vad", date: "Datum", quantity: "Hur många" });
    expect(rememberedMapping(store, 3, headers)).toEqual({ commitment: "Vad", date: "Datum", quantity: "Hur många" });
    expect(rememberedMapping(store, 4, headers)).toBeNull();
    expect(rememberedMapping(store, 3, ["Datum", "Vad"])).toBeNull();
  });
});

describe("rowsToShow", () => {
  const row = (line: number, status: ImportRow["status"]): ImportRow => ({
    row: line,
    status,
    problems: [],
    activity: null,
    duplicateOf: null,
    values: null,
  });

  it("lists rows with errors first, then duplicates, then the rest, each in file order, up to a limit", () => {
    const rows = [row(2, "ok"), row(3, "error"), row(4, "duplicate"), row(5, "error"), row(6, "ok")];
    expect(rowsToShow(rows).map((r) => r.row)).toEqual([3, 5, 4, 2, 6]);
    expect(rowsToShow(rows, 2).map((r) => r.row)).toEqual([3, 5]);
  });
});
