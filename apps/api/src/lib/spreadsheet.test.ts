import { describe, expect, it } from "vitest";
import { csvBytes, encodeWindows1252 } from "../test-support/import-files";
import { decodeCsv, detectDelimiter, readSpreadsheet } from "./spreadsheet";

describe("decodeCsv", () => {
  it("reads Windows-1252 when the bytes are not UTF-8, including €, dashes and curly quotes", () => {
    const text = "Plats;Anteckning\r\nÅsa torg;Möte – 50 € ”fika”\r\n";
    expect(decodeCsv(encodeWindows1252(text))).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads UTF-8 with and without a byte order mark, and drops the mark", () => {
    const text = "Plats\r\nÅsa torg – Möte\r\n";
    expect(decodeCsv(Buffer.from(text, "utf8"))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toEqual({ text, encoding: "utf-8" });
  });

  it("reads UTF-16 with a byte order mark", () => {
    const text = "Plats\tAntal\r\nÅsa torg\t3\r\n";
    expect(decodeCsv(csvBytes([["Plats", "Antal"], ["Åsa torg", 3]], { delimiter: "\t", encoding: "utf-16le-bom" }))).toEqual({ text, encoding: "utf-16le" });
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["Åtagande-id;Datum;Antal\r\n1;2024-03-14;2,5", ";"],
    ["commitmentId,date,quantity\n1,2024-03-14,2", ","],
    ["Åtagande\tDatum\n1\t2024-03-14", "\t"],
    ["Åtagande;Anteckning, fri text\r\n1;a, b", ";"],
    ["Datum\r\n2024-03-14", ";"],
  ])("finds the separator of %j: %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("readSpreadsheet (CSV)", () => {
  it("numbers rows by their line in the file across empty lines and cells with line breaks", async () => {
    const text = 'Åtagande-id;Plats\r\n1;Torget\r\n\r\n;\r\n2;"Två\r\nrader"\r\n3;Sist\r\n';
    const sheet = await readSpreadsheet("csv", Buffer.from(text, "utf8"));
    expect(sheet.headers).toEqual(["Åtagande-id", "Plats"]);
    expect(sheet.rows).toEqual([
      { line: 2, cells: ["1", "Torget"] },
      { line: 5, cells: ["2", "Två\r\nrader"] },
      { line: 7, cells: ["3", "Sist"] },
    ]);
  });

  it("drops empty trailing header cells and keeps short rows short", async () => {
    const sheet = await readSpreadsheet("csv", Buffer.from("Åtagande-id;Datum;;\r\n1\r\n", "utf8"));
    expect(sheet.headers).toEqual(["Åtagande-id", "Datum"]);
    expect(sheet.rows).toEqual([{ line: 2, cells: ["1"] }]);
  });

  it("accepts a stray quote inside an unquoted cell", async () => {
    const sheet = await readSpreadsheet("csv", Buffer.from('Plats;Anteckning\r\nTorget;Sa "hej"\r\n', "utf8"));
    expect(sheet.rows[0]?.cells).toEqual(["Torget", 'Sa "hej"']);
  });
});
