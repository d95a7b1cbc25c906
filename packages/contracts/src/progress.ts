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

export type ProgressWindow = z.infer<typeof ProgressWindowSchema>;
export type CommitmentProgress = z.infer<typeof CommitmentProgressSchema>;
export type PromiseProgress = z.infer<typeof PromiseProgressSchema>;
