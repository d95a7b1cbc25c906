import type { CreatedToken, CurrentUser, Token } from "@lofteskollen/contracts";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type Db, preparedPerConnection, queryRows, type Tables } from "../db/client";
import { can } from "@lofteskollen/domain";
import { AppError, ForbiddenError, notFound } from "../lib/errors";
import type { Principal } from "../security/principal";
import { hashSecret, newSecret } from "../security/secrets";
import { CURRENT_USER_COLUMNS, CURRENT_USER_COLUMNS_POSTGRES, type CurrentUserRow, toCurrentUser } from "./users";

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const TOKEN_PREFIX = "lk_";

/** `last_used_at` is refreshed at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

type TokenRow = Tables["apiTokens"]["$inferSelect"];
type ResolveRow = CurrentUserRow & { tokenId: number; lastUsedAt: string | null };

// The token and its enabled user in one statement: every script request runs it.
// SQLite fast path: prepared once per connection.
const statements = preparedPerConnection((sqlite) => ({
  resolve: sqlite.prepare<[string], ResolveRow>(
    `SELECT t.id AS tokenId, t.last_used_at AS lastUsedAt, ${CURRENT_USER_COLUMNS}
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
  ),
}));

function toToken(row: TokenRow): Token {
  return { id: row.id, userId: row.userId, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}

/** A new bearer token for `userId`; the secret is in the answer and nowhere else. */
export async function createApiToken({ db, userId, name, now }: { db: Db; userId: number; name: string; now: Date }): Promise<CreatedToken> {
  const { apiTokens } = db.$tables;
  const token = newSecret(TOKEN_PREFIX);
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashSecret(token), createdAt: now.toISOString() })
    .returning();
  if (!row) throw new Error("the token was not stored");
  return { ...toToken(row), token };
}

/** 403 (audited) for a request made with a token: a leaked token must not mint replacements that outlive its revocation. */
function refuseTokenMinting(principal: Principal, forUserId?: number): void {
  if (principal.via.kind !== "token") return;
  throw new ForbiddenError("En API-nyckel kan inte skapa nya nycklar. Logga in i webbläsaren för det.", {
    permission: "token.create",
    ...(forUserId === undefined ? {} : { recordType: "user", recordId: forUserId }),
  });
}

/**
 * A token for the signed-in user. A request made with a token may not create one: a leaked
 * token must not be able to mint replacements that outlive its revocation.
 */
export async function createApiTokenFor({
  db,
  principal,
  name,
  now,
}: {
  db: Db;
  principal: Principal;
  name: string;
  now: Date;
}): Promise<CreatedToken> {
  refuseTokenMinting(principal);
  return createApiToken({ db, userId: principal.id, name, now });
}

export type ResolvedToken = { user: CurrentUser; tokenId: number; needsTouch: boolean };

/** The user behind a bearer token: null when unknown, revoked, or its user is disabled. */
export async function resolveApiToken({ db, token, now }: { db: Db; token: string; now: Date }): Promise<ResolvedToken | null> {
  const tokenHash = hashSecret(token);
  let row: ResolveRow | undefined;
  if (db.$sqlite) {
    row = statements(db.$sqlite).resolve.get(tokenHash);
  } else {
    [row] = await queryRows<ResolveRow>(
      db,
      sql`SELECT t.id AS "tokenId", t.last_used_at AS "lastUsedAt", ${sql.raw(CURRENT_USER_COLUMNS_POSTGRES)}
          FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
    );
  }
  if (!row) return null;
  const needsTouch = !row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= TOUCH_INTERVAL_MS;
  return { user: toCurrentUser(row), tokenId: row.tokenId, needsTouch };
}

export async function touchApiToken(db: Db, id: number, now: Date): Promise<void> {
  const { apiTokens } = db.$tables;
  await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, id));
}

export async function listApiTokens({ db, userId }: { db: Db; userId: number }): Promise<Token[]> {
  const { apiTokens } = db.$tables;
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.id));
  return rows.map(toToken);
}

/** Revokes a token: your own, or (an admin) anyone's; someone else's is "not found" to others. */
export async function revokeApiToken({ db, id, principal, now }: { db: Db; id: number; principal: Principal; now: Date }): Promise<Token> {
  const { apiTokens } = db.$tables;
  const ownerId = can(principal, "user.manage") ? null : principal.id;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(ownerId === null ? eq(apiTokens.id, id) : and(eq(apiTokens.id, id), eq(apiTokens.userId, ownerId)))
    .limit(1);
  if (!row) throw notFound("API-nyckeln");
  if (row.revokedAt) throw new AppError(409, "already_revoked", `API-nyckeln återkallades redan ${row.revokedAt}.`);
  const [updated] = await db
    .update(apiTokens)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return toToken(updated ?? row);
}

/** The user's tokens (an admin looking at another user), oldest first; 404 for an unknown user. */
export async function listUserApiTokens({ db, userId }: { db: Db; userId: number }): Promise<Token[]> {
  await userOrThrow(db, userId);
  return listApiTokens({ db, userId });
}

async function userOrThrow(db: Db, userId: number) {
  const { users } = db.$tables;
  const [row] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw notFound("Användaren");
  return row;
}

/**
 * A token an admin creates for another user (an integration that acts as them). As with one's
 * own, a request made with a token may not do it: a leaked admin token must not mint tokens
 * that outlive its revocation. A disabled user's token would never work: 409.
 */
export async function createApiTokenForUser({
  db,
  principal,
  userId,
  name,
  now,
}: {
  db: Db;
  principal: Principal;
  userId: number;
  name: string;
  now: Date;
}): Promise<CreatedToken> {
  refuseTokenMinting(principal, userId);
  const user = await userOrThrow(db, userId);
  if (user.disabledAt) {
    throw new AppError(409, "user_disabled", "Användaren är avstängd: en API-nyckel skulle inte fungera. Aktivera användaren först.");
  }
  return createApiToken({ db, userId, name, now });
}
