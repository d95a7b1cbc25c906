import type {
  ImportedActivity,
  ImportFile,
  ImportPreview,
  ImportProblem,
  ImportResult,
  ImportRow,
  SuggestedImportMapping,
} from "@lofteskollen/contracts";
import {
  activityFingerprint,
  cellText,
  cellTextOrNull,
  completeMapping,
  IMPORT_FIELD_LABELS_SV,
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  matchDuplicates,
  personalDataViolations,
  readImportDate,
  readImportQuantity,
  type RuleViolation,
  type SpreadsheetCell,
  suggestImportMapping,
} from "@lofteskollen/domain";
import { and, asc, between, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { type Db, preparedPerConnection } from "../db/client";
import { type CsvFile, toCsv } from "../lib/csv";
import { AppError, ruleViolation } from "../lib/errors";
import { readSpreadsheet, type Spreadsheet } from "../lib/spreadsheet";
import { type Actor, activityChecker, insertActivityImport, type NewActivity } from "./activities";

/** An import file, read and mapped: what both the preview and the import work from. */
export type ReadImport = {
  fileName: string | null;
  format: ImportFile["format"];
  spreadsheet: Spreadsheet;
  suggestedMapping: SuggestedImportMapping;
  /** The mapping sent, or the suggestion when none was; null when neither names commitment and date. */
  mapping: ImportMapping | null;
};

/** One row after every check: its status, its problems, and the activity it would store. */
type CheckedRow = {
  line: number;
  problems: ImportProblem[];
  /** The row to insert (rows without problems). */
  row: NewActivity | null;
  organisation: string | null;
  duplicateOf: number | null;
  cells: Record<ImportField, SpreadsheetCell>;
};

const SAMPLE_ROWS = 5;
/** A rejected import names at most this many problems; the preview shows them all. */
const MAX_ISSUES = 1000;
/** The free-text limits of POST /api/activities (contracts: optionalText). */
const TEXT_LIMITS = { organisation: 200, place: 200, note: 2000 } as const;

const badRequest = (path: string, message: string) =>
  new AppError(400, "validation_error", message, [{ path, code: "invalid_mapping", message }]);

/**
 * Reads the uploaded file (base64 → CSV or .xlsx → header and rows) and settles the mapping.
 * Refuses a file name with a personnummer (422, SPEC §5: it is kept in the audit trail) and a
 * mapping that names a column the file does not have (400, naming the field).
 */
export async function readImportFile(file: ImportFile): Promise<ReadImport> {
  const fileName = file.fileName || null;
  if (fileName) {
    const violations = personalDataViolations([["fileName", fileName]]);
    if (violations.length) throw ruleViolation(violations);
  }
  const spreadsheet = await readSpreadsheet(file.format, Buffer.from(file.content, "base64"));
  const suggestedMapping = suggestImportMapping(spreadsheet.headers);
  if (file.mapping) {
    const mapping = file.mapping;
    const seen = new Map<string, ImportField>();
    for (const field of IMPORT_FIELDS) {
      const header = mapping[field];
      if (header === undefined) continue;
      if (!spreadsheet.headers.includes(header)) {
        throw badRequest(
          `mapping.${field}`,
          `Kolumnen ”${header}” (${IMPORT_FIELD_LABELS_SV[field]}) finns inte i filen. Kolumnerna är: ${spreadsheet.headers.filter(Boolean).join(", ")}.`,
        );
      }
      const other = seen.get(header);
      if (other) {
        throw badRequest(
          `mapping.${field}`,
          `Kolumnen ”${header}” är vald för både ${IMPORT_FIELD_LABELS_SV[other]} och ${IMPORT_FIELD_LABELS_SV[field]}. Välj en kolumn per uppgift.`,
        );
      }
      seen.set(header, field);
    }
    return { fileName, format: file.format, spreadsheet, suggestedMapping, mapping };
  }
  return { fileName, format: file.format, spreadsheet, suggestedMapping, mapping: completeMapping(suggestedMapping) };
}

/** The import's mapping, or a 400 that says which columns to choose. */
export function requireMapping(read: ReadImport): ImportMapping {
  if (read.mapping) return read.mapping;
  const missing = (["commitment", "date"] as const).filter((field) => !read.suggestedMapping[field]);
  throw new AppError(
    400,
    "validation_error",
    `Ange vilka kolumner som är ${missing.map((f) => IMPORT_FIELD_LABELS_SV[f]).join(" och ")} (mapping): rubrikerna i filen känns inte igen.`,
    missing.map((field) => ({ path: `mapping.${field}`, code: "required", message: `Välj kolumnen för ${IMPORT_FIELD_LABELS_SV[field]}.` })),
  );
}

/** Every commitment, with its title and its promise's period: what a row's commitment cell is resolved against. */
async function loadCommitments(db: Db): Promise<CommitmentRef[]> {
  const { commitments, promises } = db.$tables;
  return db
    .select({ id: commitments.id, title: commitments.title, start: promises.startDate, end: promises.endDate })
    .from(commitments)
    .innerJoin(promises, eq(promises.id, commitments.promiseId));
}

// Activities an imported row may repeat: one range read per commitment through
// activities_commitment_date. A voided activity counts when it was corrected (its correction
// stands for it): re-importing the original file must not bring the wrong line back.
// SQLite fast path: plain better-sqlite3, iterated, one statement per connection.
const sqliteStatements = preparedPerConnection((sqlite) => ({
  existing: sqlite.prepare<[number, string, string], StoredActivity>(
    `SELECT id, commitment_id AS commitmentId, local_date AS localDate, quantity, organisation_id AS organisationId, place, note
     FROM activities
     WHERE commitment_id = ? AND local_date BETWEEN ? AND ?
       AND (voided_at IS NULL OR id IN (SELECT replaces_id FROM activities WHERE replaces_id IS NOT NULL))
     ORDER BY id`,
  ),
}));

/** The same read through the query builder: the engine-neutral path (PostgreSQL). */
async function existingActivities(db: Db, commitmentId: number, from: string, to: string): Promise<StoredActivity[]> {
  const { activities } = db.$tables;
  const corrected = db.select({ id: activities.replacesId }).from(activities).where(isNotNull(activities.replacesId));
  return db
    .select({
      id: activities.id,
      commitmentId: activities.commitmentId,
      localDate: activities.localDate,
      quantity: activities.quantity,
      organisationId: activities.organisationId,
      place: activities.place,
      note: activities.note,
    })
    .from(activities)
    .where(
      and(
        eq(activities.commitmentId, commitmentId),
        between(activities.localDate, from, to),
        or(isNull(activities.voidedAt), inArray(activities.id, corrected)),
      ),
    )
    .orderBy(asc(activities.id));
}

type StoredActivity = {
  id: number;
  commitmentId: number;
  localDate: string;
  quantity: number;
  organisationId: number | null;
  place: string | null;
  note: string | null;
};

/** A commitment named by id or by its exact title (case and extra spaces aside). */
type CommitmentRef = { id: number; title: string; start: string; end: string };

const normaliseTitle = (title: string) => title.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv");

/** Where a rule about the activity lands in the file: its column. */
const FIELD_OF_PATH: Record<string, ImportField> = {
  commitmentId: "commitment",
  occurredAt: "date",
  quantity: "quantity",
  organisation: "organisation",
  place: "place",
  note: "note",
};

const toProblem = (violation: RuleViolation): ImportProblem => ({
  field: FIELD_OF_PATH[violation.path] ?? "row",
  code: violation.code,
  message: violation.message,
});

/**
 * Every row of the file through the rules of POST /api/activities (the same checker: commitment,
 * period, future, quantity, personnummer, who may log for which organisation), then the
 * duplicate rule (ADR 008). Reads only; the import runs it inside its write transaction.
 */
async function checkRows({
  db,
  read,
  mapping,
  now,
  actor,
}: {
  db: Db;
  read: ReadImport;
  mapping: ImportMapping;
  now: Date;
  actor: Actor;
}): Promise<CheckedRow[]> {
  const { headers, rows } = read.spreadsheet;
  const column = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, mapping[field] === undefined ? -1 : headers.indexOf(mapping[field])])) as Record<ImportField, number>;
  const checker = activityChecker({ db, now, actor });

  const all = await loadCommitments(db);
  const byId = new Map(all.map((c) => [c.id, c]));
  const byTitle = new Map<string, CommitmentRef[]>();
  for (const c of all) {
    const key = normaliseTitle(c.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), c]);
  }
  const resolved = new Map<string, CommitmentRef | ImportProblem | CommitmentRef[]>();
  const resolveText = (text: string): CommitmentRef | ImportProblem | CommitmentRef[] => {
    if (text === "") return { field: "commitment", code: "commitment_missing", message: "Åtagande saknas: skriv åtagandets id eller namn." };
    if (/^\d+$/.test(text)) {
      return byId.get(Number(text)) ?? { field: "commitment", code: "unknown_commitment", message: `Det finns inget åtagande med id ${text}.` };
    }
    const candidates = byTitle.get(normaliseTitle(text)) ?? [];
    if (candidates.length === 0) {
      return { field: "commitment", code: "unknown_commitment", message: `Det finns inget åtagande som heter ”${text}”. Skriv åtagandets id eller dess exakta namn.` };
    }
    return candidates.length === 1 ? (candidates[0] as CommitmentRef) : candidates;
  };
  /** Two promises may have a commitment of the same title: the row's date, then the user's rights, decide. */
  const resolve = async (cell: SpreadsheetCell, localDate: string | null): Promise<CommitmentRef | ImportProblem> => {
    const text = cellText(cell);
    let found = resolved.get(text);
    if (found === undefined) {
      found = resolveText(text);
      resolved.set(text, found);
    }
    if (!Array.isArray(found)) return found;
    let candidates = localDate ? found.filter((c) => c.start <= localDate && localDate <= c.end) : found;
    if (candidates.length > 1) {
      const mayLog: CommitmentRef[] = [];
      for (const c of candidates) if ((await checker.context(c.id))?.mayLog) mayLog.push(c);
      candidates = mayLog;
    }
    if (candidates.length === 1 && candidates[0]) return candidates[0];
    return {
      field: "commitment",
      code: "ambiguous_commitment",
      message: `Flera åtaganden heter ”${text}” (id ${found.map((c) => c.id).join(", ")}). Skriv åtagandets id i stället.`,
    };
  };

  const checked: CheckedRow[] = [];
  for (const { line, cells: raw } of rows) {
    const cells = {} as Record<ImportField, SpreadsheetCell>;
    for (const field of IMPORT_FIELDS) cells[field] = column[field] < 0 ? null : (raw[column[field]] ?? null);
    const problems: ImportProblem[] = [];

    const date = readImportDate(cells.date);
    if (!date.ok) problems.push({ field: "date", code: date.code, message: date.message });
    const quantity = readImportQuantity(cells.quantity);
    if (!quantity.ok) problems.push({ field: "quantity", code: quantity.code, message: quantity.message });
    const commitment = await resolve(cells.commitment, date.ok ? date.value.localDate : null);
    if ("code" in commitment) problems.push(commitment);

    const text = { organisation: cellTextOrNull(cells.organisation), place: cellTextOrNull(cells.place), note: cellTextOrNull(cells.note) };
    for (const field of ["organisation", "place", "note"] as const) {
      const value = text[field];
      if (value !== null && value.length > TEXT_LIMITS[field]) {
        problems.push({ field, code: "too_long", message: `${IMPORT_FIELD_LABELS_SV[field]} får vara högst ${TEXT_LIMITS[field]} tecken (var ${value.length}).` });
      }
    }

    let row: NewActivity | null = null;
    let organisation: string | null = null;
    if ("id" in commitment && date.ok && quantity.ok && problems.length === 0) {
      // An organisation is written as its name; a spreadsheet's capitals do not make it another one.
      const responsible = (await checker.context(commitment.id))?.responsible ?? [];
      const named = text.organisation?.toLocaleLowerCase("sv");
      const organisationName = responsible.find((name) => name.toLocaleLowerCase("sv") === named) ?? text.organisation;
      const result = await checker.check({
        commitmentId: commitment.id,
        occurredAt: date.value.occurredAt,
        quantity: quantity.value,
        organisation: organisationName,
        place: text.place,
        note: text.note,
      });
      if ("notFound" in result) problems.push({ field: "commitment", code: "unknown_commitment", message: `Det finns inget åtagande med id ${commitment.id}.` });
      else if ("forbidden" in result) problems.push(toProblem(result.forbidden));
      else if ("violations" in result) problems.push(...result.violations.map(toProblem));
      else {
        row = result.row;
        organisation = result.organisation;
      }
    } else {
      // The rules above need a commitment, a date and a quantity; personal data is named anyway.
      problems.push(...personalDataViolations([["place", text.place], ["note", text.note]]).map(toProblem));
    }
    checked.push({ line, problems, row, organisation, duplicateOf: null, cells });
  }

  await markDuplicates(db, checked);
  return checked;
}

/** Sets `duplicateOf` on each row whose activity is already stored (the counting rule of matchDuplicates). */
async function markDuplicates(db: Db, rows: CheckedRow[]): Promise<void> {
  const ranges = new Map<number, { from: string; to: string }>();
  for (const { row } of rows) {
    if (!row) continue;
    const range = ranges.get(row.commitmentId);
    if (!range) ranges.set(row.commitmentId, { from: row.localDate, to: row.localDate });
    else {
      if (row.localDate < range.from) range.from = row.localDate;
      if (row.localDate > range.to) range.to = row.localDate;
    }
  }
  const existing = new Map<string, number[]>();
  for (const [commitmentId, { from, to }] of ranges) {
    // On SQLite the rows are iterated as they are read, with no await between opening the
    // statement and finishing it: nothing else runs on the connection meanwhile.
    const stored = db.$sqlite
      ? sqliteStatements(db.$sqlite).existing.iterate(commitmentId, from, to)
      : await existingActivities(db, commitmentId, from, to);
    for (const activity of stored) {
      const key = activityFingerprint(activity);
      const ids = existing.get(key);
      if (ids) ids.push(activity.id);
      else existing.set(key, [activity.id]);
    }
  }
  if (existing.size === 0) return;
  const matches = matchDuplicates(
    rows.map(({ row }) => (row ? activityFingerprint(row) : null)),
    existing,
  );
  rows.forEach((checked, i) => {
    checked.duplicateOf = matches[i] ?? null;
  });
}

const statusOf = (row: CheckedRow): ImportRow["status"] => (row.problems.length ? "error" : row.duplicateOf !== null ? "duplicate" : "ok");

function importedActivity(row: NewActivity, organisation: string | null, title: string): ImportedActivity {
  return {
    commitmentId: row.commitmentId,
    commitmentTitle: title,
    occurredAt: row.occurredAt,
    localDate: row.localDate,
    quantity: row.quantity,
    organisation,
    place: row.place,
    note: row.note,
  };
}

/**
 * What importing the file would do, row by row, without storing anything: each row's status
 * (`ok`, `error` with every problem named, or `duplicate` of a stored activity), plus the
 * headers and a suggested mapping for choosing columns. Without a usable mapping the rows are
 * not checked (`mapping: null`, `rows: []`).
 */
export async function previewImport({ db, file, now, actor }: { db: Db; file: ImportFile; now: Date; actor: Actor }): Promise<ImportPreview> {
  const read = await readImportFile(file);
  const { headers, rows, encoding, delimiter } = read.spreadsheet;
  const checked = read.mapping ? await checkRows({ db, read, mapping: read.mapping, now, actor }) : [];
  const titles = new Map((await loadCommitments(db)).map((c) => [c.id, c.title]));
  const counts = { ok: 0, error: 0, duplicate: 0 };
  const previewRows = checked.map((c): ImportRow => {
    const status = statusOf(c);
    counts[status] += 1;
    return {
      row: c.line,
      status,
      problems: c.problems,
      activity: c.row ? importedActivity(c.row, c.organisation, titles.get(c.row.commitmentId) ?? "") : null,
      duplicateOf: status === "duplicate" ? c.duplicateOf : null,
      values: status === "error" ? mappedValues(c, read.mapping) : null,
    };
  });
  return {
    fileName: read.fileName,
    format: read.format,
    encoding,
    delimiter,
    headers,
    suggestedMapping: read.suggestedMapping,
    mapping: read.mapping,
    sampleRows: rows.slice(0, SAMPLE_ROWS).map(({ cells }) => headers.map((_, i) => cellText(cells[i] ?? null))),
    totalRows: rows.length,
    rows: previewRows,
    counts,
  };
}

/** A row's mapped cells as text, by field: what the user wrote, next to what is wrong with it. */
function mappedValues(row: CheckedRow, mapping: ImportMapping | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) if (mapping?.[field] !== undefined) values[field] = cellText(row.cells[field]);
  return values;
}

/**
 * Imports a read file: checks every row again (inside the write transaction, so a concurrent
 * import cannot slip a duplicate past the check), then stores all `ok` rows in one transaction
 * as one import (one `activity.import` audit row they all link to). Rows with problems are not
 * imported and are listed; duplicates are skipped and counted. When every row has problems,
 * nothing is stored and the answer is 422 naming them. A file whose rows are all stored already
 * creates nothing (and writes no audit row): that is a re-import, not a mistake.
 */
export async function runImport({ db, read, now, actor }: { db: Db; read: ReadImport; now: Date; actor: Actor }): Promise<ImportResult> {
  const mapping = requireMapping(read);
  const checked = await checkRows({ db, read, mapping, now, actor });
  const toInsert: NewActivity[] = [];
  const errors: ImportResult["errors"] = [];
  let duplicates = 0;
  for (const c of checked) {
    const status = statusOf(c);
    if (status === "error") errors.push({ row: c.line, problems: c.problems });
    else if (status === "duplicate") duplicates += 1;
    else if (c.row) toInsert.push(c.row);
  }
  if (errors.length === checked.length) {
    const issues = errors.flatMap(({ row, problems }) => problems.map((p) => ({ path: `rows.${row}.${p.field}`, code: p.code, message: p.message })));
    throw new AppError(
      422,
      "import_rejected",
      `Ingenting importerades: ${errors.length === 1 ? "filens enda rad har" : `alla ${errors.length} rader har`} fel. Rätta filen och försök igen.${issues.length > MAX_ISSUES ? ` (De första ${MAX_ISSUES} felen visas.)` : ""}`,
      issues.slice(0, MAX_ISSUES),
    );
  }
  if (toInsert.length === 0) return { created: 0, duplicates, errors, ids: [], auditId: null };
  const { auditId, ids } = await insertActivityImport(db, toInsert, {
    file: { name: read.fileName, format: read.format, rows: checked.length, duplicates, errors: errors.length },
  });
  return { created: ids.length, duplicates, errors, ids, auditId };
}

/** The Swedish template's headers, in the order the suggestion reads them. */
export const TEMPLATE_HEADERS = IMPORT_FIELDS.map((field) => IMPORT_FIELD_LABELS_SV[field]);

/**
 * The import template: the headers an import recognises without choosing columns, and one
 * example row showing each column's format. Its commitment cell is deliberately not a
 * commitment, so an example row left in the file is refused in the preview instead of stored.
 */
export function importTemplate(): CsvFile {
  return {
    filename: "importmall-aktiviteter.csv",
    body: toCsv(TEMPLATE_HEADERS, [["Exempel: åtagandets id eller exakta namn", "2024-03-14", 1, "Fältenheten", "Hammarkullen torg", "Ta bort exempelraden"]]),
  };
}
