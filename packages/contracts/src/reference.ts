import { z } from "zod";
import { IdSchema } from "./common";

/** The kinds of organisation (the `organisations.kind` column). */
export const ORGANISATION_KIND_VALUES = ["police", "municipal", "housing", "association", "business", "other"] as const;

const NameSchema = z
  .string({ error: "Ange ett namn." })
  .trim()
  .min(1, { error: "Ange ett namn." })
  .max(200, { error: "Namnet får vara högst 200 tecken." });
const KindSchema = z.enum(ORGANISATION_KIND_VALUES, { error: "Välj en typ: police, municipal, housing, association, business eller other." });

/** An organisation in the reference list (issue 7), with how many commitments and activities refer to it. */
export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(ORGANISATION_KIND_VALUES),
    archived: z.boolean(),
    commitments: z.number().int().meta({ description: "Commitments this organisation is responsible for" }),
    activities: z.number().int().meta({ description: "Activities logged in this organisation's name (voided ones included)" }),
  })
  .meta({ id: "Organisation" });

export const CreateOrganisationSchema = z.object({ name: NameSchema, kind: KindSchema.optional() }).meta({ id: "CreateOrganisation" });
export const PatchOrganisationSchema = z
  .object({ name: NameSchema.optional(), kind: KindSchema.optional(), archived: z.boolean({ error: "archived är true eller false." }).optional() })
  .meta({ id: "PatchOrganisation" });

/** An area in the reference list (issue 7), with how many promises are set in it. */
export const AreaSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    parentId: z.number().int().nullable(),
    archived: z.boolean(),
    promises: z.number().int().meta({ description: "Promises set in this area" }),
  })
  .meta({ id: "Area" });

export const CreateAreaSchema = z.object({ name: NameSchema, parentId: IdSchema.nullable().optional() }).meta({ id: "CreateArea" });
export const PatchAreaSchema = z
  .object({ name: NameSchema.optional(), archived: z.boolean({ error: "archived är true eller false." }).optional() })
  .meta({ id: "PatchArea" });

/** POST …/:id/merge: everything that refers to this record moves to `into`, and this record is deleted. */
export const MergeSchema = z.object({ into: IdSchema }).meta({ id: "Merge" });
export const ReferenceIdParamsSchema = z.object({ id: IdSchema });

export type Organisation = z.infer<typeof OrganisationSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type CreateOrganisation = z.output<typeof CreateOrganisationSchema>;
export type PatchOrganisation = z.output<typeof PatchOrganisationSchema>;
export type CreateArea = z.output<typeof CreateAreaSchema>;
export type PatchArea = z.output<typeof PatchAreaSchema>;
