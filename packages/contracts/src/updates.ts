import { z } from "zod";
import { IdSchema, LocalDateSchema } from "./common";

/** A lägesrapport: a dated narrative on a commitment, public or internal. */
export const CreateUpdateSchema = z
  .object({
    date: LocalDateSchema,
    text: z
      .string({ error: "Skriv lägesrapporten (text)." })
      .trim()
      .min(1, { error: "Skriv lägesrapporten (text)." })
      .max(4000, { error: "Lägesrapporten får vara högst 4 000 tecken." }),
    public: z.boolean({ error: "Ange om lägesrapporten är offentlig (public: true eller false)." }).default(false),
  })
  .meta({ id: "CreateUpdate" });

export const UpdateSchema = z
  .object({
    id: z.number().int(),
    commitmentId: z.number().int(),
    date: LocalDateSchema,
    text: z.string(),
    public: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "Update" });

export const CommitmentIdParamsSchema = z.object({ id: IdSchema });

export type CreateUpdate = z.output<typeof CreateUpdateSchema>;
export type Update = z.infer<typeof UpdateSchema>;
