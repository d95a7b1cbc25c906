import type { CreateUser, CurrentUser, User } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, preparedPerDb } from "../db/client";
import { organisations, sessions, userOrganisations, users } from "../db/schema";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import { hashPassword, isCommonPassword } from "../security/passwords";

type UserRow = typeof users.$inferSelect;

const statements = preparedPerDb((db) => ({
  byId: db.select().from(users).where(eq(users.id, sql.placeholder("id"))).prepare(),
  byEmail: db.select().from(users).where(eq(users.email, sql.placeholder("email"))).prepare(),
  organisationsOf: db
    .select({ name: organisations.name })
    .from(userOrganisations)
    .innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId))
    .where(eq(userOrganisations.userId, sql.placeholder("id")))
    .orderBy(asc(organisations.name))
    .prepare(),
}));

function organisationNames(db: Db, userId: number): string[] {
  return statements(db)
    .organisationsOf.all({ id: userId })
    .map((o) => o.name);
}

function toUser(row: UserRow, orgs: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisations: orgs,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
  };
}

/** The columns of an enabled user as the current user, for joins (`u` is the users table). */
export const CURRENT_USER_COLUMNS = `u.id AS id, u.email AS email, u.name AS name, u.role AS role,
  (SELECT json_group_array(o.name ORDER BY o.name) FROM user_organisations uo
   JOIN organisations o ON o.id = uo.organisation_id WHERE uo.user_id = u.id) AS organisations`;

export type CurrentUserRow = { id: number; email: string; name: string; role: Role; organisations: string };

export const toCurrentUser = (row: CurrentUserRow): CurrentUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  organisations: JSON.parse(row.organisations) as string[],
});

// Every authenticated request reads its user: one statement, not three (docs/benchmarks.md).
const currentUser = preparedPerDb((db) =>
  db.$client.prepare<[number], CurrentUserRow>(`SELECT ${CURRENT_USER_COLUMNS} FROM users u WHERE u.id = ? AND u.disabled_at IS NULL`),
);

/** The signed-in user as `GET /api/auth/me` shows it; null when unknown or disabled. */
export function loadCurrentUser(db: Db, userId: number): CurrentUser | null {
  const row = currentUser(db).get(userId);
  return row ? toCurrentUser(row) : null;
}

/** What sign-in needs: the hash to verify, or null for an unknown or disabled account. */
export function findSignInAccount(db: Db, email: string): { id: number; passwordHash: string } | null {
  const row = statements(db).byEmail.get({ email });
  return row && !row.disabledAt ? { id: row.id, passwordHash: row.passwordHash } : null;
}

/** The id of the account with this email, disabled or not (to attribute a failed sign-in). */
export function userIdByEmail(db: Db, email: string): number | null {
  return statements(db).byEmail.get({ email })?.id ?? null;
}

export function getUser({ db, id }: { db: Db; id: number }): User {
  const row = statements(db).byId.get({ id });
  if (!row) throw notFound("Användaren");
  return toUser(row, organisationNames(db, id));
}

export function getUserByEmail({ db, email }: { db: Db; email: string }): User | null {
  const row = statements(db).byEmail.get({ email: email.trim().toLowerCase() });
  return row ? toUser(row, organisationNames(db, row.id)) : null;
}

export function listUsers({ db }: { db: Db }): User[] {
  const rows = db.select().from(users).orderBy(asc(users.name), asc(users.id)).all();
  return rows.map((row) => toUser(row, organisationNames(db, row.id)));
}

/**
 * A new password, checked and hashed: one too common, or the email itself, is refused (422)
 * before any hashing. Hashing is async (argon2 runs off the event loop), so it happens before
 * the write transaction, which cannot await.
 */
export async function hashNewPassword(password: string, email: string): Promise<string> {
  if (isCommonPassword(password, email)) {
    throw ruleViolation([
      {
        path: "password",
        code: "common_password",
        message: "Lösenordet är för vanligt och lätt att gissa. Välj ett längre, t.ex. några ord i följd.",
      },
    ]);
  }
  return hashPassword(password);
}

export type NewUser = Omit<CreateUser, "password"> & { passwordHash: string };

/** Creates a user; organisations must exist (a typo would otherwise silently scope a coordinator to nothing). */
export function createUser({ db, input }: { db: Db; input: NewUser }): User {
  if (statements(db).byEmail.get({ email: input.email })) {
    throw new AppError(409, "email_taken", `Det finns redan en användare med e-postadressen ${input.email}.`, [
      { path: "email", code: "email_taken", message: "E-postadressen används redan." },
    ]);
  }
  const names = [...new Set(input.organisations)];
  const known = names.length
    ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, names)).all()
    : [];
  const idOf = new Map(known.map((o) => [o.name, o.id]));
  const violations = names.flatMap((name, i) =>
    idOf.has(name)
      ? []
      : [{ path: `organisations.${i}`, code: "unknown_organisation", message: `Aktören "${name}" finns inte. Kontrollera stavningen.` }],
  );
  if (input.role === "coordinator" && names.length === 0) {
    violations.push({
      path: "organisations",
      code: "organisation_required",
      message: "En samordnare måste höra till minst en aktör: ange vilka aktörer användaren registrerar för.",
    });
  }
  if (violations.length) throw ruleViolation(violations);

  const row = db
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash: input.passwordHash })
    .returning()
    .get();
  for (const name of names) {
    const organisationId = idOf.get(name);
    if (organisationId !== undefined) db.insert(userOrganisations).values({ userId: row.id, organisationId }).run();
  }
  return toUser(row, organisationNames(db, row.id));
}

/**
 * Disables or enables a user. Disabling ends every session at once (tokens stop working too:
 * they are checked against the user on every request).
 */
export function setUserDisabled({ db, id, disabled, now }: { db: Db; id: number; disabled: boolean; now: Date }): User {
  const row = statements(db).byId.get({ id });
  if (!row) throw notFound("Användaren");
  if (disabled && !row.disabledAt) {
    db.update(users).set({ disabledAt: now.toISOString() }).where(eq(users.id, id)).run();
    db.delete(sessions).where(eq(sessions.userId, id)).run();
  } else if (!disabled && row.disabledAt) {
    db.update(users).set({ disabledAt: null }).where(eq(users.id, id)).run();
  }
  return getUser({ db, id });
}

export function countUsers(db: Db, role?: Role): number {
  const query = db.select({ n: sql<number>`count(*)` }).from(users);
  return (role ? query.where(eq(users.role, role)) : query).get()?.n ?? 0;
}
