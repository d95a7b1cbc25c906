import { CADENCES } from "@lofteskollen/domain";
import { z } from "zod";
import { IdSchema, LocalDateSchema, optionalText } from "./common";

export const PROMISE_STATUSES = ["draft", "published", "archived"] as const;
export const PromiseStatusSchema = z.enum(PROMISE_STATUSES, {
  error: "Status måste vara draft, published eller archived.",
});
export const CadenceSchema = z.enum(CADENCES, {
  error: "Takt (cadence) måste vara period, year, term eller month.",
});

const NameSchema = (label: string) =>
  z
    .string({ error: `${label} måste vara text.` })
    .trim()
    .min(1, { error: `${label} får inte vara tomt.` })
    .max(200, { error: `${label} får vara högst 200 tecken.` });

export const CreateCommitmentSchema = z.object({
  title: NameSchema("Titeln"),
  description: optionalText(4000, "Beskrivningen"),
  theme: optionalText(100, "Fokusområdet"),
  activityType: z
    .string({ error: "Ange en aktivitetstyp (kod), t.ex. outreach." })
    .trim()
    .min(1, { error: "Ange en aktivitetstyp (kod), t.ex. outreach." }),
  unit: optionalText(50, "Enheten"),
  target: z
    .number({ error: "Målet måste vara ett heltal större än 0, eller null om målet inte är ett antal." })
    .int({ error: "Målet måste vara ett heltal." })
    .positive({ error: "Målet måste vara större än 0." })
    .max(10_000_000, { error: "Målet får vara högst 10 000 000." })
    .nullable(),
  cadence: CadenceSchema,
  organisations: z
    .array(NameSchema("Aktörens namn"), { error: "Ange ansvariga aktörer som en lista med namn." })
    .min(1, { error: "Ange minst en ansvarig aktör." })
    .max(50),
});

export const CreatePromiseSchema = z
  .object({
    title: NameSchema("Titeln"),
    slug: z
      .string({ error: "Slug måste vara text." })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
        error: "Slug får bara innehålla a–z, 0–9 och bindestreck, t.ex. nordost-2023-2024.",
      })
      .max(100)
      .optional(),
    area: NameSchema("Området"),
    areaParent: optionalText(200, "Överordnat område"),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    status: PromiseStatusSchema.default("draft"),
    summary: optionalText(4000, "Sammanfattningen"),
    contact: optionalText(500, "Kontakten"),
    themes: z.array(NameSchema("Fokusområdet")).max(20).default([]),
    example: z.boolean().default(false),
    commitments: z
      .array(CreateCommitmentSchema, { error: "Ange åtagandena som en lista." })
      .min(1, { error: "Ett medborgarlöfte behöver minst ett åtagande." })
      .max(200),
  })
  .meta({ id: "CreatePromise" });

export const PromiseSummarySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    area: z.string(),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    status: PromiseStatusSchema,
    example: z.boolean(),
  })
  .meta({ id: "PromiseSummary" });

export const CommitmentSchema = z
  .object({
    id: z.number().int(),
    promiseId: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    theme: z.string().nullable(),
    activityType: z.string(),
    unit: z.string(),
    target: z.number().int().nullable(),
    cadence: CadenceSchema,
    organisations: z.array(z.string()),
  })
  .meta({ id: "Commitment" });

export const PromiseDetailSchema = PromiseSummarySchema.extend({
  areaParent: z.string().nullable(),
  predecessorId: z.number().int().nullable().meta({ description: "The promise this one renews (issue 7), or null" }),
  successorId: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The newest promise that renews this one (POST /api/promises/:id/renew), or null" }),
  summary: z.string().nullable(),
  contact: z.string().nullable(),
  themes: z.array(z.string()),
  commitments: z.array(CommitmentSchema),
}).meta({ id: "PromiseDetail" });

export const PromiseIdParamsSchema = z.object({ id: IdSchema });
export const CommitmentEditParamsSchema = z.object({ id: IdSchema });

const PERIOD_MESSAGE = "Slutdatumet ligger före startdatumet.";

/** PATCH /api/promises/:id (issue 7): any of the fields; the slug never changes. */
export const UpdatePromiseSchema = z
  .object({
    title: NameSchema("Titeln").optional(),
    area: NameSchema("Området").optional(),
    areaParent: optionalText(200, "Överordnat område").optional(),
    startDate: LocalDateSchema.optional(),
    endDate: LocalDateSchema.optional(),
    summary: optionalText(4000, "Sammanfattningen").optional(),
    contact: optionalText(500, "Kontakten").optional(),
    status: PromiseStatusSchema.optional(),
    themes: z.array(NameSchema("Fokusområdet"), { error: "Ange fokusområdena som en lista med namn." }).max(20).optional(),
  })
  .refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, { error: PERIOD_MESSAGE, path: ["endDate"] })
  .meta({ id: "UpdatePromise" });

/** PATCH /api/commitments/:id (issue 7). A new target or cadence of a commitment with activities needs `confirm: true`. */
export const UpdateCommitmentSchema = z
  .object({
    title: CreateCommitmentSchema.shape.title.optional(),
    description: optionalText(4000, "Beskrivningen").optional(),
    theme: optionalText(100, "Fokusområdet").optional(),
    activityType: CreateCommitmentSchema.shape.activityType.optional(),
    unit: NameSchema("Enheten").max(50, { error: "Enheten får vara högst 50 tecken." }).optional(),
    target: CreateCommitmentSchema.shape.target.optional(),
    cadence: CadenceSchema.optional(),
    organisations: CreateCommitmentSchema.shape.organisations.optional(),
    confirm: z
      .boolean({ error: "confirm måste vara true eller false." })
      .optional()
      .meta({ description: "true: apply a new target or cadence although the commitment has activities (their progress is recomputed)" }),
  })
  .meta({ id: "UpdateCommitment" });

/** PUT /api/promises/:id/commitment-order (issue 7): every commitment of the promise, once, in the new order. */
export const ReorderCommitmentsSchema = z
  .object({
    commitmentIds: z
      .array(IdSchema, { error: "Ange åtagandenas id som en lista i den nya ordningen." })
      .min(1, { error: "Ange minst ett åtagande." })
      .max(200),
  })
  .meta({ id: "ReorderCommitments" });

/** POST /api/promises/:id/renew: the new period. */
export const RenewPromiseSchema = z
  .object({ startDate: LocalDateSchema, endDate: LocalDateSchema })
  .refine((p) => p.endDate >= p.startDate, { error: PERIOD_MESSAGE, path: ["endDate"] })
  .meta({ id: "RenewPromise" });

/** GET /api/promises/:id/export: exactly the body of POST /api/promises (what a data/promises file holds). */
export const PromiseExportSchema = z
  .object({
    title: z.string(),
    slug: z.string(),
    area: z.string(),
    areaParent: z.string().nullable(),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    status: PromiseStatusSchema,
    summary: z.string().nullable(),
    contact: z.string().nullable(),
    themes: z.array(z.string()),
    example: z.boolean(),
    // A commitment as GET /api/promises/:id gives it, without the ids this database gave it.
    commitments: z.array(CommitmentSchema.omit({ id: true, promiseId: true })),
  })
  .meta({ id: "PromiseExport" });

export type UpdatePromise = z.output<typeof UpdatePromiseSchema>;
export type UpdateCommitment = z.output<typeof UpdateCommitmentSchema>;
export type ReorderCommitments = z.output<typeof ReorderCommitmentsSchema>;
export type PromiseExport = z.infer<typeof PromiseExportSchema>;
export type CreatePromiseInput = z.input<typeof CreatePromiseSchema>;
export type CreatePromise = z.output<typeof CreatePromiseSchema>;
export type CreateCommitment = z.output<typeof CreateCommitmentSchema>;
export type PromiseSummary = z.infer<typeof PromiseSummarySchema>;
export type PromiseDetail = z.infer<typeof PromiseDetailSchema>;
export type Commitment = z.infer<typeof CommitmentSchema>;
export type PromiseStatus = z.infer<typeof PromiseStatusSchema>;
