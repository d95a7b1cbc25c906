import { z } from "zod";
import { LocalDateSchema } from "./common";
import { CommitmentProgressSchema } from "./progress";

/**
 * What anybody may read without signing in (issue 6, SPEC §4 "Public"): published promises only,
 * aggregates only. No notes, places, people, activity rows, internal updates, or organisations'
 * ids: organisations are named. Every schema here is the whole of what leaves the API for the
 * public (the tests walk it).
 */

/** A published promise, as `GET /api/public/promises` lists it. */
export const PublicPromiseSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    area: z.string(),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    summary: z.string().nullable(),
  })
  .meta({ id: "PublicPromise" });

/** A lägesrapport that a manager marked public. */
export const PublicUpdateSchema = z.object({ date: LocalDateSchema, text: z.string() }).meta({ id: "PublicUpdate" });

/** A commitment's progress as in `GET /api/promises/:id/progress`, with what the public page says around it. */
export const PublicCommitmentProgressSchema = CommitmentProgressSchema.extend({
  description: z.string().nullable(),
  theme: z.string().nullable(),
  /** The responsible organisations, by name. */
  organisations: z.array(z.string()),
  /** Public updates only, newest first. */
  updates: z.array(PublicUpdateSchema),
}).meta({ id: "PublicCommitmentProgress" });

/** The licence of the published figures (open data). */
export const DataLicenceSchema = z
  .object({ name: z.string(), url: z.string() })
  .meta({ id: "DataLicence" });

/** A snapshot for a medborgardialog: the figures frozen as of a date, under a title. */
export const SnapshotInfoSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    asOf: LocalDateSchema,
    createdAt: z.string(),
  })
  .meta({ id: "SnapshotInfo" });

/**
 * `GET /api/public/promises/:slug/progress?asOf=` and `GET /api/public/snapshots/:slug`: the shape
 * of a promise's progress (`promiseId`, `asOf`, `commitments`), with the promise's public facts.
 * `asOf` is the date the figures are from; `snapshot` is set when they are a frozen snapshot.
 */
export const PublicProgressSchema = z
  .object({
    promiseId: z.number().int(),
    asOf: LocalDateSchema,
    promise: z.object({
      slug: z.string(),
      title: z.string(),
      area: z.string(),
      startDate: LocalDateSchema,
      endDate: LocalDateSchema,
      summary: z.string().nullable(),
      contact: z.string().nullable(),
      themes: z.array(z.string()),
    }),
    commitments: z.array(PublicCommitmentProgressSchema),
    snapshot: SnapshotInfoSchema.nullable(),
    licence: DataLicenceSchema,
  })
  .meta({ id: "PublicProgress" });

/** `POST /api/promises/:id/snapshots`: freeze the published figures as of `asOf` under `title`. */
export const CreateSnapshotSchema = z
  .object({
    asOf: LocalDateSchema,
    title: z.string().trim().min(1, "Ge ögonblicksbilden en rubrik, t.ex. ”Medborgardialog Backa 12 mars”.").max(200, "Rubriken får vara högst 200 tecken."),
  })
  .meta({ id: "CreateSnapshot" });

/** The created snapshot: where its figures can be read and shown. */
export const SnapshotSchema = SnapshotInfoSchema.extend({
  promiseSlug: z.string(),
  /** The public page of the snapshot (relative to the app's address). */
  url: z.string(),
}).meta({ id: "Snapshot" });

/** `PATCH /api/updates/:id`: whether a lägesrapport is shown on the public page. */
export const SetUpdatePublicSchema = z.object({ public: z.boolean() }).meta({ id: "SetUpdatePublic" });

export type PublicPromise = z.infer<typeof PublicPromiseSchema>;
export type PublicUpdate = z.infer<typeof PublicUpdateSchema>;
export type PublicCommitmentProgress = z.infer<typeof PublicCommitmentProgressSchema>;
export type PublicProgress = z.infer<typeof PublicProgressSchema>;
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;
export type CreateSnapshot = z.output<typeof CreateSnapshotSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
export type DataLicence = z.infer<typeof DataLicenceSchema>;

/** One column of the open-data CSV, or one field of the JSON download, described in Swedish. */
export const DataDictionaryEntrySchema = z
  .object({
    /** The CSV column's header, or the JSON field's path (e.g. `commitments[].windows[].target`). */
    name: z.string(),
    /** text, heltal, decimaltal, datum (ÅÅÅÅ-MM-DD), tidpunkt (ISO 8601), lista… */
    type: z.string(),
    description: z.string(),
  })
  .meta({ id: "DataDictionaryEntry" });

/** `GET /api/public/data-dictionary`: what the open data means, column by column, and its licence. */
export const DataDictionarySchema = z
  .object({
    title: z.string(),
    description: z.string(),
    licence: DataLicenceSchema,
    /** The downloads, with their addresses (`:slug` is a published promise's slug). */
    downloads: z.array(z.object({ format: z.string(), url: z.string(), description: z.string() })),
    csv: z.object({
      format: z.string(),
      columns: z.array(DataDictionaryEntrySchema),
    }),
    json: z.object({ fields: z.array(DataDictionaryEntrySchema) }),
    /** Every status code with its Swedish word and what it means. */
    statuses: z.array(z.object({ code: z.string(), label: z.string(), description: z.string() })),
  })
  .meta({ id: "DataDictionary" });

export type DataDictionaryEntry = z.infer<typeof DataDictionaryEntrySchema>;
export type DataDictionary = z.infer<typeof DataDictionarySchema>;
