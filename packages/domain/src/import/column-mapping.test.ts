import { describe, expect, it } from "vitest";
import { completeMapping, normaliseHeader, suggestImportMapping } from "./column-mapping";

describe("suggestImportMapping", () => {
  it("maps every column of the template", () => {
    expect(suggestImportMapping(["Åtagande-id", "Datum", "Antal", "Aktör", "Plats", "Anteckning"])).toEqual({
      commitment: "Åtagande-id",
      date: "Datum",
      quantity: "Antal",
      organisation: "Aktör",
      place: "Plats",
      note: "Anteckning",
    });
  });

  it("knows the API's English field names", () => {
    expect(suggestImportMapping(["commitmentId", "occurredAt", "quantity", "organisation", "place", "note"])).toEqual({
      commitment: "commitmentId",
      date: "occurredAt",
      quantity: "quantity",
      organisation: "organisation",
      place: "place",
      note: "note",
    });
  });

  it("matches headers with extra words, case and punctuation, and leaves unknown columns out", () => {
    expect(suggestImportMapping(["DATUM", "Åtagande", "Antal (st)", "Kommentarer", "Handläggare"])).toEqual({
      commitment: "Åtagande",
      date: "DATUM",
      quantity: "Antal (st)",
      note: "Kommentarer",
    });
  });

  it("uses a header for one field only, and prefers the id column to the title column", () => {
    expect(suggestImportMapping(["Åtagande", "Åtagande-id", "Datum"])).toEqual({ commitment: "Åtagande-id", date: "Datum" });
  });

  it("suggests nothing for headers it does not know", () => {
    expect(suggestImportMapping(["A", "B", ""])).toEqual({});
  });
});

describe("completeMapping", () => {
  it("is null until both the commitment and the date have a column", () => {
    expect(completeMapping({ commitment: "Åtagande-id" })).toBeNull();
    expect(completeMapping({ commitment: "Åtagande-id", date: "Datum", note: "Anteckning" })).toEqual({
      commitment: "Åtagande-id",
      date: "Datum",
      note: "Anteckning",
    });
  });
});

describe("normaliseHeader", () => {
  it("folds Swedish letters and drops punctuation", () => {
    expect(normaliseHeader(" Åtagande-id ")).toBe("atagandeid");
    expect(normaliseHeader("Aktör")).toBe("aktor");
    expect(normaliseHeader("Ställe")).toBe("stalle");
  });
});
