import { AUDIT_RECORD_TYPES, ROLES } from "@lofteskollen/domain";
import { z } from "zod";
import { IdSchema, LocalDateSchema, PageLimitSchema } from "./common";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const RoleSchema = z
  .enum(ROLES, { error: `Välj en roll: ${ROLES.join(", ")}.` })
  .meta({ id: "Role", description: "admin, manager (chef), coordinator (samordnare) or viewer (läsare)" });

export const EmailSchema = z
  .string({ error: "Ange en e-postadress." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Ange en giltig e-postadress, t.ex. namn@kommun.se." }).max(254));

/** Length in characters as a person counts them (code points), not UTF-16 units. */
const characters = (value: string) => [...value].length;

/** A new password: 8–128 characters, no composition rules (OWASP ASVS / NIST 800-63B). */
export const NewPasswordSchema = z
  .string({ error: "Ange ett lösenord." })
  .refine((value) => characters(value) >= PASSWORD_MIN_LENGTH, {
    error: `Lösenordet måste vara minst ${PASSWORD_MIN_LENGTH} tecken.`,
  })
  .refine((value) => characters(value) <= PASSWORD_MAX_LENGTH, {
    error: `Lösenordet får vara högst ${PASSWORD_MAX_LENGTH} tecken.`,
  });

export const SignInSchema = z
  .object({
    email: z.string({ error: "Ange din e-postadress." }).trim().toLowerCase().min(1, { error: "Ange din e-postadress." }).max(254),
    password: z.string({ error: "Ange ditt lösenord." }).min(1, { error: "Ange ditt lösenord." }).max(1024),
  })
  .meta({ id: "SignIn" });

export const CurrentUserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    organisations: z.array(z.string()).meta({ description: "The organisations a coordinator acts for" }),
  })
  .meta({ id: "CurrentUser" });

export const UserNameSchema = z
  .string({ error: "Ange ett namn." })
  .trim()
  .min(1, { error: "Ange ett namn." })
  .max(200, { error: "Namnet får vara högst 200 tecken." });

export const CreateUserSchema = z
  .object({
    email: EmailSchema,
    name: UserNameSchema,
    role: RoleSchema,
    organisations: z
      .array(z.string().trim().min(1).max(200), { error: "Ange aktörerna som en lista med namn." })
      .max(50)
      .default([]),
    password: NewPasswordSchema,
  })
  .meta({ id: "CreateUser" });

export const UserSchema = CurrentUserSchema.extend({
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: "User" });

export const UserIdParamsSchema = z.object({ id: IdSchema });

export const CreateTokenSchema = z
  .object({
    name: z
      .string({ error: "Ange ett namn på nyckeln." })
      .trim()
      .min(1, { error: "Ange ett namn på nyckeln, t.ex. 'Import från Lifecare'." })
      .max(100, { error: "Namnet får vara högst 100 tecken." })
      .default("API-nyckel"),
  })
  .meta({ id: "CreateToken" });

export const TokenSchema = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "Token" });

export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().meta({ description: "Shown once: only its hash is stored. Send as `Authorization: Bearer <token>`" }),
}).meta({ id: "CreatedToken" });

export const TokenIdParamsSchema = z.object({ id: IdSchema });


export const AuditQuerySchema = z.object({
  recordType: z.enum(AUDIT_RECORD_TYPES, { error: `recordType ska vara en av: ${AUDIT_RECORD_TYPES.join(", ")}.` }).optional(),
  recordId: z.string().trim().min(1).max(100).optional(),
  userId: IdSchema.optional(),
  from: LocalDateSchema.optional().meta({ description: "First day (Europe/Stockholm), inclusive" }),
  to: LocalDateSchema.optional().meta({ description: "Last day (Europe/Stockholm), inclusive" }),
  limit: PageLimitSchema,
  cursor: z.string().max(100).optional(),
});

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().meta({ description: "When, UTC" }),
    userId: z.number().int().nullable(),
    userName: z.string().nullable().meta({ description: "The user's name now (null for the system or anonymous)" }),
    actor: z.string().meta({ description: "user:ID via session or token, cli, seed, or anonymous" }),
    action: z.string().meta({ example: "activity.void" }),
    recordType: z.string().nullable(),
    recordId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    address: z.string().nullable().meta({ description: "The client's address" }),
  })
  .meta({ id: "AuditEntry" });

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: "AuditPage" });

export type Role = z.infer<typeof RoleSchema>;
export type SignIn = z.infer<typeof SignInSchema>;
export type CurrentUser = z.infer<typeof CurrentUserSchema>;
export type CreateUser = z.output<typeof CreateUserSchema>;
export type User = z.infer<typeof UserSchema>;
export type Token = z.infer<typeof TokenSchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;
export type AuditQuery = z.output<typeof AuditQuerySchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
