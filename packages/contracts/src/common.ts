import { isLocalDate } from "@lofteskollen/domain";
import { z } from "zod";

export const IdSchema = z.coerce
  .number({ error: "Ange ett id (ett heltal)." })
  .int({ error: "Ange ett id (ett heltal)." })
  .positive({ error: "Ange ett id (ett positivt heltal)." });

export const LocalDateSchema = z
  .string({ error: "Ange ett datum (ÅÅÅÅ-MM-DD)." })
  .refine(isLocalDate, { error: "Ange ett giltigt datum som ÅÅÅÅ-MM-DD, t.ex. 2024-02-27." })
  .meta({ description: "A local date in Europe/Stockholm, YYYY-MM-DD", example: "2024-02-27" });

/** An optional date range in a query string (`from`, `to`, both inclusive); from after to is refused. */
export const DateRangeQuerySchema = z
  .object({ from: LocalDateSchema.optional(), to: LocalDateSchema.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: "Startdatum (from) får inte vara efter slutdatum (to).",
    path: ["from"],
  });

const LIMIT_MESSAGE = "limit måste vara ett heltal 1–500.";

/** How many items a page of a list holds: 1–500, default 50. */
export const PageLimitSchema = z.coerce
  .number({ error: LIMIT_MESSAGE })
  .int({ error: LIMIT_MESSAGE })
  .min(1, { error: LIMIT_MESSAGE })
  .max(500, { error: LIMIT_MESSAGE })
  .default(50);

export const ErrorIssueSchema = z.object({
  path: z.string().meta({ description: "The field, e.g. `activities.3.quantity`" }),
  code: z.string(),
  message: z.string(),
});

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "validation_error" }),
      message: z.string().meta({ example: "Kontrollera fälten som är markerade." }),
      issues: z.array(ErrorIssueSchema).optional(),
    }),
  })
  .meta({ id: "ErrorResponse" });

export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** A free-text field: trimmed, empty treated as absent. */
export function optionalText(max: number, label: string) {
  return z
    .string({ error: `${label} måste vara text.` })
    .trim()
    .max(max, { error: `${label} får vara högst ${max} tecken.` })
    .nullish()
    .transform((value) => (value ? value : null));
}
