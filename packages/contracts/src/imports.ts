import { IMPORT_FIELDS } from "@lofteskollen/domain";
import { z } from "zod";
import { LocalDateSchema } from "./common";

/** Data rows an import may hold (the header row not counted); more is 413. */
export const IMPORT_MAX_ROWS = 200_000;
/** The largest request body of the import endpoints: a base64 file of about 22 MB. */
export const IMPORT_MAX_BODY_BYTES = 30 * 1024 * 1024;

export const ImportFieldSchema = z.enum(IMPORT_FIELDS).meta({ id: "ImportField" });

const header = (field: string, label: string) =>
  z
    .string({ error: `Ange rubriken på kolumnen som innehåller ${label} (mapping.${field}).` })
    .trim()
    .min(1, { error: `Ange rubriken på kolumnen som innehåller ${label} (mapping.${field}).` })
    .max(200, { error: "En kolumnrubrik får vara högst 200 tecken." });

/** Which column (named by its header, exactly as in the file's first row) holds which field. */
export const ImportMappingSchema = z
  .object({
    commitment: header("commitment", "åtagandet (id eller exakt namn)"),
    date: header("date", "datumet"),
    quantity: header("quantity", "antalet").optional(),
    organisation: header("organisation", "aktören").optional(),
    place: header("place", "platsen").optional(),
    note: header("note", "anteckningen").optional(),
  })
  .meta({
    id: "ImportMapping",
    description:
      "Column headers per field. `commitment` and `date` are required; without `quantity` every row counts 1; without `organisation` the default of POST /api/activities applies.",
  });

/** The mapping the server guesses from the headers: any field may be missing. */
export const SuggestedImportMappingSchema = ImportMappingSchema.partial().meta({ id: "SuggestedImportMapping" });

// Standard base64 (RFC 4648 §4), line breaks allowed, as FileReader and btoa produce it.
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/** The body of `POST /api/imports/preview` and `POST /api/imports`. */
export const ImportFileSchema = z
  .object({
    format: z.enum(["csv", "xlsx"], { error: "Ange filformatet (format): \"csv\" eller \"xlsx\"." }),
    content: z
      .string({ error: "Skicka filens innehåll base64-kodat (content)." })
      .min(1, { error: "Filen är tom (content)." })
      .refine((value) => BASE64.test(value), { error: "Filens innehåll (content) är inte giltig base64." })
      .meta({ description: "The file's bytes, base64 (standard alphabet)" }),
    mapping: ImportMappingSchema.optional().meta({
      description: "Which column is which field. Left out: the server's `suggestedMapping` (from the headers) is used.",
    }),
    fileName: z
      .string({ error: "Filnamnet (fileName) måste vara text." })
      .trim()
      .max(255, { error: "Filnamnet får vara högst 255 tecken." })
      .optional()
      .meta({ description: "Shown in the answer and kept in the import's audit row" }),
  })
  .meta({ id: "ImportFile" });

export const ImportProblemSchema = z
  .object({
    field: z.union([ImportFieldSchema, z.literal("row")]).meta({ description: "The field (its column), or `row` for the whole row" }),
    code: z.string().meta({ example: "outside_period" }),
    message: z.string().meta({ example: "Datumet 2023-01-01 ligger utanför löftets period 2024-02-27 – 2025-12-31." }),
  })
  .meta({ id: "ImportProblem" });

/** The activity a row stands for, as it would be (or was) stored. */
export const ImportedActivitySchema = z
  .object({
    commitmentId: z.number().int(),
    commitmentTitle: z.string(),
    occurredAt: z.string(),
    localDate: LocalDateSchema,
    quantity: z.number().int(),
    organisation: z.string().nullable(),
    place: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: "ImportedActivity" });

export const ImportRowSchema = z
  .object({
    row: z.number().int().meta({ description: "The row's line in the file (the header is line 1), or its row number in the sheet" }),
    status: z.enum(["ok", "error", "duplicate"]).meta({
      description: "`ok`: will be imported; `error`: has problems, will not be; `duplicate`: already stored, skipped",
    }),
    problems: z.array(ImportProblemSchema),
    activity: ImportedActivitySchema.nullable().meta({ description: "Null for a row with errors" }),
    duplicateOf: z.number().int().nullable().meta({ description: "The stored activity this row repeats (status `duplicate`)" }),
    values: z
      .record(z.string(), z.string())
      .nullable()
      .meta({ description: "For a row with errors: its mapped cells as text, by field (`{date: \"31/02/2024\"}`); otherwise null" }),
  })
  .meta({ id: "ImportRow" });

export const ImportCountsSchema = z
  .object({ ok: z.number().int(), error: z.number().int(), duplicate: z.number().int() })
  .meta({ id: "ImportCounts" });

export const ImportPreviewSchema = z
  .object({
    fileName: z.string().nullable(),
    format: z.enum(["csv", "xlsx"]),
    encoding: z.enum(["utf-8", "windows-1252", "utf-16le", "utf-16be"]).nullable().meta({ description: "How the CSV was read; null for .xlsx" }),
    delimiter: z.enum([";", ",", "\t"]).nullable().meta({ description: "The CSV's field separator; null for .xlsx" }),
    headers: z.array(z.string()).meta({ description: "The first row's cells, in order" }),
    suggestedMapping: SuggestedImportMappingSchema,
    mapping: ImportMappingSchema.nullable().meta({
      description: "The mapping the rows were read with; null when none was sent and the headers did not name the commitment and date columns (then `rows` is empty)",
    }),
    sampleRows: z.array(z.array(z.string())).meta({ description: "The first 5 data rows as text, cell by cell in header order" }),
    totalRows: z.number().int().meta({ description: "Data rows in the file (empty rows not counted)" }),
    rows: z.array(ImportRowSchema),
    counts: ImportCountsSchema,
  })
  .meta({ id: "ImportPreview" });

export const ImportRowErrorSchema = z
  .object({ row: z.number().int(), problems: z.array(ImportProblemSchema) })
  .meta({ id: "ImportRowError" });

export const ImportResultSchema = z
  .object({
    created: z.number().int().meta({ description: "Activities stored (the file's `ok` rows)" }),
    duplicates: z.number().int().meta({ description: "Rows skipped because they were already stored" }),
    errors: z.array(ImportRowErrorSchema).meta({ description: "Rows not imported, with why" }),
    ids: z.array(z.number().int()).meta({ description: "The new activities' ids, in the order of their rows" }),
    auditId: z.number().int().nullable().meta({ description: "The import's one `activity.import` audit row; null when nothing was created" }),
  })
  .meta({ id: "ImportResult" });

export type ImportFile = z.output<typeof ImportFileSchema>;
export type ImportFileInput = z.input<typeof ImportFileSchema>;
export type ImportMappingInput = z.infer<typeof ImportMappingSchema>;
export type SuggestedImportMapping = z.infer<typeof SuggestedImportMappingSchema>;
export type ImportProblem = z.infer<typeof ImportProblemSchema>;
export type ImportedActivity = z.infer<typeof ImportedActivitySchema>;
export type ImportRow = z.infer<typeof ImportRowSchema>;
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
