import type { CurrentUser } from "@lofteskollen/contracts";
import { eq, sql } from "drizzle-orm";
import { type Db, preparedPerDb } from "../db/client";
import { sessions } from "../db/schema";
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

const statements = preparedPerDb((db) => ({
  find: db.select().from(sessions).where(eq(sessions.tokenHash, sql.placeholder("hash"))).prepare(),
}));

/** Starts a session: returns the cookie's secret (only its hash is stored). */
export function createSession({
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
}): { token: string; tokenHash: string; expiresAt: Date } {
  const token = newSecret("");
  const tokenHash = hashSecret(token);
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  db.insert(sessions)
    .values({
      tokenHash,
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      address,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return { token, tokenHash, expiresAt };
}

export type ResolvedSession =
  | { status: "active"; user: CurrentUser; tokenHash: string; needsTouch: boolean }
  | { status: "expired"; tokenHash: string }
  | { status: "unknown" };

/** The user behind a session cookie, unless the session is unknown, ended, idle too long, or past its absolute end. */
export function resolveSession({ db, token, now, timeouts }: { db: Db; token: string; now: Date; timeouts: SessionTimeouts }): ResolvedSession {
  const tokenHash = hashSecret(token);
  const row = statements(db).find.get({ hash: tokenHash });
  if (!row) return { status: "unknown" };
  const idleFor = now.getTime() - Date.parse(row.lastSeenAt);
  if (now.getTime() >= Date.parse(row.expiresAt) || idleFor >= timeouts.idleMs) return { status: "expired", tokenHash };
  const user = loadCurrentUser(db, row.userId);
  if (!user) return { status: "expired", tokenHash };
  return { status: "active", user, tokenHash, needsTouch: idleFor >= TOUCH_INTERVAL_MS };
}

export function touchSession(db: Db, tokenHash: string, now: Date): void {
  db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function endSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}
