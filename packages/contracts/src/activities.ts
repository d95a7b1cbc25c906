import { localDateOfOccurredAt } from "@lofteskollen/domain";
import { z } from "zod";
import { DateRangeQuerySchema, IdSchema, LocalDateSchema, PageLimitSchema, optionalText } from "./common";

export const QUANTITY_MIN = 1;
export const QUANTITY_MAX = 10_000;
export const BATCH_MAX_ROWS = 10_000;

export const OccurredAtSchema = z
  .string({ error: "Ange när aktiviteten genomfördes (datum ÅÅÅÅ-MM-DD eller tidpunkt)." })
  .trim()
  .refine((value) => localDateOfOccurredAt(value) !== null, {
    error: "Ange ett giltigt datum (ÅÅÅÅ-MM-DD) eller en tidpunkt med tidszon, t.ex. 2024-03-14T18:30:00+01:00.",
  })
  .meta({
    description:
      "When the activity happened: a local date YYYY-MM-DD (Europe/Stockholm) or an ISO 8601 timestamp with offset",
    example: "2024-03-14T18:30:00+01:00",
  });

export const CreateActivitySchema = z
  .object({
    commitmentId: z
      .number({ error: "Ange åtagandets id (commitmentId) som ett heltal." })
      .int({ error: "Åtagandets id (commitmentId) måste vara ett heltal." })
      .positive({ error: "Åtagandets id (commitmentId) måste vara ett positivt heltal." }),
    occurredAt: OccurredAtSchema,
    // The range 1–10 000 is a domain rule (422), checked after the shape (400).
    quantity: z
      .number({ error: "Antal (quantity) måste vara ett heltal." })
      .int({ error: "Antal (quantity) måste vara ett heltal." })
      .default(1)
      .meta({ description: `How many, ${QUANTITY_MIN}–${QUANTITY_MAX}; default 1` }),
    organisation: optionalText(200, "Aktören"),
    place: optionalText(200, "Platsen"),
    note: optionalText(2000, "Anteckningen"),
  })
  .meta({ id: "CreateActivity" });

export const CreateActivityBatchSchema = z
  .object({
    activities: z
      .array(CreateActivitySchema, { error: "Ange aktiviteterna som en lista (activities)." })
      .min(1, { error: "Listan med aktiviteter är tom." })
      .max(BATCH_MAX_ROWS, { error: `Högst ${BATCH_MAX_ROWS} aktiviteter per import.` }),
  })
  .meta({ id: "CreateActivityBatch" });

/** Why an activity is voided or corrected (`makuleras`, `rättas`): required, kept in the history. */
const reasonFor = (what: string) =>
  z
    .string({ error: `Ange varför registreringen ${what} (reason).` })
    .trim()
    .min(1, { error: `Ange varför registreringen ${what} (reason).` })
    .max(500, { error: "Anledningen får vara högst 500 tecken." });

export const VoidActivitySchema = z.object({ reason: reasonFor("makuleras") }).meta({ id: "VoidActivity" });

/**
 * A corrected field: omitted = copied from the original; null or "" = cleared (place, note,
 * organisation). Unlike `optionalText`, which turns an omitted field into null.
 */
function correctedText(max: number, label: string) {
  return z
    .string({ error: `${label} måste vara text.` })
    .trim()
    .max(max, { error: `${label} får vara högst ${max} tecken.` })
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null));
}

/** `POST /api/activities/:id/correct`: void the activity and log a corrected one in its place. */
export const CorrectActivitySchema = z
  .object({
    reason: reasonFor("rättas"),
    activity: z
      .object({
        occurredAt: OccurredAtSchema.optional(),
        quantity: z
          .number({ error: "Antal (quantity) måste vara ett heltal." })
          .int({ error: "Antal (quantity) måste vara ett heltal." })
          .optional(),
        organisation: correctedText(200, "Aktören"),
        place: correctedText(200, "Platsen"),
        note: correctedText(2000, "Anteckningen"),
      })
      .meta({
        description:
          "The corrected activity. A field left out is copied from the original; null clears organisation, place or note. The commitment stays the original's.",
      }),
  })
  .meta({ id: "CorrectActivity" });

export const ActivitySchema = z
  .object({
    id: z.number().int(),
    commitmentId: z.number().int(),
    occurredAt: z.string(),
    localDate: LocalDateSchema,
    quantity: z.number().int(),
    organisation: z.string().nullable(),
    place: z.string().nullable(),
    note: z.string().nullable(),
    loggedBy: z.string(),
    createdAt: z.string(),
    demo: z.boolean(),
    voidedAt: z.string().nullable(),
    voidedBy: z.string().nullable(),
    voidReason: z.string().nullable(),
    replacesId: z
      .number()
      .int()
      .nullable()
      .meta({ description: "This activity corrects that one (which was voided in the same transaction)" }),
    replacedById: z
      .number()
      .int()
      .nullable()
      .meta({ description: "This activity was voided and corrected by that one (\"rättad, se …\")" }),
  })
  .meta({ id: "Activity" });

export const ActivityCorrectionSchema = z
  .object({
    /** The original, now voided, with `replacedById` set. */
    voided: ActivitySchema,
    /** The corrected activity, with `replacesId` set. */
    created: ActivitySchema,
  })
  .meta({ id: "ActivityCorrection", description: "`voided`: the original, now voided (`replacedById` set); `created`: its correction (`replacesId` set)" });

export const ActivityBatchResultSchema = z
  .object({
    created: z.number().int(),
    ids: z.array(z.number().int()).meta({ description: "The new activities' ids, in the order of the rows sent" }),
  })
  .meta({ id: "ActivityBatchResult" });

export const ListActivitiesQuerySchema = z.object({
  commitmentId: IdSchema.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  limit: PageLimitSchema,
  cursor: z.string().max(200).optional(),
});

export const ActivityPageSchema = z
  .object({ items: z.array(ActivitySchema), nextCursor: z.string().nullable() })
  .meta({ id: "ActivityPage" });

/** `GET /api/commitments/:id/organisations?from=&to=` (both default to the promise period). */
export const OrganisationBreakdownQuerySchema = DateRangeQuerySchema;

/** A commitment's non-voided activities from `from` to `to` summed per organisation, largest first. */
export const OrganisationBreakdownSchema = z
  .object({
    commitmentId: z.number().int(),
    from: LocalDateSchema,
    to: LocalDateSchema,
    organisations: z.array(
      z.object({
        organisation: z.string().nullable().meta({ description: "null: logged without an organisation" }),
        quantity: z.number().int(),
        activities: z.number().int(),
      }),
    ),
  })
  .meta({ id: "OrganisationBreakdown" });

/** `GET /api/commitments/:id/activities.csv?from=&to=` */
export const ActivitiesCsvQuerySchema = DateRangeQuerySchema;

export const ActivityIdParamsSchema = z.object({ id: IdSchema });

export type CreateActivityInput = z.input<typeof CreateActivitySchema>;
export type CreateActivity = z.output<typeof CreateActivitySchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type CorrectActivityInput = z.input<typeof CorrectActivitySchema>;
export type CorrectActivity = z.output<typeof CorrectActivitySchema>;
export type ActivityCorrection = z.infer<typeof ActivityCorrectionSchema>;
export type ActivityPage = z.infer<typeof ActivityPageSchema>;
export type ActivityBatchResult = z.infer<typeof ActivityBatchResultSchema>;
export type OrganisationBreakdown = z.infer<typeof OrganisationBreakdownSchema>;
export type ListActivitiesQuery = z.output<typeof ListActivitiesQuerySchema>;
