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

// ---- Activity types (issue 7) ---------------------------------------------------------------

/**
 * The activity types that always exist (SPEC §2). A merge never deletes one of these: it is
 * archived instead, so files and scripts naming its code keep meaning the same type.
 */
export const BUILT_IN_ACTIVITY_TYPE_CODES = [
  "hotspot_patrol",
  "outreach",
  "sspf_meeting",
  "meeting_place_activity",
  "samverkan_meeting",
  "parent_education",
  "safety_walk",
  "other",
] as const;

const CODE_MESSAGE = "Koden får bara innehålla a–z, 0–9 och _ (högst 50 tecken), t.ex. trygghetsvandring.";
/** An activity type's code: the stable key in CSV imports, promise files and scripts. */
export const ActivityTypeCodeSchema = z
  .string({ error: CODE_MESSAGE })
  .trim()
  .min(1, { error: CODE_MESSAGE })
  .max(50, { error: CODE_MESSAGE })
  .regex(/^[a-z0-9_]+$/, { error: CODE_MESSAGE });
const LabelSchema = z
  .string({ error: "Ange ett namn." })
  .trim()
  .min(1, { error: "Ange ett namn." })
  .max(200, { error: "Namnet får vara högst 200 tecken." });

/**
 * An activity type (GET /api/activity-types): every type, archived ones too (existing commitments
 * keep theirs), with how many commitments have it and how many activities were logged on those.
 */
export const ActivityTypeSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    archived: z.boolean(),
    archivedAt: z.string().nullable().meta({ description: "When archived (ISO time), or null: an archived type is not offered for new commitments" }),
    builtIn: z.boolean().meta({ description: "One of the types that always exist: a merge archives it instead of deleting it" }),
    commitments: z.number().int().meta({ description: "Commitments of this type" }),
    activities: z.number().int().meta({ description: "Activities logged on those commitments (voided ones included)" }),
  })
  .meta({ id: "ActivityType" });

export const CreateActivityTypeSchema = z
  .object({
    label: LabelSchema,
    code: ActivityTypeCodeSchema.optional().meta({ description: "Made from the label when not given (å, ä → a, ö → o, other characters → _)" }),
  })
  .meta({ id: "CreateActivityType" });
export const PatchActivityTypeSchema = z
  .object({
    label: LabelSchema.optional(),
    archived: z.boolean({ error: "archived är true eller false." }).optional(),
    // The code is a stable key: a rename changes the label only. Said rather than silently ignored.
    code: z
      .unknown()
      .refine(() => false, { error: "Koden kan inte ändras: den används i importfiler och skript. Byt namn i stället." })
      .optional()
      .meta({ description: "Not accepted: the code never changes (400)" }),
  })
  .meta({ id: "PatchActivityType" });
/** POST /api/activity-types/{code}/merge: the commitments of `code` get the type `into`. */
export const MergeActivityTypeSchema = z
  .object({ into: z.string({ error: "Ange koden för typen att slå ihop med." }).trim().min(1, { error: "Ange koden för typen att slå ihop med." }) })
  .meta({ id: "MergeActivityType" });
export const ActivityTypeCodeParamsSchema = z.object({ code: z.string().min(1).max(200) });

export type ActivityType = z.infer<typeof ActivityTypeSchema>;
export type CreateActivityType = z.output<typeof CreateActivityTypeSchema>;
export type PatchActivityType = z.output<typeof PatchActivityTypeSchema>;
