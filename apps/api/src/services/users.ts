import type { CreateUser, CurrentUser, User } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { type Db, preparedPerConnection, queryRows, type Tables } from "../db/client";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import { hashPassword, isCommonPassword } from "../security/passwords";

type UserRow = Tables["users"]["$inferSelect"];

async function userById(db: Db, id: number): Promise<UserRow | undefined> {
  const { users } = db.$tables;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const { users } = db.$tables;
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

async function organisationNames(db: Db, userId: number): Promise<string[]> {
  const { organisations, userOrganisations } = db.$tables;
  const rows = await db
    .select({ name: organisations.name })
    .from(userOrganisations)
    .innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId))
    .where(eq(userOrganisations.userId, userId))
    .orderBy(asc(organisations.name));
  return rows.map((o) => o.name);
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

/**
 * The columns of an enabled user as the current user, for joins (`u` is the users table).
 * SQLite only (`json_group_array`): the raw fast paths. PostgreSQL: CURRENT_USER_COLUMNS_POSTGRES.
 */
export const CURRENT_USER_COLUMNS = `u.id AS id, u.email AS email, u.name AS name, u.role AS role,
  (SELECT json_group_array(o.name ORDER BY o.name) FROM user_organisations uo
   JOIN organisations o ON o.id = uo.organisation_id WHERE uo.user_id = u.id) AS organisations`;

/** The same columns in PostgreSQL's SQL: the organisations as JSON text too ('[]' when none). */
export const CURRENT_USER_COLUMNS_POSTGRES = `u.id AS id, u.email AS email, u.name AS name, u.role AS role,
  (SELECT coalesce(json_agg(o.name ORDER BY o.name), '[]'::json)::text FROM user_organisations uo
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
// SQLite fast path: a statement prepared once per connection.
const currentUser = preparedPerConnection((sqlite) =>
  sqlite.prepare<[number], CurrentUserRow>(`SELECT ${CURRENT_USER_COLUMNS} FROM users u WHERE u.id = ? AND u.disabled_at IS NULL`),
);

/** The signed-in user as `GET /api/auth/me` shows it; null when unknown or disabled. */
export async function loadCurrentUser(db: Db, userId: number): Promise<CurrentUser | null> {
  let row: CurrentUserRow | undefined;
  if (db.$sqlite) {
    row = currentUser(db.$sqlite).get(userId);
  } else {
    [row] = await queryRows<CurrentUserRow>(
      db,
      sql`SELECT ${sql.raw(CURRENT_USER_COLUMNS_POSTGRES)} FROM users u WHERE u.id = ${userId} AND u.disabled_at IS NULL`,
    );
  }
  return row ? toCurrentUser(row) : null;
}

/** What sign-in needs: the hash to verify, or null for an unknown or disabled account. */
export async function findSignInAccount(db: Db, email: string): Promise<{ id: number; passwordHash: string } | null> {
  const row = await userByEmail(db, email);
  return row && !row.disabledAt ? { id: row.id, passwordHash: row.passwordHash } : null;
}

/** The id of the account with this email, disabled or not (to attribute a failed sign-in). */
export async function userIdByEmail(db: Db, email: string): Promise<number | null> {
  return (await userByEmail(db, email))?.id ?? null;
}

export async function getUser({ db, id }: { db: Db; id: number }): Promise<User> {
  const row = await userById(db, id);
  if (!row) throw notFound("Användaren");
  return toUser(row, await organisationNames(db, id));
}

export async function getUserByEmail({ db, email }: { db: Db; email: string }): Promise<User | null> {
  const row = await userByEmail(db, email.trim().toLowerCase());
  return row ? toUser(row, await organisationNames(db, row.id)) : null;
}

export async function listUsers({ db }: { db: Db }): Promise<User[]> {
  const { users } = db.$tables;
  const rows = await db.select().from(users).orderBy(asc(users.name), asc(users.id));
  const result: User[] = [];
  for (const row of rows) result.push(toUser(row, await organisationNames(db, row.id)));
  return result;
}

/**
 * A new password, checked and hashed: one too common, or the email itself, is refused (422)
 * before any hashing. Hashing is slow (argon2 runs off the event loop), so it happens before
 * the write transaction, whose work awaits nothing but its queries.
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
export async function createUser({ db, input }: { db: Db; input: NewUser }): Promise<User> {
  const { organisations, userOrganisations, users } = db.$tables;
  if (await userByEmail(db, input.email)) {
    throw new AppError(409, "email_taken", `Det finns redan en användare med e-postadressen ${input.email}.`, [
      { path: "email", code: "email_taken", message: "E-postadressen används redan." },
    ]);
  }
  const names = [...new Set(input.organisations)];
  const known = names.length
    ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, names))
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

  const [row] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash: input.passwordHash })
    .returning();
  if (!row) throw new Error("the user was not stored");
  for (const name of names) {
    const organisationId = idOf.get(name);
    if (organisationId !== undefined) await db.insert(userOrganisations).values({ userId: row.id, organisationId });
  }
  return toUser(row, await organisationNames(db, row.id));
}

/**
 * Disables or enables a user. Disabling ends every session at once (tokens stop working too:
 * they are checked against the user on every request).
 */
export async function setUserDisabled({ db, id, disabled, now }: { db: Db; id: number; disabled: boolean; now: Date }): Promise<User> {
  const { sessions, users } = db.$tables;
  const row = await userById(db, id);
  if (!row) throw notFound("Användaren");
  if (disabled && !row.disabledAt) {
    await db.update(users).set({ disabledAt: now.toISOString() }).where(eq(users.id, id));
    await db.delete(sessions).where(eq(sessions.userId, id));
  } else if (!disabled && row.disabledAt) {
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
  }
  return getUser({ db, id });
}

export async function countUsers(db: Db, role?: Role): Promise<number> {
  const { users } = db.$tables;
  const query = db.select({ n: count() }).from(users);
  const [row] = await (role ? query.where(eq(users.role, role)) : query);
  return row?.n ?? 0;
}
