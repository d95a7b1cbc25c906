import { z } from "zod";

export const MigrationStatusSchema = z
  .object({
    applied: z
      .string()
      .nullable()
      .meta({ description: "The tag of the newest migration applied to the database (`unknown:<when>` if this version does not know it); null if none is, or the database cannot be read", example: "0005_activity-audit-triggers" }),
    expected: z.string().meta({ description: "The tag of the newest migration this version ships", example: "0005_activity-audit-triggers" }),
    upToDate: z.boolean(),
  })
  .meta({ id: "MigrationStatus" });

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]).meta({ description: "ok: the API and its database answer; unavailable: the database does not (HTTP 503)" }),
    database: z.object({
      reachable: z.boolean(),
      migration: MigrationStatusSchema,
    }),
    version: z.string().meta({ description: "The API's version (apps/api/package.json)", example: "0.1.0" }),
  })
  .meta({ id: "Health" });

export type Health = z.infer<typeof HealthSchema>;
