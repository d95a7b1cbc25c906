import { randomBytes } from "node:crypto";
import type {
  CreateSnapshot,
  DataDictionary,
  ErrorIssue,
  DataLicence,
  PromiseDetail,
  PublicCommitmentProgress,
  PublicProgress,
  PublicPromise,
  PublicUpdate,
  Snapshot,
  Update,
} from "@lofteskollen/contracts";
import { type Cadence, personalDataViolations, STATUS_LABELS_SV, STATUSES, type Status, todayInStockholm } from "@lofteskollen/domain";
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { type CsvCell, type CsvFile, toCsv } from "../lib/csv";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import { getPromiseProgress } from "./progress";
import { getPromise } from "./promises";

/**
 * What anybody may read without signing in (issue 6, SPEC §4 "Public" and §5): published promises
 * only, aggregates only. Every object that leaves here is built field by field from the public
 * contract (packages/contracts/src/public.ts): no notes, places, people, activity rows, internal
 * updates or organisations' ids. A draft, an archived promise and a slug that does not exist are
 * the same 404, so a slug cannot be probed.
 */

/** The open data's licence: CC0, the figures are the public's. */
export const PUBLIC_DATA_LICENCE: DataLicence = {
  name: "CC0 1.0 Universell",
  url: "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
};

/** The one 404 of the public endpoints: the same words for a draft, an archived promise and no promise at all. */
const noSuchPromise = () => notFound("Löftet");

const FUTURE_DATE = "Datumet kan inte ligga i framtiden.";

/**
 * The date the public figures are from: `asOf` (YYYY-MM-DD, already validated as a date), or
 * today in Europe/Stockholm. A date after today is refused (400, field `asOf`): the figures of a
 * day that has not come are not figures yet. Earlier dates are allowed, as in the internal
 * progress ("how did it look on that day?"). Used by the routes and the public pages alike.
 */
export function publicAsOf(asOf: string | undefined, now: Date): string {
  const today = todayInStockholm(now);
  if (asOf === undefined) return today;
  if (asOf > today) {
    throw new AppError(400, "validation_error", `Kontrollera fältet asOf: ${FUTURE_DATE}`, [
      { path: "asOf", code: "future_date", message: FUTURE_DATE },
    ]);
  }
  return asOf;
}

const swedish = new Intl.Collator("sv");

/** `GET /api/public/promises`: the published promises, newest period first, then by title. */
export async function listPublicPromises({ db }: { db: Db }): Promise<PublicPromise[]> {
  const { areas, promises } = db.$tables;
  const rows = await db
    .select({
      slug: promises.slug,
      title: promises.title,
      area: areas.name,
      startDate: promises.startDate,
      endDate: promises.endDate,
      summary: promises.summary,
    })
    .from(promises)
    .innerJoin(areas, eq(areas.id, promises.areaId))
    .where(eq(promises.status, "published"))
    .orderBy(desc(promises.startDate), asc(promises.title), asc(promises.id));
  return rows.map((r) => ({ slug: r.slug, title: r.title, area: r.area, startDate: r.startDate, endDate: r.endDate, summary: r.summary }));
}

/** The id of the published promise with this slug; the public 404 otherwise. */
async function publishedPromiseId(db: Db, slug: string): Promise<number> {
  const { promises } = db.$tables;
  // PostgreSQL refuses text with a NUL byte (a 500); no slug has one.
  if (slug.includes("\u0000")) throw noSuchPromise();
  const [row] = await db
    .select({ id: promises.id })
    .from(promises)
    .where(and(eq(promises.slug, slug), eq(promises.status, "published")));
  if (!row) throw noSuchPromise();
  return row.id;
}

/** Public updates of these commitments dated on or before `asOf`, newest first. */
async function publicUpdates(db: Db, commitmentIds: number[], asOf: string): Promise<Map<number, PublicUpdate[]>> {
  const { updates } = db.$tables;
  const byCommitment = new Map<number, PublicUpdate[]>(commitmentIds.map((id) => [id, []]));
  if (!commitmentIds.length) return byCommitment;
  const rows = await db
    .select({ commitmentId: updates.commitmentId, date: updates.date, text: updates.text })
    .from(updates)
    .where(and(inArray(updates.commitmentId, commitmentIds), eq(updates.isPublic, true), lte(updates.date, asOf)))
    .orderBy(desc(updates.date), desc(updates.id));
  for (const row of rows) byCommitment.get(row.commitmentId)?.push({ date: row.date, text: row.text });
  return byCommitment;
}

/** A promise's public figures as of a date, whatever its status: the callers decide who may see them. */
async function publicProgressOf(db: Db, promiseId: number, asOf: string): Promise<PublicProgress> {
  const detail: PromiseDetail = await getPromise({ db, id: promiseId });
  // The engine of the internal progress (services/progress.ts), not a second one.
  const progress = await getPromiseProgress({ db, promiseId, asOf });
  const detailOf = new Map(detail.commitments.map((c) => [c.id, c]));
  const updatesOf = await publicUpdates(db, detail.commitments.map((c) => c.id), asOf);
  const commitments = progress.commitments.map((c): PublicCommitmentProgress => {
    const commitment = detailOf.get(c.commitmentId);
    return {
      commitmentId: c.commitmentId,
      title: c.title,
      unit: c.unit,
      target: c.target,
      cadence: c.cadence,
      status: c.status,
      current: c.current,
      total: { target: c.total.target, actual: c.total.actual },
      windows: c.windows,
      description: commitment?.description ?? null,
      theme: commitment?.theme ?? null,
      organisations: [...(commitment?.organisations ?? [])].sort(swedish.compare),
      updates: updatesOf.get(c.commitmentId) ?? [],
    };
  });
  return {
    promiseId,
    asOf,
    promise: {
      slug: detail.slug,
      title: detail.title,
      area: detail.area,
      startDate: detail.startDate,
      endDate: detail.endDate,
      summary: detail.summary,
      contact: detail.contact,
      themes: detail.themes,
    },
    commitments,
    snapshot: null,
    licence: PUBLIC_DATA_LICENCE,
  };
}

/**
 * `GET /api/public/promises/:slug/progress`: a published promise's progress (SPEC §3, the same
 * figures as GET /api/promises/:id/progress) with its public facts, each commitment's description,
 * theme, organisations (by name, Swedish order) and public updates dated up to `asOf` (newest
 * first). 404 `Löftet finns inte.` for a draft, an archived or an unknown slug alike.
 * With `now` (the server's clock), `asOf` is checked and defaulted by publicAsOf: today in
 * Europe/Stockholm when absent, a 400 when after today. Without `now`, `asOf` is taken as given
 * (the caller has checked it), or today by the machine's clock.
 */
export async function getPublicProgress({ db, slug, asOf, now }: { db: Db; slug: string; asOf?: string; now?: Date }): Promise<PublicProgress> {
  const date = now ? publicAsOf(asOf, now) : (asOf ?? todayInStockholm(new Date()));
  return publicProgressOf(db, await publishedPromiseId(db, slug), date);
}

/** Random, unguessable snapshot slugs: 10 characters of base32 (RFC 4648, lower case), 50 bits. */
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const SNAPSHOT_SLUG_LENGTH = 10;
const SNAPSHOT_SLUG = /^[a-z2-7]{10}$/;

function newSnapshotSlug(): string {
  return [...randomBytes(SNAPSHOT_SLUG_LENGTH)].map((byte) => BASE32[byte & 31]).join("");
}

/** The address of a snapshot's public page, relative to the app's. */
export const snapshotUrl = (slug: string) => `/s/${slug}`;

/**
 * `POST /api/promises/:id/snapshots`: freezes a published promise's public figures as of `asOf`
 * under a title, for a medborgardialog. The stored JSON is exactly what
 * GET /api/public/promises/:slug/progress?asOf= answered at that moment, and is served unchanged
 * ever after (getPublicSnapshot), whatever is logged, voided or corrected later. Run inside a
 * write transaction. 404 for an unknown promise; 422 for a promise that is not published, a date
 * in the future or before the promise's start, or personal data in the title.
 */
export async function createSnapshot({
  db,
  promiseId,
  input,
  now,
  userId = null,
}: {
  db: Db;
  promiseId: number;
  input: CreateSnapshot;
  now: Date;
  /** Who made it (null: the system). */
  userId?: number | null;
}): Promise<Snapshot> {
  const { promises, promiseSnapshots } = db.$tables;
  const [promise] = await db
    .select({ slug: promises.slug, status: promises.status, startDate: promises.startDate })
    .from(promises)
    .where(eq(promises.id, promiseId));
  if (!promise) throw notFound("Medborgarlöftet");
  const today = todayInStockholm(now);
  const violations: ErrorIssue[] = [];
  if (promise.status !== "published") {
    violations.push({
      path: "promiseId",
      code: "not_published",
      message: "Bara publicerade löften kan frysas i en ögonblicksbild. Publicera löftet först.",
    });
  }
  if (input.asOf > today) violations.push({ path: "asOf", code: "future_date", message: FUTURE_DATE });
  else if (input.asOf < promise.startDate) {
    violations.push({
      path: "asOf",
      code: "before_period",
      message: `Datumet ligger före löftets start (${promise.startDate}): då fanns inga siffror att visa.`,
    });
  }
  violations.push(...personalDataViolations([["title", input.title]]));
  if (violations.length) throw ruleViolation(violations);

  const figures = await publicProgressOf(db, promiseId, input.asOf);
  // 50 random bits: a collision is all but impossible, but the unique index must never turn one into a 500.
  let slug = newSnapshotSlug();
  while ((await db.select({ id: promiseSnapshots.id }).from(promiseSnapshots).where(eq(promiseSnapshots.slug, slug))).length) {
    slug = newSnapshotSlug();
  }
  const createdAt = now.toISOString();
  await db.insert(promiseSnapshots).values({
    slug,
    promiseId,
    title: input.title,
    asOf: input.asOf,
    body: JSON.stringify(figures),
    createdAt,
    createdByUserId: userId,
  });
  return { slug, title: input.title, asOf: input.asOf, createdAt, promiseSlug: promise.slug, url: snapshotUrl(slug) };
}

/**
 * `GET /api/public/snapshots/:slug`: a snapshot's frozen figures, in the shape of the public
 * progress, with `snapshot` set. 404 for an unknown slug. A snapshot stays readable when its
 * promise is later unpublished or archived: it is the record of what was shown at a public meeting,
 * and its address was handed out there.
 */
export async function getPublicSnapshot({ db, slug }: { db: Db; slug: string }): Promise<PublicProgress> {
  const { promiseSnapshots } = db.$tables;
  if (!SNAPSHOT_SLUG.test(slug)) throw notFound("Ögonblicksbilden");
  const [row] = await db
    .select({ slug: promiseSnapshots.slug, title: promiseSnapshots.title, asOf: promiseSnapshots.asOf, body: promiseSnapshots.body, createdAt: promiseSnapshots.createdAt })
    .from(promiseSnapshots)
    .where(eq(promiseSnapshots.slug, slug));
  if (!row) throw notFound("Ögonblicksbilden");
  const figures = JSON.parse(row.body) as PublicProgress;
  return { ...figures, snapshot: { slug: row.slug, title: row.title, asOf: row.asOf, createdAt: row.createdAt } };
}

/**
 * `POST /api/promises/:id/publish` and `/unpublish`: publishing makes a promise (draft or
 * archived) public; unpublishing makes a published promise a draft again (an archived or draft
 * promise is already not public and stays as it is). Audited by the promises table's triggers,
 * as `promise.update` with the status before and after. Nothing is written when nothing changes.
 * Run inside a write transaction; returns the promise as GET /api/promises/:id does.
 */
export async function publishPromise({ db, promiseId, publish }: { db: Db; promiseId: number; publish: boolean }): Promise<PromiseDetail> {
  const { promises } = db.$tables;
  const [promise] = await db.select({ status: promises.status }).from(promises).where(eq(promises.id, promiseId));
  if (!promise) throw notFound("Medborgarlöftet");
  const status = publish ? "published" : promise.status === "published" ? "draft" : promise.status;
  if (status !== promise.status) await db.update(promises).set({ status }).where(eq(promises.id, promiseId));
  return getPromise({ db, id: promiseId });
}

/**
 * `PATCH /api/updates/:id`: whether a lägesrapport is shown on the public page. Audited by the
 * updates table's triggers (`update.update`, isPublic before and after). Run inside a write
 * transaction.
 */
export async function setUpdatePublic({ db, updateId, public: isPublic }: { db: Db; updateId: number; public: boolean }): Promise<Update> {
  const { updates } = db.$tables;
  const [row] = await db.select().from(updates).where(eq(updates.id, updateId));
  if (!row) throw notFound("Lägesrapporten");
  const [updated] = row.isPublic === isPublic ? [row] : await db.update(updates).set({ isPublic }).where(eq(updates.id, updateId)).returning();
  if (!updated) throw notFound("Lägesrapporten");
  return {
    id: updated.id,
    commitmentId: updated.commitmentId,
    date: updated.date,
    text: updated.text,
    public: updated.isPublic,
    createdBy: updated.createdBy,
    createdAt: updated.createdAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Open data

const CADENCE_SV: Record<Cadence, string> = { year: "år", term: "termin", month: "månad", period: "hela perioden" };

const STATUS_DESCRIPTIONS_SV: Record<Status, string> = {
  met: "Målet för fönstret är nått.",
  on_track: "I takt: utfört hittills är minst det förväntade.",
  at_risk: "Något efter: utfört hittills är minst 75 % av det förväntade.",
  behind: "Efter: utfört hittills är under 75 % av det förväntade.",
  missed: "Fönstret är slut och målet nåddes inte.",
  upcoming: "Fönstret har inte börjat.",
  tracking: "Åtagandet har inget sifferbestämt mål; utfört räknas ändå.",
};

/** The CSV's columns in order, each with its type and meaning: the header and the dictionary come from here. */
const CSV_COLUMNS = [
  { name: "Löfte", type: "text", description: "Medborgarlöftets rubrik." },
  { name: "Löftets adress", type: "text", description: "Löftets kortnamn (slug), som i adressen /p/<slug>." },
  { name: "Siffror per", type: "datum (ÅÅÅÅ-MM-DD)", description: "Dagen siffrorna gäller: allt som gjorts till och med den dagen räknas." },
  { name: "Åtagande", type: "text", description: "Åtagandets rubrik." },
  { name: "Fokusområde", type: "text", description: "Fokusområdet (tema) åtagandet hör till; tomt om inget." },
  { name: "Enhet", type: "text", description: "Vad som räknas, t.ex. tillfällen, möten, aktiviteter." },
  { name: "Takt", type: "text", description: "Hur målet delas upp: år, termin, månad eller hela perioden. En rad per fönster." },
  { name: "Fönster från", type: "datum (ÅÅÅÅ-MM-DD)", description: "Fönstrets första dag, efter att det klippts till löftets period." },
  { name: "Fönster till", type: "datum (ÅÅÅÅ-MM-DD)", description: "Fönstrets sista dag (inklusive)." },
  {
    name: "Mål i fönstret",
    type: "decimaltal",
    description: "Målet för fönstret, exakt och oavrundat: ett fönster som bara delvis ligger i perioden får en proportionell del av målet (mål × dagar i perioden / fönstrets alla dagar). Tomt om åtagandet saknar sifferbestämt mål.",
  },
  { name: "Utfört i fönstret", type: "heltal", description: "Summan av det som registrerats som utfört under fönstrets dagar till och med siffrornas datum (makulerade registreringar räknas inte)." },
  {
    name: "Förväntat hittills",
    type: "decimaltal",
    description: "Vad jämn takt skulle ha gett hittills: mål × förflutna dagar / fönstrets dagar. Exakt och oavrundat; tomt utan mål.",
  },
  { name: "Status", type: "kod", description: "Fönstrets status som kod: met, on_track, at_risk, behind, missed, upcoming eller tracking (se statuses)." },
  { name: "Status i ord", type: "text", description: "Samma status på svenska." },
  { name: "Ansvariga aktörer", type: "text", description: "De organisationer som ansvarar för åtagandet, åtskilda med kommatecken." },
] as const satisfies readonly { name: string; type: string; description: string }[];

/**
 * `GET /api/public/promises/:slug/data.csv`: a published promise's public figures as of a date,
 * one row per commitment and window, in the Swedish Excel dialect of the other exports (UTF-8 with
 * BOM, `;`, decimal comma). The numbers are the progress JSON's, unrounded.
 */
export async function publicProgressCsv({ db, slug, asOf, now }: { db: Db; slug: string; asOf?: string; now?: Date }): Promise<CsvFile> {
  const figures = await getPublicProgress({ db, slug, asOf, now });
  return { filename: publicDataFilename(figures, "csv"), body: publicProgressToCsv(figures) };
}

/** The CSV text of public figures (live or a snapshot's). */
export function publicProgressToCsv(figures: PublicProgress): string {
  const rows: CsvCell[][] = figures.commitments.flatMap((c) =>
    c.windows.map((w): CsvCell[] => [
      figures.promise.title,
      figures.promise.slug,
      figures.asOf,
      c.title,
      c.theme,
      c.unit,
      CADENCE_SV[c.cadence],
      w.start,
      w.end,
      w.target,
      w.actual,
      w.expectedToDate,
      w.status,
      STATUS_LABELS_SV[w.status],
      c.organisations.join(", "),
    ]),
  );
  return toCsv(
    CSV_COLUMNS.map((column) => column.name),
    rows,
  );
}

/** `<slug>-siffror-<asOf>.csv` / `.json`. */
export const publicDataFilename = (figures: Pick<PublicProgress, "asOf" | "promise">, extension: "csv" | "json") =>
  `${figures.promise.slug}-siffror-${figures.asOf}.${extension}`;

const JSON_FIELDS: DataDictionary["json"]["fields"] = [
  { name: "promiseId", type: "heltal", description: "Löftets nummer i Löfteskollen." },
  { name: "asOf", type: "datum (ÅÅÅÅ-MM-DD)", description: "Dagen siffrorna gäller: allt som gjorts till och med den dagen räknas." },
  { name: "promise", type: "objekt", description: "Löftet: det som gäller hela löftet." },
  { name: "promise.slug", type: "text", description: "Löftets kortnamn, som i adressen /p/<slug>." },
  { name: "promise.title", type: "text", description: "Medborgarlöftets rubrik." },
  { name: "promise.area", type: "text", description: "Området löftet gäller, t.ex. Nordost." },
  { name: "promise.startDate", type: "datum (ÅÅÅÅ-MM-DD)", description: "Löftesperiodens första dag." },
  { name: "promise.endDate", type: "datum (ÅÅÅÅ-MM-DD)", description: "Löftesperiodens sista dag (inklusive)." },
  { name: "promise.summary", type: "text eller null", description: "Sammanfattning av löftet." },
  { name: "promise.contact", type: "text eller null", description: "Vem man kan kontakta om löftet." },
  { name: "promise.themes[]", type: "lista av text", description: "Löftets fokusområden." },
  { name: "commitments[]", type: "lista", description: "Åtagandena, i löftets ordning." },
  { name: "commitments[].commitmentId", type: "heltal", description: "Åtagandets nummer i Löfteskollen." },
  { name: "commitments[].title", type: "text", description: "Åtagandets rubrik." },
  { name: "commitments[].description", type: "text eller null", description: "Åtagandet i klartext." },
  { name: "commitments[].theme", type: "text eller null", description: "Fokusområdet åtagandet hör till." },
  { name: "commitments[].unit", type: "text", description: "Vad som räknas, t.ex. tillfällen." },
  { name: "commitments[].target", type: "heltal eller null", description: "Målet per fönster enligt löftet; null om åtagandet saknar sifferbestämt mål." },
  { name: "commitments[].cadence", type: "kod", description: "Hur målet delas upp: year (år), term (termin), month (månad) eller period (hela perioden)." },
  {
    name: "commitments[].status",
    type: "kod",
    description: "Åtagandets status: det aktuella fönstrets; finns inget aktuellt fönster, det senast avslutade (eller, före perioden, det första).",
  },
  { name: "commitments[].current", type: "fönster eller null", description: "Fönstret som innehåller siffrornas datum, med samma fält som windows[]." },
  { name: "commitments[].total", type: "objekt", description: "Hela perioden: summan av alla fönster." },
  { name: "commitments[].total.target", type: "decimaltal eller null", description: "Summan av alla fönsters mål: målet för hela perioden." },
  { name: "commitments[].total.actual", type: "heltal", description: "Utfört under hela perioden till och med siffrornas datum." },
  { name: "commitments[].windows[]", type: "lista", description: "Fönstren (år, terminer, månader eller hela perioden), äldst först." },
  { name: "commitments[].windows[].start", type: "datum (ÅÅÅÅ-MM-DD)", description: "Fönstrets första dag, klippt till perioden." },
  { name: "commitments[].windows[].end", type: "datum (ÅÅÅÅ-MM-DD)", description: "Fönstrets sista dag (inklusive), klippt till perioden." },
  { name: "commitments[].windows[].coveredDays", type: "heltal", description: "Fönstrets dagar inom perioden." },
  { name: "commitments[].windows[].fullDays", type: "heltal", description: "Fönstrets alla dagar (ett år 365/366, en månad dess längd)." },
  { name: "commitments[].windows[].target", type: "decimaltal eller null", description: "Fönstrets mål, proportionellt för ett delvis fönster, exakt och oavrundat." },
  { name: "commitments[].windows[].actual", type: "heltal", description: "Utfört i fönstret till och med siffrornas datum." },
  { name: "commitments[].windows[].elapsedDays", type: "heltal", description: "Fönstrets dagar till och med siffrornas datum." },
  { name: "commitments[].windows[].expectedToDate", type: "decimaltal eller null", description: "Vad jämn takt skulle ha gett hittills: mål × elapsedDays / coveredDays." },
  { name: "commitments[].windows[].status", type: "kod", description: "Fönstrets status (se statuses)." },
  { name: "commitments[].windows[].forecast", type: "decimaltal eller null", description: "Pågående fönster: utfört i nuvarande takt vid fönstrets slut. Annars null." },
  {
    name: "commitments[].windows[].neededPerWeek",
    type: "decimaltal eller null",
    description: "Pågående fönster som inte är klart: hur många per vecka som behövs resten av fönstret för att nå målet. Annars null.",
  },
  { name: "commitments[].organisations[]", type: "lista av text", description: "De ansvariga organisationerna, i bokstavsordning." },
  { name: "commitments[].updates[]", type: "lista", description: "Offentliga lägesrapporter daterade till och med siffrornas datum, nyast först." },
  { name: "commitments[].updates[].date", type: "datum (ÅÅÅÅ-MM-DD)", description: "Lägesrapportens datum." },
  { name: "commitments[].updates[].text", type: "text", description: "Lägesrapporten." },
  { name: "snapshot", type: "objekt eller null", description: "Satt när siffrorna är en ögonblicksbild för en medborgardialog, annars null." },
  { name: "snapshot.slug", type: "text", description: "Ögonblicksbildens kortnamn, som i adressen /s/<slug>." },
  { name: "snapshot.title", type: "text", description: "Ögonblicksbildens rubrik, t.ex. ”Medborgardialog Backa 12 mars”." },
  { name: "snapshot.asOf", type: "datum (ÅÅÅÅ-MM-DD)", description: "Dagen siffrorna frystes per." },
  { name: "snapshot.createdAt", type: "tidpunkt (ISO 8601, UTC)", description: "När ögonblicksbilden skapades." },
  { name: "licence", type: "objekt", description: "Licensen för siffrorna." },
  { name: "licence.name", type: "text", description: "Licensens namn." },
  { name: "licence.url", type: "text", description: "Licensens text." },
];

/** `GET /api/public/data-dictionary`: every CSV column and JSON field in Swedish, the statuses, the licence. */
export function dataDictionary(): DataDictionary {
  return {
    title: "Löfteskollen – öppna data om medborgarlöften",
    description:
      "Hur det går med de publicerade medborgarlöftena: vad som lovats och vad som gjorts, som summor per åtagande och fönster. Inga personuppgifter, anteckningar, platser eller enskilda registreringar ingår. Datum gäller svensk tid (Europe/Stockholm); alla dagar räknas inklusive.",
    licence: PUBLIC_DATA_LICENCE,
    downloads: [
      { format: "CSV", url: "/api/public/promises/:slug/data.csv?asOf=ÅÅÅÅ-MM-DD", description: "En rad per åtagande och fönster. asOf är frivilligt (standard: i dag)." },
      { format: "JSON", url: "/api/public/promises/:slug/data.json?asOf=ÅÅÅÅ-MM-DD", description: "Allt om löftet som ett JSON-objekt (fälten nedan)." },
      { format: "JSON", url: "/api/public/promises", description: "De publicerade löftena." },
      { format: "JSON", url: "/api/public/snapshots/:slug", description: "En ögonblicksbild: siffrorna frysta per ett datum, i samma form som data.json." },
    ],
    csv: {
      format: "UTF-8 med BOM, semikolon mellan fälten, CRLF mellan raderna, decimalkomma; första raden är kolumnnamnen.",
      columns: CSV_COLUMNS.map((column) => ({ ...column })),
    },
    json: { fields: JSON_FIELDS },
    statuses: STATUSES.map((code) => ({ code, label: STATUS_LABELS_SV[code], description: STATUS_DESCRIPTIONS_SV[code] })),
  };
}
