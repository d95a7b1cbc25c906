import { createHash } from "node:crypto";
import type { CurrentUser, UserSession } from "@lofteskollen/contracts";
import { eq } from "drizzle-orm";
import type { AuditContext } from "../db/audit-context";
import type { Db, Tables } from "../db/client";
import { notFound } from "../lib/errors";
import { hashSecret, newSecret } from "../security/secrets";
import { appendAuditEvent } from "./audit";
import { loadCurrentUser } from "./users";

export type SessionTimeouts = {
  /** Ends a session nobody has used for this long. */
  idleMs: number;
  /** Ends every session this long after sign-in, however active. */
  absoluteMs: number;
};

/** Touch `last_seen_at` at most this often: one write per minute per session, not per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Starts a session: returns the cookie's secret (only its hash is stored). */
export async function createSession({
  db,
  userId,
  now,
  timeouts,
  address,
  userAgent,
}: {
  db: Db;
  userId: number;
  now: Date;
  timeouts: SessionTimeouts;
  address: string | null;
  userAgent: string | null;
}): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const { sessions } = db.$tables;
  const token = newSecret("");
  const tokenHash = hashSecret(token);
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  await db.insert(sessions).values({
    tokenHash,
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    address,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, tokenHash, expiresAt };
}

export type ResolvedSession =
  | { status: "active"; user: CurrentUser; tokenHash: string; needsTouch: boolean }
  | { status: "expired"; tokenHash: string }
  | { status: "unknown" };

/** The user behind a session cookie, unless the session is unknown, ended, idle too long, or past its absolute end. */
export async function resolveSession({
  db,
  token,
  now,
  timeouts,
}: {
  db: Db;
  token: string;
  now: Date;
  timeouts: SessionTimeouts;
}): Promise<ResolvedSession> {
  const { sessions } = db.$tables;
  const tokenHash = hashSecret(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  if (!row) return { status: "unknown" };
  const idleFor = now.getTime() - Date.parse(row.lastSeenAt);
  if (now.getTime() >= Date.parse(row.expiresAt) || idleFor >= timeouts.idleMs) return { status: "expired", tokenHash };
  const user = await loadCurrentUser(db, row.userId);
  if (!user) return { status: "expired", tokenHash };
  return { status: "active", user, tokenHash, needsTouch: idleFor >= TOUCH_INTERVAL_MS };
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  const { sessions } = db.$tables;
  await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, tokenHash));
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  const { sessions } = db.$tables;
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

// ---- Sessions as an admin sees them (issue 7, part 5) ----------------------------------------

/**
 * A session's public handle: the first 16 hex characters of SHA-256 over a fixed prefix and the
 * stored token hash. It names the session in the API without revealing the hash (let alone the
 * cookie) and cannot be turned back into either; it is found again by computing the same over
 * the user's few sessions. The prefix keeps it from matching any other hash of the same value.
 */
export function sessionHandle(tokenHash: string): string {
  return createHash("sha256").update(`lofteskollen:session-handle:${tokenHash}`).digest("hex").slice(0, 16);
}

type SessionRow = Tables["sessions"]["$inferSelect"];

/** Whether a stored session still lets its user in at `now` (neither past its end nor idle too long). */
const isLive = (row: SessionRow, now: Date, timeouts: SessionTimeouts) =>
  now.getTime() < Date.parse(row.expiresAt) && now.getTime() - Date.parse(row.lastSeenAt) < timeouts.idleMs;

/** The user's stored sessions, live or not; 404 for an unknown user (a disabled one has none). */
async function sessionsOf(db: Db, userId: number): Promise<SessionRow[]> {
  const { sessions, users } = db.$tables;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound("Användaren");
  return db.select().from(sessions).where(eq(sessions.userId, userId));
}

/**
 * The user's live sessions, newest first. `currentHash`: the session of the request asking (an
 * admin looking at their own account sees which one is theirs). Sorted in JavaScript: a user has few.
 */
export async function listUserSessions({
  db,
  userId,
  now,
  timeouts,
  currentHash,
}: {
  db: Db;
  userId: number;
  now: Date;
  timeouts: SessionTimeouts;
  currentHash: string | null;
}): Promise<UserSession[]> {
  const rows = (await sessionsOf(db, userId)).filter((row) => isLive(row, now, timeouts));
  rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  return rows.map((row) => ({
    id: sessionHandle(row.tokenHash),
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    address: row.address,
    userAgent: row.userAgent,
    current: row.tokenHash === currentHash,
  }));
}

/**
 * Ends the user's sessions (all, or the one named by `sessionId`): their next request is signed
 * out. Each ended session is one `session.delete` row in the audit trail, on the user (the
 * sessions table has no trigger of its own). Expired rows end too, unaudited and uncounted: they
 * let nobody in. Returns how many live sessions ended; 404 for an unknown user or session.
 */
export async function endUserSessions({
  db,
  userId,
  sessionId,
  context,
  now,
  timeouts,
}: {
  db: Db;
  userId: number;
  sessionId?: string;
  context: AuditContext;
  now: Date;
  timeouts: SessionTimeouts;
}): Promise<number> {
  const { sessions } = db.$tables;
  const all = await sessionsOf(db, userId);
  const chosen = sessionId === undefined ? all : all.filter((row) => sessionHandle(row.tokenHash) === sessionId);
  if (sessionId !== undefined && !chosen.some((row) => isLive(row, now, timeouts))) throw notFound("Sessionen", "sessionId");
  let ended = 0;
  for (const row of chosen) {
    await db.delete(sessions).where(eq(sessions.tokenHash, row.tokenHash));
    if (!isLive(row, now, timeouts)) continue;
    ended += 1;
    await appendAuditEvent(db, context, { action: "session.delete", recordType: "user", recordId: userId, after: { session: sessionHandle(row.tokenHash) } });
  }
  return ended;
}
