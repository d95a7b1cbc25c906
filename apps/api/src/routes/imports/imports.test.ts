import { sql } from "drizzle-orm";
import writeXlsxFile from "write-excel-file/node";
import { beforeEach, describe, expect, it } from "vitest";
import { requestCsv } from "../../test-support/csv";
import { csvBytes, type CsvOptions, TEMPLATE_HEADER_ROW } from "../../test-support/import-files";
import { createExamplePromise, createTestApp, type Caller, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;

beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

type Cells = readonly (string | number)[];

/** A CSV file with the template's headers and these rows, as the API takes it. */
const csvFile = (rows: readonly Cells[], options: CsvOptions = {}, headers: Cells = TEMPLATE_HEADER_ROW) => ({
  format: "csv" as const,
  content: csvBytes([headers, ...rows], options).toString("base64"),
});

const preview = (body: unknown, as: Caller = "admin") => t.request("POST", "/api/imports/preview", body, {}, as);
const runImport = (body: unknown, headers: Record<string, string> = {}, as: Caller = "admin") => t.request("POST", "/api/imports", body, headers, as);

type PreviewRow = { row: number; status: string; problems: { field: string; code: string; message: string }[]; activity: Record<string, unknown> | null; duplicateOf: number | null };
const statuses = (rows: PreviewRow[]) => rows.map((r) => [r.row, r.status, ...r.problems.map((p) => `${p.field}:${p.code}`)]);

describe("GET /api/imports/template.csv", () => {
  it("serves the Swedish headers and one example row in the download dialect", async () => {
    const csv = await requestCsv(t, "/api/imports/template.csv", "coordinator");
    expect(csv.status).toBe(200);
    expect(csv.hasBom).toBe(true);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="importmall-aktiviteter.csv"');
    expect(csv.lines).toEqual([
      "Åtagande-id;Datum;Antal;Aktör;Plats;Anteckning",
      "Exempel: åtagandets id eller exakta namn;2024-03-14;1;Fältenheten;Hammarkullen torg;Ta bort exempelraden",
    ]);
  });

  it("maps itself, and its example row is refused instead of imported if left in", async () => {
    const csv = await requestCsv(t, "/api/imports/template.csv", "coordinator");
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv.text, "utf8")]).toString("base64");
    const response = await preview({ format: "csv", content });
    expect(response.status).toBe(200);
    expect(response.body.mapping).toEqual({ commitment: "Åtagande-id", date: "Datum", quantity: "Antal", organisation: "Aktör", place: "Plats", note: "Anteckning" });
    expect(statuses(response.body.rows)).toEqual([[2, "error", "commitment:unknown_commitment"]]);
  });
});

describe("POST /api/imports/preview", () => {
  it("reads a semicolon CSV in Windows-1252 with å, ä, ö, Swedish dates and decimal commas, and writes nothing", async () => {
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const response = await preview({
      ...csvFile(
        [
          [ids.yearly, "2024-03-14", "2,0", "Fältenheten", "Hammarkullen torg", "Lugnt på torget"],
          [ids.yearly, "2024-03-14 18:30", 3, "", "Gårdsten", ""],
          [ids.yearly, "15.3.2024", "", "fältenheten", "Angered centrum", "Möte – föräldrar"],
        ],
        { encoding: "windows-1252" },
      ),
      fileName: "Mars 2024.csv",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      fileName: "Mars 2024.csv",
      format: "csv",
      encoding: "windows-1252",
      delimiter: ";",
      headers: [...TEMPLATE_HEADER_ROW],
      totalRows: 3,
      counts: { ok: 3, error: 0, duplicate: 0 },
    });
    expect(response.body.sampleRows[2]).toEqual([String(ids.yearly), "15.3.2024", "", "fältenheten", "Angered centrum", "Möte – föräldrar"]);
    const base = { commitmentId: ids.yearly, commitmentTitle: "Minst 100 uppsökande per år", organisation: "Fältenheten" };
    expect(response.body.rows.map((r: PreviewRow) => r.activity)).toEqual([
      { ...base, occurredAt: "2024-03-14", localDate: "2024-03-14", quantity: 2, place: "Hammarkullen torg", note: "Lugnt på torget" },
      { ...base, occurredAt: "2024-03-14T18:30:00+01:00", localDate: "2024-03-14", quantity: 3, place: "Gårdsten", note: null },
      { ...base, occurredAt: "2024-03-15", localDate: "2024-03-15", quantity: 1, place: "Angered centrum", note: "Möte – föräldrar" },
    ]);
    expect(await t.snapshot()).toEqual(before);
    expect(await t.auditRows()).toHaveLength(auditBefore);
  });

  it.each([
    ["a comma CSV in UTF-8 with a byte order mark", { delimiter: ",", encoding: "utf-8-bom" }, "utf-8", ","],
    ["a semicolon CSV in UTF-8 without one", { delimiter: ";", encoding: "utf-8" }, "utf-8", ";"],
    ["a tab-separated UTF-16 file (Excel's \"Unicode text\")", { delimiter: "\t", encoding: "utf-16le-bom" }, "utf-16le", "\t"],
  ] as const)("reads %s", async (_name, options, encoding, delimiter) => {
    const response = await preview(csvFile([[ids.yearly, "2024-03-14", 2, "Fältenheten", "Gårdsten", "Städdag"]], options));
    expect(response.body).toMatchObject({ encoding, delimiter, counts: { ok: 1, error: 0, duplicate: 0 } });
    expect(response.body.rows[0].activity).toMatchObject({ quantity: 2, place: "Gårdsten", note: "Städdag" });
  });

  it("names every problem of every row, by its line in the file", async () => {
    const response = await preview(
      csvFile([
        [ids.yearly, "2024-03-14", 1, "", "", ""], // line 2
        [9999, "2024-03-14", 1, "", "", ""], // 3
        ["Inget sådant åtagande", "2024-03-14", 1, "", "", ""], // 4
        [ids.yearly, "", 1, "", "", ""], // 5
        [ids.yearly, "igår", 1, "", "", ""], // 6
        [ids.yearly, "2023-01-01", 1, "", "", ""], // 7
        [ids.yearly, "2024-07-02", 1, "", "", ""], // 8: the day after the test clock's today
        [ids.yearly, "2024-03-14", "2,5", "", "", ""], // 9
        [ids.yearly, "2024-03-14", 0, "", "", ""], // 10
        [ids.yearly, "2024-03-14", 10_001, "", "", ""], // 11
        [ids.yearly, "2024-03-14", 1, "", "", "Pratade med 850709-9805"], // 12
        [ids.yearly, "2024-03-14", 1, "", "Hos 19850709-9805", ""], // 13
        [ids.yearly, "2024-03-14", 1, "Polisen", "", ""], // 14
        ["", "igår", "två", "", "", "850709-9805"], // 15
        [ids.yearly, '"2024-03-14"', 1, "", '"Torget\r\nnorra"', ""], // 16–17: a quoted cell with a line break
        [ids.yearly, "2024-03-14", 1, "", "", ""], // 18
      ]),
    );
    expect(response.status).toBe(200);
    expect(statuses(response.body.rows)).toEqual([
      [2, "ok"],
      [3, "error", "commitment:unknown_commitment"],
      [4, "error", "commitment:unknown_commitment"],
      [5, "error", "date:date_missing"],
      [6, "error", "date:date_unreadable"],
      [7, "error", "date:outside_period"],
      [8, "error", "date:in_future"],
      [9, "error", "quantity:quantity_not_whole"],
      [10, "error", "quantity:quantity_out_of_range"],
      [11, "error", "quantity:quantity_out_of_range"],
      [12, "error", "note:personal_data"],
      [13, "error", "place:personal_data"],
      [14, "error", "organisation:organisation_not_responsible"],
      [15, "error", "date:date_unreadable", "quantity:quantity_unreadable", "commitment:commitment_missing", "note:personal_data"],
      [16, "ok"],
      [18, "ok"],
    ]);
    expect(response.body.counts).toEqual({ ok: 3, error: 13, duplicate: 0 });
    const row = (n: number) => response.body.rows.find((r: PreviewRow) => r.row === n);
    expect(row(3).problems[0].message).toBe("Det finns inget åtagande med id 9999.");
    expect(row(7).problems[0].message).toBe("Datumet 2023-01-01 ligger utanför löftets period 2024-02-27 – 2025-12-31.");
    expect(row(9).problems[0].message).toContain("heltal");
    expect(row(16).activity.place).toBe("Torget\r\nnorra");
    expect(row(15)).toMatchObject({ activity: null, values: { commitment: "", date: "igår", quantity: "två", note: "850709-9805" } });
    expect(row(2).values).toBeNull();
  });

  it("finds a commitment by its exact title, whatever the capitals and spaces", async () => {
    const response = await preview(csvFile([["  minst 100  uppsökande per ÅR ", "2024-03-14", 1, "", "", ""]]));
    expect(response.body.rows[0]).toMatchObject({ status: "ok", activity: { commitmentId: ids.yearly } });
  });

  it("tells two commitments of the same title apart by the row's date, and asks for the id when it cannot", async () => {
    const renewed = await t.request("POST", "/api/promises", {
      title: "Förnyat löfte",
      area: "Testområdet",
      startDate: "2023-01-01",
      endDate: "2024-02-26",
      status: "published",
      commitments: [{ title: "Minst 100 uppsökande per år", activityType: "outreach", target: 100, cadence: "year", organisations: ["Fältenheten"] }],
    });
    const older = renewed.body.commitments[0].id;
    const response = await preview(
      csvFile([
        ["Minst 100 uppsökande per år", "2024-01-10", 1, "", "", ""],
        ["Minst 100 uppsökande per år", "2024-03-14", 1, "", "", ""],
        ["Minst 100 uppsökande per år", "igår", 1, "", "", ""],
      ]),
    );
    expect(response.body.rows.map((r: PreviewRow) => r.activity?.commitmentId ?? r.problems.map((p) => p.code))).toEqual([
      older,
      ids.yearly,
      ["date_unreadable", "ambiguous_commitment"],
    ]);
    expect(response.body.rows[2].problems[1].message).toBe(`Flera åtaganden heter ”Minst 100 uppsökande per år” (id ${ids.yearly}, ${older}). Skriv åtagandets id i stället.`);
  });

  it("suggests a mapping from the headers, and checks no rows until the commitment and date columns are known", async () => {
    const file = csvFile([[ids.yearly, "2024-03-14", 4, "Lugnt"]], {}, ["Vilket", "När", "Hur många", "Kommentar"]);
    const first = await preview(file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      headers: ["Vilket", "När", "Hur många", "Kommentar"],
      suggestedMapping: { note: "Kommentar" },
      mapping: null,
      sampleRows: [[String(ids.yearly), "2024-03-14", "4", "Lugnt"]],
      totalRows: 1,
      rows: [],
      counts: { ok: 0, error: 0, duplicate: 0 },
    });
    const mapping = { commitment: "Vilket", date: "När", quantity: "Hur många", note: "Kommentar" };
    const second = await preview({ ...file, mapping });
    expect(second.body.mapping).toEqual(mapping);
    expect(second.body.rows[0]).toMatchObject({ status: "ok", activity: { quantity: 4, note: "Lugnt" } });
  });

  it("counts every row 1 when no quantity column is mapped, and uses the default organisation when none is", async () => {
    const response = await preview({
      ...csvFile([[ids.yearly, "2024-03-14", 7, "Polisen", "", ""]]),
      mapping: { commitment: "Åtagande-id", date: "Datum" },
    });
    expect(response.body.rows[0]).toMatchObject({ status: "ok", activity: { quantity: 1, organisation: "Fältenheten", place: null } });
  });

  it("reads an .xlsx file: date cells, date serial numbers, number cells and text", async () => {
    const buffer = await writeXlsxFile(
      [
        [...TEMPLATE_HEADER_ROW],
        [ids.yearly, new Date(Date.UTC(2024, 2, 14)), 3, "Fältenheten", "Hammarkullen torg", "Lugnt"],
        [ids.yearly, { value: new Date(Date.UTC(2024, 2, 14, 18, 30)), format: "yyyy-mm-dd hh:mm" }, 2, null, "Gårdsten", null],
        [ids.yearly, 45_366, "2,0", null, null, null],
        ["Minst 100 uppsökande per år", "2024-03-17", 2.5, null, null, null],
      ],
      { dateFormat: "yyyy-mm-dd" },
    ).toBuffer();
    const response = await preview({ format: "xlsx", content: buffer.toString("base64"), fileName: "mars.xlsx" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ format: "xlsx", encoding: null, delimiter: null, headers: [...TEMPLATE_HEADER_ROW] });
    expect(response.body.sampleRows[0]).toEqual([String(ids.yearly), "2024-03-14", "3", "Fältenheten", "Hammarkullen torg", "Lugnt"]);
    expect(response.body.rows.map((r: PreviewRow) => [r.row, r.status, r.activity?.occurredAt ?? r.problems[0]?.code, r.activity?.quantity])).toEqual([
      [2, "ok", "2024-03-14", 3],
      [3, "ok", "2024-03-14T18:30:00+01:00", 2],
      [4, "ok", "2024-03-15", 2],
      [5, "error", "quantity_not_whole", undefined],
    ]);
  });

  const malformed: [string, () => unknown, string, string][] = [
    ["content that is not base64", () => ({ format: "csv", content: "inte base64!" }), "content", "custom"],
    ["an unknown format", () => ({ ...csvFile([[1, "2024-03-14"]]), format: "ods" }), "format", "invalid_value"],
    ["a missing content", () => ({ format: "csv" }), "content", "invalid_type"],
    ["a mapping that names a column the file does not have", () => ({ ...csvFile([[1, "2024-03-14"]]), mapping: { commitment: "Åtagande-id", date: "Dag" } }), "mapping.date", "invalid_mapping"],
    ["a mapping without the date column", () => ({ ...csvFile([[1, "2024-03-14"]]), mapping: { commitment: "Åtagande-id" } }), "mapping.date", "invalid_type"],
    ["one column chosen for two fields", () => ({ ...csvFile([[1, "2024-03-14"]]), mapping: { commitment: "Åtagande-id", date: "Datum", place: "Plats", note: "Plats" } }), "mapping.note", "invalid_mapping"],
    ["a CSV whose quote never closes", () => ({ format: "csv", content: Buffer.from('Åtagande-id;Datum\r\n1;"2024-03-14\r\n').toString("base64") }), "content", "unreadable_file"],
    ["an empty file", () => ({ format: "csv", content: Buffer.from("\r\n;;\r\n").toString("base64") }), "content", "unreadable_file"],
    ["a file with headers only", () => ({ format: "csv", content: Buffer.from("Åtagande-id;Datum\r\n").toString("base64") }), "content", "unreadable_file"],
    ["a CSV file sent as xlsx", () => ({ ...csvFile([[1, "2024-03-14"]]), format: "xlsx" }), "content", "unreadable_file"],
    ["an old .xls file", () => ({ format: "xlsx", content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]).toString("base64") }), "content", "unreadable_file"],
  ];
  it.each(malformed)("answers 400 naming the field for %s, and writes nothing", async (_name, body, path, code) => {
    const before = await t.snapshot();
    for (const endpoint of ["/api/imports/preview", "/api/imports"]) {
      const response = await t.request("POST", endpoint, body());
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.message).toEqual(expect.any(String));
      expect(response.body.error.issues).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await t.snapshot()).toEqual(before);
  });

  it("says which format to choose when an .xlsx file is sent as CSV", async () => {
    const buffer = await writeXlsxFile([["Åtagande-id", "Datum"], [1, "2024-03-14"]]).toBuffer();
    const response = await preview({ format: "csv", content: buffer.toString("base64") });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe("Filen är en Excel-arbetsbok (.xlsx), inte en CSV-fil. Välj formatet xlsx.");
  });

  it("names the line of a CSV that cannot be read", async () => {
    const response = await preview({ format: "csv", content: Buffer.from('Åtagande-id;Datum\r\n1;2024-03-14\r\n2;"2024-03-15\r\n').toString("base64") });
    expect(response.body.error.message).toContain("citattecken");
  });

  it("refuses a file name with a personnummer in it (422), since the audit trail keeps the name", async () => {
    const response = await preview({ ...csvFile([[ids.yearly, "2024-03-14"]]), fileName: "Samtal 850709-9805.csv" });
    expect(response.status).toBe(422);
    expect(response.body.error.issues[0]).toMatchObject({ path: "fileName", code: "personal_data" });
  });

  it("takes a file larger than the 8 MB limit of other requests", async () => {
    // One data row and an unmapped column of 9 MB: the request body is about 12 MB of base64.
    const big = "x".repeat(9 * 1024 * 1024);
    const response = await preview(csvFile([[ids.yearly, "2024-03-14", big]], {}, ["Åtagande-id", "Datum", "Bilaga"]));
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ ok: 1, error: 0, duplicate: 0 });
  });

  it("answers 413 for a body over 30 MB and for more than 200 000 rows, and writes nothing", async () => {
    const before = await t.snapshot();
    const tooLarge = await runImport({ format: "csv", content: "A".repeat(31 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("payload_too_large");
    const rows = `Åtagande-id;Datum\r\n${`${ids.yearly};2024-03-14\r\n`.repeat(200_001)}`;
    const tooMany = await runImport({ format: "csv", content: Buffer.from(rows).toString("base64") });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe("too_many_rows");
    expect(await t.snapshot()).toEqual(before);
  });
});

describe("POST /api/imports", () => {
  const file = () =>
    csvFile(
      [
        [ids.yearly, "2024-03-14", 2, "Fältenheten", "Hammarkullen torg", "Lugnt"],
        [ids.yearly, "2024-03-15", 1, "", "Gårdsten", ""],
        [ids.untargeted, "2024-03-15", 3, "Polisen", "", "Samverkansmöte"],
        [ids.yearly, "2023-01-01", 1, "", "", ""],
      ],
      { encoding: "windows-1252" },
    );

  it("imports the valid rows in one transaction, as one audited import, and lists the rows it left out", async () => {
    const response = await runImport({ ...file(), fileName: "mars.csv" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      created: 3,
      duplicates: 0,
      errors: [{ row: 5, problems: [{ field: "date", code: "outside_period" }] }],
      auditId: expect.any(Number),
    });
    expect(response.body.ids).toHaveLength(3);
    const stored = await t.query(sql`SELECT id, commitment_id, local_date, quantity, place, note, audit_id FROM activities ORDER BY id`);
    expect(stored).toEqual([
      { id: response.body.ids[0], commitment_id: ids.yearly, local_date: "2024-03-14", quantity: 2, place: "Hammarkullen torg", note: "Lugnt", audit_id: response.body.auditId },
      { id: response.body.ids[1], commitment_id: ids.yearly, local_date: "2024-03-15", quantity: 1, place: "Gårdsten", note: null, audit_id: response.body.auditId },
      { id: response.body.ids[2], commitment_id: ids.untargeted, local_date: "2024-03-15", quantity: 3, place: null, note: "Samverkansmöte", audit_id: response.body.auditId },
    ]);
    const audit = (await t.auditRows()).filter((row) => row.action.startsWith("activity."));
    expect(audit).toEqual([
      expect.objectContaining({
        id: response.body.auditId,
        action: "activity.import",
        user_id: t.users.admin.id,
        after: {
          activities: 3,
          commitments: { [ids.yearly]: { activities: 2, quantity: 3 }, [ids.untargeted]: { activities: 1, quantity: 3 } },
          file: { name: "mars.csv", format: "csv", rows: 4, duplicates: 0, errors: 1 },
        },
      }),
    ]);
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    expect(progress.body.commitments[0].total.actual).toBe(3);
  });

  it("creates nothing when the same file is imported again: every row is a duplicate", async () => {
    const first = await runImport(file());
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const again = await runImport(file());
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ created: 0, duplicates: 3, errors: [expect.objectContaining({ row: 5 })], ids: [], auditId: null });
    expect(await t.snapshot()).toEqual(before);
    expect(await t.auditRows()).toHaveLength(auditBefore);
    const shown = await preview(file());
    expect(shown.body.rows.map((r: PreviewRow) => [r.status, r.duplicateOf])).toEqual([
      ["duplicate", first.body.ids[0]],
      ["duplicate", first.body.ids[1]],
      ["duplicate", first.body.ids[2]],
      ["error", null],
    ]);
  });

  it("imports identical rows of a paper list as separate activities, and a re-import finds each of them", async () => {
    const rows: Cells[] = [
      [ids.yearly, "2024-03-14", 1, "", "Torget", ""],
      [ids.yearly, "2024-03-14", 1, "", "Torget", ""],
    ];
    expect((await runImport(csvFile(rows))).body.created).toBe(2);
    expect((await runImport(csvFile(rows))).body).toMatchObject({ created: 0, duplicates: 2 });
    // A third identical line added to the list: only it is new.
    const more = await runImport(csvFile([...rows, rows[0] as Cells]));
    expect(more.body).toMatchObject({ created: 1, duplicates: 2 });
    expect((await t.snapshot()).activities).toBe(3);
  });

  it("counts an activity logged by hand as the row it repeats, the time of day aside", async () => {
    const logged = await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-14T19:00:00+01:00", place: "Torget" });
    const shown = await preview(csvFile([[ids.yearly, "2024-03-14", 1, "", "Torget", ""]]));
    expect(shown.body.rows[0]).toMatchObject({ status: "duplicate", duplicateOf: logged.body.id, problems: [] });
  });

  it("does not bring back a corrected row when the original file is imported again, but does re-create a voided one", async () => {
    const first = await runImport(file());
    const [correctedId, voidedId] = first.body.ids;
    await t.request("POST", `/api/activities/${correctedId}/correct`, { reason: "Fel antal", activity: { quantity: 4 } });
    await t.request("POST", `/api/activities/${voidedId}/void`, { reason: "Registrerad av misstag" });
    const again = await runImport(file());
    expect(again.body).toMatchObject({ created: 1, duplicates: 2 });
    const [recreated] = await t.query(sql`SELECT local_date, place FROM activities WHERE id = ${again.body.ids[0]}`);
    expect(recreated).toEqual({ local_date: "2024-03-15", place: "Gårdsten" });
  });

  it("refuses with 422 and stores nothing when every row has a problem", async () => {
    const before = await t.snapshot();
    const response = await runImport(csvFile([[ids.yearly, "2023-01-01", 1, "", "", ""], [9999, "2024-03-14", 1, "", "", ""]]));
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: "import_rejected",
      message: "Ingenting importerades: alla 2 rader har fel. Rätta filen och försök igen.",
      issues: [
        { path: "rows.2.date", code: "outside_period", message: expect.any(String) },
        { path: "rows.3.commitment", code: "unknown_commitment", message: "Det finns inget åtagande med id 9999." },
      ],
    });
    expect(await t.snapshot()).toEqual(before);
  });

  it("imports a coordinator's rows for their own organisation and names the others as not theirs", async () => {
    const response = await runImport(
      csvFile([
        [ids.yearly, "2024-03-14", 1, "", "", ""],
        [ids.termly, "2024-03-14", 1, "", "", ""],
        [ids.untargeted, "2024-03-14", 1, "Polisen", "", ""],
      ]),
      {},
      "coordinator",
    );
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(1);
    expect(response.body.errors.map((e: { row: number; problems: { field: string; code: string }[] }) => [e.row, e.problems[0]?.field, e.problems[0]?.code])).toEqual([
      [3, "commitment", "forbidden"],
      [4, "commitment", "forbidden"],
    ]);
    const logged = await t.query(sql`SELECT logged_by, logged_by_user_id FROM activities`);
    expect(logged).toEqual([{ logged_by: "Frida Fältassistent", logged_by_user_id: t.users.coordinator.id }]);
  });

  it("replays an import retried with the same Idempotency-Key, and refuses the key for another file", async () => {
    const first = await runImport(file(), { "idempotency-key": "mars-import-1" });
    const retry = await runImport(file(), { "idempotency-key": "mars-import-1" });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await t.snapshot()).activities).toBe(3);
    const other = await runImport(csvFile([[ids.yearly, "2024-04-01", 1, "", "", ""]]), { "idempotency-key": "mars-import-1" });
    expect(other.status).toBe(409);
    expect((await t.snapshot()).activities).toBe(3);
  });

  it("asks for the columns (400) when no mapping is sent and the headers are not recognised", async () => {
    const response = await runImport(csvFile([[ids.yearly, "2024-03-14"]], {}, ["A", "B"]));
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["mapping.commitment", "mapping.date"]);
  });

  it("imports an .xlsx file", async () => {
    const buffer = await writeXlsxFile([
      [...TEMPLATE_HEADER_ROW],
      [ids.yearly, "2024-03-14", 2, "Fältenheten", "Hammarkullen torg", null],
    ]).toBuffer();
    const response = await runImport({ format: "xlsx", content: buffer.toString("base64") });
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(1);
  });
});
