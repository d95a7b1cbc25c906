import { z } from "zod";
import { NewPasswordSchema, RoleSchema, UserNameSchema } from "./auth";
import { IdSchema } from "./common";

/**
 * Users administration (issue 7, part 5; admins only): change a user's name, role and
 * organisations, set a new password, see and end their sessions.
 */

/** `PATCH /api/users/:id`: only the fields sent change; `organisations` replaces the whole list. */
export const PatchUserSchema = z
  .object({
    name: UserNameSchema.optional(),
    role: RoleSchema.optional(),
    organisations: z
      .array(z.string().trim().min(1, { error: "Ange aktörens namn." }).max(200), { error: "Ange aktörerna som en lista med namn." })
      .max(50, { error: "Högst 50 aktörer." })
      .optional()
      .meta({ description: "The organisations the user acts for, by name: replaces the list" }),
  })
  .meta({ id: "PatchUser" });

/** `POST /api/users/:id/password`: a new (temporary) password, same rules as a new user's. */
export const SetPasswordSchema = z.object({ password: NewPasswordSchema }).meta({ id: "SetPassword" });

/** A session of a user as an admin sees it: never the cookie or its hash. */
export const UserSessionSchema = z
  .object({
    id: z.string().meta({ description: "A handle for this session (not the cookie, not its hash): 16 hex characters", example: "3f9a0c1b2d4e5f60" }),
    createdAt: z.string().meta({ description: "Signed in, UTC" }),
    lastSeenAt: z.string().meta({ description: "Last request (refreshed at most once a minute), UTC" }),
    expiresAt: z.string().meta({ description: "Ends at the latest, UTC (earlier when idle)" }),
    address: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().meta({ description: "The session this request came with (the admin's own)" }),
  })
  .meta({ id: "UserSession" });

export const EndedSessionsSchema = z
  .object({ ended: z.number().int().meta({ description: "How many sessions were ended" }) })
  .meta({ id: "EndedSessions" });

export const UserSessionParamsSchema = z.object({
  id: IdSchema,
  sessionId: z
    .string()
    .regex(/^[0-9a-f]{16}$/, { error: "Ange sessionens id: 16 tecken 0–9 och a–f." })
    .meta({ description: "A session's `id` from GET /api/users/{id}/sessions" }),
});

export type PatchUser = z.output<typeof PatchUserSchema>;
export type SetPassword = z.output<typeof SetPasswordSchema>;
export type UserSession = z.infer<typeof UserSessionSchema>;
export type EndedSessions = z.infer<typeof EndedSessionsSchema>;
