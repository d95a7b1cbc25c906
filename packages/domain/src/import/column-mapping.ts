/** The fields an imported row can fill, in the order of the import template's columns. */
export const IMPORT_FIELDS = ["commitment", "date", "quantity", "organisation", "place", "note"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The fields every import must map to a column. */
export const REQUIRED_IMPORT_FIELDS = ["commitment", "date"] as const satisfies readonly ImportField[];

/** Which column (by its header) holds which field. */
export type ImportMapping = { commitment: string; date: string } & Partial<Record<"quantity" | "organisation" | "place" | "note", string>>;

/** The Swedish name of each field, as the template's headers and the messages say it. */
export const IMPORT_FIELD_LABELS_SV: Record<ImportField, string> = {
  commitment: "Åtagande-id",
  date: "Datum",
  quantity: "Antal",
  organisation: "Aktör",
  place: "Plats",
  note: "Anteckning",
};

/**
 * Header names each field is recognised by, normalised (see `normaliseHeader`), best first:
 * Swedish as people write them, and the API's English field names.
 */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  commitment: ["atagandeid", "commitmentid", "atagande", "atagandenr", "atagandenamn", "atagandetsid", "commitment"],
  date: ["datum", "date", "occurredat", "datumochtid", "tidpunkt", "genomford", "genomfort", "dag", "day"],
  quantity: ["antal", "quantity", "antaltillfallen", "antalaktiviteter", "count", "st", "styck"],
  organisation: ["aktor", "organisation", "organization", "utforare", "org", "ansvarigaktor"],
  place: ["plats", "place", "location", "stalle", "lokal", "adress"],
  note: ["anteckning", "anteckningar", "note", "notes", "kommentar", "kommentarer", "comment", "beskrivning", "notering"],
};

/** "Åtagande-id" → "atagandeid": lower case, å/ä → a, ö → o, accents and punctuation dropped. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}

/**
 * A first guess at the mapping from a file's headers, so that a file made from the template (or
 * with the usual Swedish or English headers) needs no choices. A header is used for at most one
 * field; an exact name wins over a header that only starts with one ("Antal (st)" → quantity).
 * Fields with no matching header are left out.
 */
export function suggestImportMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const suggestion: Partial<Record<ImportField, string>> = {};
  const pick = (field: ImportField, matches: (header: string, name: string) => boolean) => {
    if (suggestion[field] !== undefined) return;
    for (const name of HEADER_NAMES[field]) {
      const index = normalised.findIndex((header, i) => !used.has(i) && header !== "" && matches(header, name));
      const header = headers[index];
      if (index >= 0 && header !== undefined) {
        used.add(index);
        suggestion[field] = header;
        return;
      }
    }
  };
  for (const field of IMPORT_FIELDS) pick(field, (header, name) => header === name);
  for (const field of IMPORT_FIELDS) pick(field, (header, name) => name.length >= 4 && header.startsWith(name));
  return suggestion;
}

/** The mapping, when it names a column for every required field. */
export function completeMapping(mapping: Partial<Record<ImportField, string>>): ImportMapping | null {
  const { commitment, date } = mapping;
  if (!commitment || !date) return null;
  return { ...mapping, commitment, date };
}
