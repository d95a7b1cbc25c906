import { stringify, type Options } from "csv-stringify/sync";
import type { Context } from "hono";
import { z } from "zod";

/** One cell: text, a number (written with a decimal comma), or null for an empty cell. */
export type CsvCell = string | number | null;

/** A CSV file as a service produces it: the name to offer and its text. */
export type CsvFile = { filename: string; body: string };

/**
 * The dialect Excel in Swedish opens with a double click (https://csv.js.org/stringify/options/):
 * `;` because the comma is the Swedish decimal sign, CRLF, and a UTF-8 BOM, without which Excel
 * reads the file as Windows-1252 and å/ä/ö come out garbled.
 */
const OPTIONS: Options = {
  delimiter: ";",
  record_delimiter: "windows",
  // Given a record_delimiter, csv-stringify stops quoting values with a bare \n or \r; a note of
  // several lines must stay one cell.
  quote_record_delimiter: true,
  // OWASP CSV injection: a cell starting with = + - @ tab or CR is prefixed with ' so that a
  // spreadsheet shows it as text instead of running it (https://owasp.org/www-community/attacks/CSV_Injection).
  // Numbers are not touched, so a negative number stays a number.
  escape_formulas: true,
  cast: { number: (value) => String(value).replace(".", ",") },
};

/** Rows are written a chunk at a time, so a large export never holds every row's cells at once. */
const CHUNK_ROWS = 2000;

/** A CSV text with a header row, in the Swedish Excel dialect above. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const parts = [stringify([header], { ...OPTIONS, bom: true })];
  let chunk: (readonly CsvCell[])[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === CHUNK_ROWS) {
      parts.push(stringify(chunk, OPTIONS));
      chunk = [];
    }
  }
  if (chunk.length) parts.push(stringify(chunk, OPTIONS));
  return parts.join("");
}

/** A file download. The name is kept to ASCII: the plain `filename=` parameter is ASCII only (RFC 6266). */
export function csvResponse(c: Context, { filename, body }: CsvFile) {
  const safeName = filename.replace(/[^A-Za-z0-9._-]+/g, "-");
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safeName}"`,
  });
}

/** The OpenAPI description of a CSV response. */
export const csvContent = (description: string) => ({
  content: {
    "text/csv": {
      schema: z.string().meta({ description: "UTF-8 with BOM, `;`-separated, CRLF, decimal comma, first row the Swedish headers" }),
    },
  },
  description,
});
