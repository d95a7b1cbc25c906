import { z } from "zod";

/** The optional `Idempotency-Key` header of the routes that create (SPEC §4). */
export const IdempotencyHeadersSchema = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, { error: "Idempotency-Key ska vara 1–200 synliga ASCII-tecken, t.ex. ett UUID." })
    .optional()
    .meta({ description: "Retries with the same key and body return the first result and create nothing" }),
});

/** Sent with an answer replayed for a retried Idempotency-Key. */
export const replayHeader = { "Idempotent-Replayed": "true" };
