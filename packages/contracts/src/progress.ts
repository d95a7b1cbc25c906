import { STATUSES } from "@lofteskollen/domain";
import { z } from "zod";
import { LocalDateSchema } from "./common";
import { CadenceSchema } from "./promises";

export const StatusSchema = z.enum(STATUSES);

export const ProgressWindowSchema = z
  .object({
    start: LocalDateSchema,
    end: LocalDateSchema,
    coveredDays: z.number().int(),
    fullDays: z.number().int(),
    target: z.number().nullable(),
    actual: z.number(),
    elapsedDays: z.number().int(),
    expectedToDate: z.number().nullable(),
    status: StatusSchema,
    forecast: z.number().nullable(),
    neededPerWeek: z.number().nullable(),
  })
  .meta({ id: "ProgressWindow" });

export const CommitmentProgressSchema = z
  .object({
    commitmentId: z.number().int(),
    title: z.string(),
    unit: z.string(),
    target: z.number().int().nullable(),
    cadence: CadenceSchema,
    status: StatusSchema,
    current: ProgressWindowSchema.nullable(),
    total: z.object({ target: z.number().nullable(), actual: z.number() }),
    windows: z.array(ProgressWindowSchema),
  })
  .meta({ id: "CommitmentProgress" });

export const PromiseProgressSchema = z
  .object({
    promiseId: z.number().int(),
    asOf: LocalDateSchema,
    commitments: z.array(CommitmentProgressSchema),
  })
  .meta({ id: "PromiseProgress" });

export const ProgressQuerySchema = z.object({ asOf: LocalDateSchema.optional() });

/** How many of a promise's commitments have each status (every status present, 0 when none). */
export const StatusCountsSchema = z.record(StatusSchema, z.number().int().nonnegative()).meta({ id: "StatusCounts" });

export const PromiseProgressSummarySchema = z
  .object({
    promiseId: z.number().int(),
    statusCounts: StatusCountsSchema,
  })
  .meta({ id: "PromiseProgressSummary" });

/** `GET /api/progress?asOf=`: every promise's commitments counted per status, for the overview. */
export const ProgressSummarySchema = z
  .object({
    asOf: LocalDateSchema,
    promises: z.array(PromiseProgressSummarySchema),
  })
  .meta({ id: "ProgressSummary" });

export const DailyTotalSchema = z
  .object({ date: LocalDateSchema, quantity: z.number().int() })
  .meta({ id: "DailyTotal" });

/**
 * `GET /api/promises/:id/daily-totals?asOf=`: per commitment, the sum of non-voided quantities
 * per local date from the period's start to `to` (the earlier of asOf and the period's end),
 * days with nothing left out, oldest first. What the charts draw.
 */
export const DailyTotalsSchema = z
  .object({
    promiseId: z.number().int(),
    asOf: LocalDateSchema,
    from: LocalDateSchema,
    to: LocalDateSchema,
    commitments: z.array(z.object({ commitmentId: z.number().int(), days: z.array(DailyTotalSchema) })),
  })
  .meta({ id: "DailyTotals" });

export type StatusCounts = z.infer<typeof StatusCountsSchema>;
export type PromiseProgressSummary = z.infer<typeof PromiseProgressSummarySchema>;
export type ProgressSummary = z.infer<typeof ProgressSummarySchema>;
export type DailyTotal = z.infer<typeof DailyTotalSchema>;
export type DailyTotals = z.infer<typeof DailyTotalsSchema>;

export type ProgressWindow = z.infer<typeof ProgressWindowSchema>;
export type CommitmentProgress = z.infer<typeof CommitmentProgressSchema>;
export type PromiseProgress = z.infer<typeof PromiseProgressSchema>;
