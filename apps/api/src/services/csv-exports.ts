import { type Cadence, displayWindow, roundTargetUp, roundUpToTenth, STATUS_LABELS_SV } from "@lofteskollen/domain";
import { and, desc, eq, gte, lt, lte, or } from "drizzle-orm";
import { type Db, preparedPerConnection } from "../db/client";
import { type CsvCell, type CsvFile, toCsv } from "../lib/csv";
import { findCommitment } from "./commitments";
import { getPromiseProgress } from "./progress";
import { getPromise } from "./promises";

const CADENCE_SV: Record<Cadence, string> = {
  year: "år",
  term: "termin",
  month: "månad",
  period: "hela perioden",
};

const roundUp = (value: number | null) => (value === null ? null : roundTargetUp(value));
const roundTenthUp = (value: number | null) => (value === null ? null : roundUpToTenth(value));

const PROGRESS_HEADER = [
  "Fokusområde",
  "Åtagande",
  "Enhet",
  "Takt",
  "Fönster från",
  "Fönster till",
  "Mål i fönstret",
  "Utfört i fönstret",
  "Förväntat hittills",
  "Status",
  "Prognos vid fönstrets slut",
  "Behöver per vecka",
  "Mål hela perioden",
  "Utfört hela perioden",
  "Ansvariga aktörer",
];

/** The progress table of a promise as of a date, one row per commitment, for the steering group's spreadsheet. */
export async function promiseProgressCsv({ db, promiseId, asOf }: { db: Db; promiseId: number; asOf: string }): Promise<CsvFile> {
  const promise = await getPromise({ db, id: promiseId });
  const progress = await getPromiseProgress({ db, promiseId, asOf });
  const detailOf = new Map(promise.commitments.map((c) => [c.id, c]));
  const rows = progress.commitments.map((commitment): CsvCell[] => {
    const detail = detailOf.get(commitment.commitmentId);
    const window = displayWindow(commitment, asOf);
    const forecast = window?.forecast ?? null;
    return [
      detail?.theme ?? null,
      commitment.title,
      commitment.unit,
      CADENCE_SV[commitment.cadence],
      window?.start ?? null,
      window?.end ?? null,
      roundUp(window?.target ?? null),
      window?.actual ?? null,
      roundUp(window?.expectedToDate ?? null),
      STATUS_LABELS_SV[commitment.status],
      forecast === null ? null : Math.round(forecast),
      roundTenthUp(window?.neededPerWeek ?? null),
      roundUp(commitment.total.target),
      commitment.total.actual,
      detail?.organisations.join(", ") ?? null,
    ];
  });
  return { filename: `${promise.slug}-lage-${asOf}.csv`, body: toCsv(PROGRESS_HEADER, rows) };
}

const ACTIVITIES_HEADER = [
  "Id",
  "Datum",
  "Tidpunkt",
  "Antal",
  "Aktör",
  "Plats",
  "Anteckning",
  "Registrerad av",
  "Registrerad",
  "Demo",
  "Makulerad",
  "Makulerad av",
  "Anledning",
];

type ActivityExportRow = [
  id: number,
  localDate: string,
  occurredAt: string,
  quantity: number,
  organisation: string | null,
  place: string | null,
  note: string | null,
  loggedBy: string,
  createdAt: string,
  /** 0/1 on SQLite, a boolean through the query builder. */
  isDemo: 0 | 1 | boolean,
  voidedAt: string | null,
  voidedBy: string | null,
  voidReason: string | null,
];

// SQLite fast path: plain better-sqlite3 in raw (array) mode and iterate(): a commitment can
// have 100 000 activities, and neither an object per row nor an array of every row is needed to
// write them. Newest first, as GET /api/activities lists them; the (commitment_id, local_date, id)
// index gives that order without a sort.
const sqliteStatements = preparedPerConnection((sqlite) => ({
  activities: sqlite
    .prepare<{ commitmentId: number; from: string | null; to: string | null }, ActivityExportRow>(
      `SELECT a.id, a.local_date, a.occurred_at, a.quantity, o.name, a.place, a.note, a.logged_by,
              a.created_at, a.is_demo, a.voided_at, a.voided_by, a.void_reason
       FROM activities a LEFT JOIN organisations o ON o.id = a.organisation_id
       WHERE a.commitment_id = @commitmentId
         AND a.local_date >= coalesce(@from, '0000-00-00') AND a.local_date <= coalesce(@to, '9999-99-99')
       ORDER BY a.local_date DESC, a.id DESC`,
    )
    .raw(),
}));

/** Rows a page of the engine-neutral export reads: memory holds one page, not every activity. */
const EXPORT_PAGE_ROWS = 5000;

/**
 * The export's rows on any engine (PostgreSQL): the same query through the builder, read in
 * keyset pages in the same order (newest first), each page starting after the last row of the
 * one before.
 */
async function* activityPages(
  db: Db,
  commitmentId: number,
  query: { from?: string; to?: string },
): AsyncGenerator<ActivityExportRow[]> {
  const { activities, organisations } = db.$tables;
  let last: { localDate: string; id: number } | null = null;
  for (;;) {
    const page: ActivityExportRow[] = (
      await db
        .select({
          id: activities.id,
          localDate: activities.localDate,
          occurredAt: activities.occurredAt,
          quantity: activities.quantity,
          organisation: organisations.name,
          place: activities.place,
          note: activities.note,
          loggedBy: activities.loggedBy,
          createdAt: activities.createdAt,
          isDemo: activities.isDemo,
          voidedAt: activities.voidedAt,
          voidedBy: activities.voidedBy,
          voidReason: activities.voidReason,
        })
        .from(activities)
        .leftJoin(organisations, eq(organisations.id, activities.organisationId))
        .where(
          and(
            eq(activities.commitmentId, commitmentId),
            query.from ? gte(activities.localDate, query.from) : undefined,
            query.to ? lte(activities.localDate, query.to) : undefined,
            last
              ? or(lt(activities.localDate, last.localDate), and(eq(activities.localDate, last.localDate), lt(activities.id, last.id)))
              : undefined,
          ),
        )
        .orderBy(desc(activities.localDate), desc(activities.id))
        .limit(EXPORT_PAGE_ROWS)
    ).map((r) => [
      r.id,
      r.localDate,
      r.occurredAt,
      r.quantity,
      r.organisation,
      r.place,
      r.note,
      r.loggedBy,
      r.createdAt,
      r.isDemo,
      r.voidedAt,
      r.voidedBy,
      r.voidReason,
    ]);
    if (page.length) yield page;
    const end = page.at(-1);
    if (page.length < EXPORT_PAGE_ROWS || !end) return;
    last = { localDate: end[1], id: end[0] };
  }
}

/** Every activity of a commitment, voided ones included (marked), newest first. */
export async function commitmentActivitiesCsv({
  db,
  commitmentId,
  query,
}: {
  db: Db;
  commitmentId: number;
  query: { from?: string; to?: string };
}): Promise<CsvFile> {
  const commitment = await findCommitment(db, commitmentId);
  const filename = `${commitment.promiseSlug}-atagande-${commitmentId}-aktiviteter.csv`;
  if (db.$sqlite) {
    // Opened and read to the end with no await between: nothing else runs on the connection meanwhile.
    const rows = sqliteStatements(db.$sqlite).activities.iterate({ commitmentId, from: query.from ?? null, to: query.to ?? null });
    return { filename, body: toCsv(ACTIVITIES_HEADER, mapRows(rows as Iterable<ActivityExportRow>)) };
  }
  // A page at a time: each page's CSV text is what toCsv writes for it after the header (rows
  // are independent lines), so the file is the header, then every page's rows in order.
  const header = toCsv(ACTIVITIES_HEADER, []);
  const parts = [header];
  for await (const page of activityPages(db, commitmentId, query)) {
    parts.push(toCsv(ACTIVITIES_HEADER, mapRows(page)).slice(header.length));
  }
  return { filename, body: parts.join("") };
}

function* mapRows(rows: Iterable<ActivityExportRow>): Generator<CsvCell[]> {
  for (const [id, localDate, occurredAt, quantity, organisation, place, note, loggedBy, createdAt, isDemo, voidedAt, voidedBy, voidReason] of rows) {
    yield [id, localDate, occurredAt, quantity, organisation, place, note, loggedBy, createdAt, isDemo ? "ja" : "nej", voidedAt, voidedBy, voidReason];
  }
}
