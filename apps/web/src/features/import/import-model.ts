import type { ImportMappingInput, ImportRow, SuggestedImportMapping } from "@lofteskollen/contracts";
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from "@lofteskollen/domain";
import type { KeyValueStore } from "../quick-log/recent";

export type ImportFormat = "csv" | "xlsx";
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The format a file is read as, by its name; null for anything else (refused before upload). */
export function formatOf(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv") || name.endsWith(".txt")) return "csv";
  if (name.endsWith(".xlsx")) return "xlsx";
  return null;
}

/** The file's bytes as base64 (standard alphabet), as the import endpoints take them. */
export async function base64Of(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(",") + 1);
}

/** A mapping complete enough to read rows with: the commitment and the date columns chosen. */
export function completeMapping(mapping: SuggestedImportMapping): ImportMappingInput | null {
  if (!REQUIRED_IMPORT_FIELDS.every((field) => mapping[field])) return null;
  const result: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header) result[field] = header;
  }
  return result as ImportMappingInput;
}

// "Map columns once": a mapping chosen for a file is remembered for files with the same headers.
const mappingKey = (userId: number, headers: readonly string[]) => `lofteskollen:import-mapping:${userId}:${JSON.stringify(headers)}`;

export function rememberedMapping(store: KeyValueStore, userId: number, headers: readonly string[]): SuggestedImportMapping | null {
  try {
    const value = JSON.parse(store.getItem(mappingKey(userId, headers)) ?? "null") as Record<string, unknown> | null;
    if (!value || typeof value !== "object") return null;
    const mapping: SuggestedImportMapping = {};
    for (const field of IMPORT_FIELDS) {
      const header = value[field];
      if (typeof header === "string" && headers.includes(header)) mapping[field] = header;
    }
    return mapping;
  } catch {
    return null;
  }
}

export function rememberMapping(store: KeyValueStore, userId: number, headers: readonly string[], mapping: ImportMappingInput) {
  try {
    store.setItem(mappingKey(userId, headers), JSON.stringify(mapping));
  } catch {
    // A convenience only.
  }
}

/** How many rows the preview lists on screen; the counts always cover every row. */
export const PREVIEW_ROWS_SHOWN = 200;

/** The rows to list: those with errors first (they need fixing), then duplicates, then the rest, in file order. */
export function rowsToShow(rows: readonly ImportRow[], limit = PREVIEW_ROWS_SHOWN): ImportRow[] {
  const rank = { error: 0, duplicate: 1, ok: 2 } as const;
  return rows
    .map((row, index) => ({ row, index }))
    .toSorted((a, b) => rank[a.row.status] - rank[b.row.status] || a.index - b.index)
    .slice(0, limit)
    .map(({ row }) => row);
}

/** Whether two mappings name the same column for every field. */
export function sameMapping(a: SuggestedImportMapping, b: SuggestedImportMapping): boolean {
  return IMPORT_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}

/** The largest file the import takes: its base64 must fit the API's 30 MB body. */
export const MAX_FILE_BYTES = 22 * 1024 * 1024;
