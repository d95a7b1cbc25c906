import { type Cadence, displayWindow, roundTargetUp, roundUpToTenth, STATUS_LABELS_SV } from "@lofteskollen/domain";
import { preparedPerDb, type Db } from "../db/client";
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
export function promiseProgressCsv({ db, promiseId, asOf }: { db: Db; promiseId: number; asOf: string }): CsvFile {
  const promise = getPromise({ db, id: promiseId });
  const progress = getPromiseProgress({ db, promiseId, asOf });
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
  isDemo: 0 | 1,
  voidedAt: string | null,
  voidedBy: string | null,
  voidReason: string | null,
];

const statements = preparedPerDb((db) => ({
  // Plain better-sqlite3 in raw (array) mode and iterate(): a commitment can have 100 000
  // activities, and neither an object per row nor an array of every row is needed to write them.
  // Newest first, as GET /api/activities lists them; the (commitment_id, local_date, id) index
  // gives that order without a sort.
  activities: db.$client
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

/** Every activity of a commitment, voided ones included (marked), newest first. */
export function commitmentActivitiesCsv({
  db,
  commitmentId,
  query,
}: {
  db: Db;
  commitmentId: number;
  query: { from?: string; to?: string };
}): CsvFile {
  const commitment = findCommitment(db, commitmentId);
  const rows = statements(db).activities.iterate({ commitmentId, from: query.from ?? null, to: query.to ?? null });
  return {
    filename: `${commitment.promiseSlug}-atagande-${commitmentId}-aktiviteter.csv`,
    body: toCsv(ACTIVITIES_HEADER, mapRows(rows as Iterable<ActivityExportRow>)),
  };
}

function* mapRows(rows: Iterable<ActivityExportRow>): Generator<CsvCell[]> {
  for (const [id, localDate, occurredAt, quantity, organisation, place, note, loggedBy, createdAt, isDemo, voidedAt, voidedBy, voidReason] of rows) {
    yield [id, localDate, occurredAt, quantity, organisation, place, note, loggedBy, createdAt, isDemo ? "ja" : "nej", voidedAt, voidedBy, voidReason];
  }
}
