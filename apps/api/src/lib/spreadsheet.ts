import { IMPORT_MAX_ROWS } from "@lofteskollen/contracts";
import { cellText, type SpreadsheetCell } from "@lofteskollen/domain";
import { CsvError, parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { InvalidInputError, InvalidSpreadsheetError, readSheet } from "read-excel-file/node";
import { AppError } from "./errors";

export type SpreadsheetFormat = "csv" | "xlsx";
export type CsvEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";
export type CsvDelimiter = ";" | "," | "\t";

/** A data row: where it is in the file (the header is line 1) and its cells in header order. */
export type SpreadsheetRow = { line: number; cells: SpreadsheetCell[] };

/** A spreadsheet as an import reads it: the header row, the data rows, and how a CSV was read. */
export type Spreadsheet = {
  headers: string[];
  rows: SpreadsheetRow[];
  encoding: CsvEncoding | null;
  delimiter: CsvDelimiter | null;
};

const unreadable = (message: string) =>
  new AppError(400, "unreadable_file", message, [{ path: "content", code: "unreadable_file", message }]);

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);

/** Reads the first sheet of an .xlsx file or a CSV file into a header row and data rows. */
export async function readSpreadsheet(format: SpreadsheetFormat, bytes: Buffer): Promise<Spreadsheet> {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw unreadable("Filen är i Excels gamla format (.xls). Spara den som Excel-arbetsbok (.xlsx) eller CSV och försök igen.");
  }
  if (format === "xlsx") return readXlsx(bytes);
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    throw unreadable("Filen är en Excel-arbetsbok (.xlsx), inte en CSV-fil. Välj formatet xlsx.");
  }
  return readCsv(bytes);
}

async function readXlsx(bytes: Buffer): Promise<Spreadsheet> {
  let data: SpreadsheetCell[][];
  try {
    // A Buffer, never a string: read-excel-file/node reads a string as a path on the server.
    data = (await readSheet(bytes)) as SpreadsheetCell[][];
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof InvalidSpreadsheetError) {
      throw unreadable("Filen går inte att läsa som en Excel-arbetsbok (.xlsx). Är den en CSV-fil? Välj då formatet csv.");
    }
    throw error;
  }
  // The sheet's row n is data[n - 1]: its numbers are what Excel shows beside each row.
  return toSpreadsheet(
    data.map((cells, i) => ({ line: i + 1, cells })),
    null,
    null,
  );
}

/**
 * The text of a CSV file. Excel in Swedish saves "CSV UTF-8" (with a byte order mark) or plain
 * "CSV" in Windows-1252; "Unicode text" is UTF-16 with a byte order mark. Without a mark, bytes
 * that are not valid UTF-8 are Windows-1252 (every byte is a character there).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not TextDecoder("windows-1252"): Node 20 decodes that label as ISO-8859-1, which turns
    // 0x80–0x9F (€, the dashes –/—, curly quotes) into control characters.
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252"), encoding: "windows-1252" };
  }
}

/**
 * The field separator, from the header row: Swedish Excel writes `;` (the comma is the decimal
 * sign), other programs `,`, "Unicode text" a tab. The one that occurs most in the first line
 * wins; `;` when none does (a file of one column).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.indexOf("\n");
  const firstLine = end < 0 ? text : text.slice(0, end);
  let best: CsvDelimiter = ";";
  let bestCount = 0;
  for (const delimiter of [";", ",", "\t"] as const) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function readCsv(bytes: Buffer): Spreadsheet {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    // Sync parsing of the whole text: the file is in memory already, and it is the fastest path
    // (https://csv.js.org/parse/api/sync/). Empty lines are kept (as [""]) so that lines can be
    // counted; they are dropped below. Options that report line numbers per record cost more
    // than the rest of the parse (measured: 290 → 510 ms for 100 000 rows).
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw unreadable(
        `CSV-filen går inte att läsa${line ? ` (rad ${line})` : ""}: ${error.code === "CSV_QUOTE_NOT_CLOSED" ? "ett citattecken (\") stängs aldrig." : "kontrollera citattecken och avgränsare."}`,
      );
    }
    throw error;
  }
  let line = 1;
  const rows: SpreadsheetRow[] = [];
  for (const cells of records) {
    rows.push({ line, cells });
    // A quoted cell may hold line breaks: the next record starts that many lines further down.
    line += 1;
    for (const cell of cells) if (cell.includes("\n")) line += cell.split("\n").length - 1;
  }
  return toSpreadsheet(rows, encoding, delimiter);
}

const isEmptyRow = (cells: readonly SpreadsheetCell[]) => cells.every((cell) => cell === null || (typeof cell === "string" && cell.trim() === ""));

/** The first non-empty row is the header; empty rows (`;;;;` as Excel writes them) are dropped. */
function toSpreadsheet(all: SpreadsheetRow[], encoding: CsvEncoding | null, delimiter: CsvDelimiter | null): Spreadsheet {
  const rows = all.filter((row) => !isEmptyRow(row.cells));
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) throw unreadable("Filen är tom. Den första raden ska ha kolumnrubriker, t.ex. Åtagande-id;Datum;Antal.");
  const headers = headerRow.cells.map((cell) => cellText(cell));
  while (headers.length > 0 && headers.at(-1) === "") headers.pop();
  if (dataRows.length === 0) throw unreadable("Filen har bara en rubrikrad och inga rader att importera.");
  if (dataRows.length > IMPORT_MAX_ROWS) {
    throw new AppError(
      413,
      "too_many_rows",
      `Filen har ${dataRows.length.toLocaleString("sv-SE")} rader; högst ${IMPORT_MAX_ROWS.toLocaleString("sv-SE")} kan importeras på en gång. Dela upp filen.`,
      [{ path: "content", code: "too_many_rows", message: `Högst ${IMPORT_MAX_ROWS} rader.` }],
    );
  }
  return { headers, rows: dataRows, encoding, delimiter };
}
