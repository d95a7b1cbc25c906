import type { CreateUser, CurrentUser, ErrorIssue, PatchUser, User } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { AuditContext } from "../db/audit-context";
import { type Db, preparedPerConnection, queryRows, type Tables } from "../db/client";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import { hashPassword, isCommonPassword } from "../security/passwords";
import { endUserSessions, type SessionTimeouts } from "./sessions";

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

/**
 * The ids of the organisations named, or the issues to refuse them with (422, as the rest of
 * this file): an unknown name (a typo would otherwise silently scope a coordinator to nothing)
 * or an archived one (kept for history, not given to anyone new). `keep`: organisations the user
 * already has, which stay allowed even when archived since.
 */
async function organisationIdsOrIssues(
  db: Db,
  names: readonly string[],
  keep: ReadonlySet<number> = new Set(),
): Promise<{ ids: Map<string, number>; issues: ErrorIssue[] }> {
  const { organisations } = db.$tables;
  const known = names.length
    ? await db
        .select({ id: organisations.id, name: organisations.name, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(inArray(organisations.name, [...names]))
    : [];
  const byName = new Map(known.map((o) => [o.name, o]));
  const ids = new Map<string, number>();
  const issues: ErrorIssue[] = [];
  names.forEach((name, i) => {
    const found = byName.get(name);
    if (!found) {
      issues.push({ path: `organisations.${i}`, code: "unknown_organisation", message: `Aktören "${name}" finns inte. Kontrollera stavningen.` });
    } else if (found.archivedAt && !keep.has(found.id)) {
      issues.push({ path: `organisations.${i}`, code: "archived_organisation", message: `Aktören "${name}" är arkiverad och kan inte väljas för användare.` });
    } else {
      ids.set(name, found.id);
    }
  });
  return { ids, issues };
}

const organisationRequired = (): ErrorIssue => ({
  path: "organisations",
  code: "organisation_required",
  message: "En samordnare måste höra till minst en aktör: ange vilka aktörer användaren registrerar för.",
});

/** Creates a user; organisations must exist and not be archived. */
export async function createUser({ db, input }: { db: Db; input: NewUser }): Promise<User> {
  const { userOrganisations, users } = db.$tables;
  if (await userByEmail(db, input.email)) {
    throw new AppError(409, "email_taken", `Det finns redan en användare med e-postadressen ${input.email}.`, [
      { path: "email", code: "email_taken", message: "E-postadressen används redan." },
    ]);
  }
  const names = [...new Set(input.organisations)];
  const { ids, issues } = await organisationIdsOrIssues(db, input.organisations);
  if (input.role === "coordinator" && names.length === 0) issues.push(organisationRequired());
  if (issues.length) throw ruleViolation(issues);

  const [row] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash: input.passwordHash })
    .returning();
  if (!row) throw new Error("the user was not stored");
  for (const name of names) {
    const organisationId = ids.get(name);
    if (organisationId !== undefined) await db.insert(userOrganisations).values({ userId: row.id, organisationId });
  }
  return toUser(row, await organisationNames(db, row.id));
}

/** How many enabled admins there are, `except` one user left out. */
async function activeAdminsExcept(db: Db, except: number): Promise<number> {
  const { users } = db.$tables;
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, except)));
  return Number(row?.n ?? 0);
}

/**
 * 409 when `row` is the last enabled admin: without one, nobody could manage users again
 * (except from the command line).
 */
async function refuseLosingLastAdmin(db: Db, row: UserRow, what: "role" | "disable"): Promise<void> {
  if (row.role !== "admin" || row.disabledAt) return;
  if ((await activeAdminsExcept(db, row.id)) > 0) return;
  const message =
    what === "role"
      ? `${row.name} är den enda aktiva administratören och kan inte få en annan roll. Gör först någon annan till administratör.`
      : `${row.name} är den enda aktiva administratören och kan inte stängas av. Gör först någon annan till administratör.`;
  throw new AppError(409, "last_admin", message, what === "role" ? [{ path: "role", code: "last_admin", message }] : undefined);
}

/**
 * Changes a user's name, role and organisations (only what is sent; `organisations` replaces the
 * list: links removed and added one by one, so the audit trail shows each). The user's sessions
 * and tokens see the change on their next request: every request loads its user afresh.
 */
export async function patchUser({ db, id, input }: { db: Db; id: number; input: PatchUser }): Promise<User> {
  const { organisations, userOrganisations, users } = db.$tables;
  const row = await userById(db, id);
  if (!row) throw notFound("Användaren");
  const role = input.role ?? row.role;

  const current = await db
    .select({ id: userOrganisations.organisationId, name: organisations.name })
    .from(userOrganisations)
    .innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId))
    .where(eq(userOrganisations.userId, id));
  const names = input.organisations ? [...new Set(input.organisations)] : current.map((o) => o.name);
  const { ids, issues } = input.organisations
    ? await organisationIdsOrIssues(db, input.organisations, new Set(current.map((o) => o.id)))
    : { ids: new Map(current.map((o) => [o.name, o.id])), issues: [] as ErrorIssue[] };
  if (role === "coordinator" && names.length === 0) issues.push(organisationRequired());
  if (issues.length) throw ruleViolation(issues);
  if (role !== "admin") await refuseLosingLastAdmin(db, row, "role");

  const set: { name?: string; role?: Role } = {};
  if (input.name !== undefined && input.name !== row.name) set.name = input.name;
  if (role !== row.role) set.role = role;
  if (Object.keys(set).length) await db.update(users).set(set).where(eq(users.id, id));

  if (input.organisations) {
    const wanted = new Set(ids.values());
    const had = new Set(current.map((o) => o.id));
    for (const organisationId of had) {
      if (!wanted.has(organisationId)) {
        await db.delete(userOrganisations).where(and(eq(userOrganisations.userId, id), eq(userOrganisations.organisationId, organisationId)));
      }
    }
    for (const organisationId of wanted) {
      if (!had.has(organisationId)) await db.insert(userOrganisations).values({ userId: id, organisationId });
    }
  }
  return getUser({ db, id });
}

/** What a new password is checked against (the email), or 404 before any hashing. */
export async function emailOfUser({ db, id }: { db: Db; id: number }): Promise<string> {
  const row = await userById(db, id);
  if (!row) throw notFound("Användaren");
  return row.email;
}

/**
 * Sets a new password an admin chose (hashed before the write, by `hashNewPassword`) and ends
 * every session of the user: whoever knew the old one is out. Tokens stay: they are not the
 * password. The audit trail shows `passwordChanged`, never the hash.
 */
export async function setUserPassword({
  db,
  id,
  passwordHash,
  context,
  now,
  timeouts,
}: {
  db: Db;
  id: number;
  passwordHash: string;
  context: AuditContext;
  now: Date;
  timeouts: SessionTimeouts;
}): Promise<void> {
  const { users } = db.$tables;
  if (!(await userById(db, id))) throw notFound("Användaren");
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
  await endUserSessions({ db, userId: id, context, now, timeouts });
}

/**
 * Disables or enables a user. Disabling ends every session at once (tokens stop working too:
 * they are checked against the user on every request). The last enabled admin cannot be disabled.
 */
export async function setUserDisabled({
  db,
  id,
  disabled,
  now,
  context,
  timeouts,
}: {
  db: Db;
  id: number;
  disabled: boolean;
  now: Date;
  context: AuditContext;
  timeouts: SessionTimeouts;
}): Promise<User> {
  const { users } = db.$tables;
  const row = await userById(db, id);
  if (!row) throw notFound("Användaren");
  if (disabled && !row.disabledAt) {
    await refuseLosingLastAdmin(db, row, "disable");
    await db.update(users).set({ disabledAt: now.toISOString() }).where(eq(users.id, id));
    await endUserSessions({ db, userId: id, context, now, timeouts });
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
