import type { CurrentUser } from "@lofteskollen/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { hashSecret, newSecret } from "../security/secrets";
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
