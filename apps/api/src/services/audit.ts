import type { AuditEntry, AuditPage, AuditQuery } from "@lofteskollen/contracts";
import { addDays, startOfLocalDay } from "@lofteskollen/domain";
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { AuditContext } from "../db/audit-context";
import type { Db } from "../db/client";
import { AppError } from "../lib/errors";

/**
 * Appends an event that changes no audited table (a sign-in, a failed sign-in, a denial).
 * Changes to records are appended by the database triggers instead.
 */
export async function appendAuditEvent(
  db: Db,
  context: AuditContext,
  event: { action: string; recordType?: string | null; recordId?: string | number | null; after?: unknown },
): Promise<void> {
  const { auditLog } = db.$tables;
  await db.insert(auditLog).values({
    at: context.at,
    userId: context.userId,
    actor: context.actor,
    address: context.address,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId === undefined || event.recordId === null ? null : String(event.recordId),
    after: event.after === undefined ? null : JSON.stringify(event.after),
  });
}

const parseJson = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function decodeCursor(cursor: string): number {
  const id = Number(cursor);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new AppError(400, "validation_error", "Ogiltig cursor: använd nextCursor från föregående sida.", [
      { path: "cursor", code: "invalid_cursor", message: "Ogiltig cursor." },
    ]);
  }
  return id;
}

/** The audit trail, newest first, filtered by record, user and days (Stockholm dates, as everywhere). */
export async function listAudit({ db, query }: { db: Db; query: AuditQuery }): Promise<AuditPage> {
  const { activities, auditLog, users } = db.$tables;
  if (query.from && query.to && query.from > query.to) {
    throw new AppError(400, "validation_error", "Från-datumet ligger efter till-datumet.", [
      { path: "from", code: "invalid_range", message: `from (${query.from}) ligger efter to (${query.to}).` },
    ]);
  }
  const conditions: SQL[] = [];
  if (query.recordType && query.recordId && query.recordType === "activity" && /^\d+$/.test(query.recordId)) {
    // An activity from a batch import has no creation row of its own: its import's row tells it.
    const [linked] = await db.select({ auditId: activities.auditId }).from(activities).where(eq(activities.id, Number(query.recordId))).limit(1);
    const own = and(eq(auditLog.recordType, "activity"), eq(auditLog.recordId, query.recordId));
    conditions.push(linked?.auditId ? (or(own, eq(auditLog.id, linked.auditId)) as SQL) : (own as SQL));
  } else {
    if (query.recordType) conditions.push(eq(auditLog.recordType, query.recordType));
    if (query.recordId) conditions.push(eq(auditLog.recordId, query.recordId));
  }
  if (query.userId) conditions.push(eq(auditLog.userId, query.userId));
  // `at` is UTC ISO 8601, so instants compare as text.
  if (query.from) conditions.push(gte(auditLog.at, startOfLocalDay(query.from).toISOString()));
  if (query.to) conditions.push(lt(auditLog.at, startOfLocalDay(addDays(query.to, 1)).toISOString()));
  if (query.cursor) conditions.push(lt(auditLog.id, decodeCursor(query.cursor)));
  const rows = await db
    .select({ row: auditLog, userName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: AuditEntry[] = page.map(({ row, userName }) => ({
    id: row.id,
    at: row.at,
    userId: row.userId,
    userName,
    actor: row.actor,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    before: parseJson(row.before),
    after: parseJson(row.after),
    address: row.address,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? String(last.row.id) : null };
}
