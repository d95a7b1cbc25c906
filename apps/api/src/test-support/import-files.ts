/**
 * Spreadsheet files as Excel and other programs write them, for the import tests and the import
 * benchmark: CSV text in a chosen encoding, base64 for the API.
 */

/** Windows-1252 bytes 0x80–0x9F that are not the Unicode code point of the same number. */
const WINDOWS_1252_EXTRA: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };

/** Text as Windows-1252 bytes, as Swedish Excel saves "CSV (semikolonavgränsad)". Throws on a character it cannot hold. */
export function encodeWindows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    const code = text.charCodeAt(i);
    const extra = WINDOWS_1252_EXTRA[char];
    if (extra !== undefined) bytes[i] = extra;
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
    else throw new Error(`not in Windows-1252: ${char}`);
  }
  return bytes;
}

export type CsvOptions = { delimiter?: ";" | "," | "\t"; encoding?: "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le-bom" };

/** A CSV file's bytes: rows joined with the delimiter and CRLF (cells are written as given, no quoting). */
export function csvBytes(rows: readonly (readonly (string | number)[])[], { delimiter = ";", encoding = "utf-8" }: CsvOptions = {}): Buffer {
  const text = `${rows.map((row) => row.join(delimiter)).join("\r\n")}\r\n`;
  switch (encoding) {
    case "windows-1252":
      return encodeWindows1252(text);
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf-16le-bom":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    default:
      return Buffer.from(text, "utf8");
  }
}

/** The template's headers: a file with them needs no mapping. */
export const TEMPLATE_HEADER_ROW = ["Åtagande-id", "Datum", "Antal", "Aktör", "Plats", "Anteckning"] as const;
