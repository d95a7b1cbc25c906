import type { Activity, ActivityPage, CreateActivity, ListActivitiesQuery } from "@lofteskollen/contracts";
import {
  activityRuleViolations,
  localDateOfOccurredAt,
  personalDataViolations,
  type RuleViolation,
} from "@lofteskollen/domain";
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { activities, commitmentOrganisations, commitments, organisations, promises } from "../db/schema";
import { AppError, notFound, ruleViolation } from "../lib/errors";

type ActivityRow = typeof activities.$inferSelect;

/** What a new activity needs to know about its commitment. */
type CommitmentContext = {
  id: number;
  period: { start: string; end: string };
  promiseStatus: "draft" | "published" | "archived";
  organisations: Map<string, number>;
};

export type Actor = { loggedBy: string; demo?: boolean };

function loadCommitmentContext(db: Db, commitmentId: number): CommitmentContext | null {
  const row = db
    .select({
      id: commitments.id,
      start: promises.startDate,
      end: promises.endDate,
      status: promises.status,
    })
    .from(commitments)
    .innerJoin(promises, eq(promises.id, commitments.promiseId))
    .where(eq(commitments.id, commitmentId))
    .get();
  if (!row) return null;
  const orgs = db
    .select({ id: organisations.id, name: organisations.name })
    .from(commitmentOrganisations)
    .innerJoin(organisations, eq(organisations.id, commitmentOrganisations.organisationId))
    .where(eq(commitmentOrganisations.commitmentId, commitmentId))
    .all();
  return {
    id: row.id,
    period: { start: row.start, end: row.end },
    promiseStatus: row.status,
    organisations: new Map(orgs.map((o) => [o.name, o.id])),
  };
}

/**
 * Checks one activity against its commitment; returns the row to insert or the broken rules.
 * `prefix` names the row in a batch ("activities.3.").
 */
function prepareActivity(
  input: CreateActivity,
  context: CommitmentContext,
  now: Date,
  actor: Actor,
  prefix = "",
): { row: typeof activities.$inferInsert; organisation: string | null } | { violations: RuleViolation[] } {
  const violations = [
    ...activityRuleViolations(
      {
        occurredAt: input.occurredAt,
        quantity: input.quantity,
        period: context.period,
        promiseStatus: context.promiseStatus,
        now,
      },
      prefix,
    ),
    ...personalDataViolations({ [`${prefix}note`]: input.note, [`${prefix}place`]: input.place }),
  ];

  // Default: the commitment's only responsible organisation; otherwise it must be one of them.
  let organisation = input.organisation;
  if (!organisation && context.organisations.size === 1) organisation = [...context.organisations.keys()][0] ?? null;
  const organisationId = organisation ? context.organisations.get(organisation) : undefined;
  if (organisation && organisationId === undefined) {
    violations.push({
      path: `${prefix}organisation`,
      code: "organisation_not_responsible",
      message: `${organisation} är inte ansvarig aktör för åtagandet. Välj en av: ${[...context.organisations.keys()].join(", ")}.`,
    });
  }
  const localDate = localDateOfOccurredAt(input.occurredAt);
  if (violations.length || localDate === null) return { violations };
  return {
    organisation: organisation ?? null,
    row: {
      commitmentId: context.id,
      occurredAt: input.occurredAt,
      localDate,
      quantity: input.quantity,
      organisationId: organisationId ?? null,
      place: input.place,
      note: input.note,
      loggedBy: actor.loggedBy,
      isDemo: actor.demo ?? false,
    },
  };
}

function toActivity(row: ActivityRow, organisation: string | null): Activity {
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    occurredAt: row.occurredAt,
    localDate: row.localDate,
    quantity: row.quantity,
    organisation,
    place: row.place,
    note: row.note,
    loggedBy: row.loggedBy,
    createdAt: row.createdAt,
    demo: row.isDemo,
    voidedAt: row.voidedAt,
    voidedBy: row.voidedBy,
    voidReason: row.voidReason,
  };
}

/** Logs one completed activity. Run inside a write transaction. */
export function createActivity({
  db,
  input,
  now,
  actor,
}: {
  db: Db;
  input: CreateActivity;
  now: Date;
  actor: Actor;
}): Activity {
  const context = loadCommitmentContext(db, input.commitmentId);
  if (!context) throw notFound("Åtagandet", "commitmentId");
  const prepared = prepareActivity(input, context, now, actor);
  if ("violations" in prepared) throw ruleViolation(prepared.violations);
  const row = db.insert(activities).values(prepared.row).returning().get();
  return toActivity(row, prepared.organisation);
}

/** Logs many activities: every row or none. A rejected batch names each bad row and why. */
export function createActivityBatch({
  db,
  inputs,
  now,
  actor,
}: {
  db: Db;
  inputs: CreateActivity[];
  now: Date;
  actor: Actor;
}): Activity[] {
  const contexts = new Map<number, CommitmentContext | null>();
  const violations: RuleViolation[] = [];
  const prepared: { row: typeof activities.$inferInsert; organisation: string | null }[] = [];
  inputs.forEach((input, i) => {
    const prefix = `activities.${i}.`;
    if (!contexts.has(input.commitmentId)) contexts.set(input.commitmentId, loadCommitmentContext(db, input.commitmentId));
    const context = contexts.get(input.commitmentId);
    if (!context) {
      violations.push({ path: `${prefix}commitmentId`, code: "not_found", message: `Åtagandet ${input.commitmentId} finns inte.` });
      return;
    }
    const result = prepareActivity(input, context, now, actor, prefix);
    if ("violations" in result) violations.push(...result.violations);
    else prepared.push(result);
  });
  if (violations.length) {
    const rows = new Set(violations.map((v) => v.path.split(".")[1]));
    throw new AppError(
      422,
      "batch_rejected",
      `Ingenting sparades: ${rows.size} av ${inputs.length} rader har fel. Rätta dem och skicka igen.`,
      violations,
    );
  }
  // One multi-row INSERT per chunk: SQLite allows at most 32 766 bound parameters per statement.
  const created: Activity[] = [];
  const chunkSize = 2000;
  for (let start = 0; start < prepared.length; start += chunkSize) {
    const chunk = prepared.slice(start, start + chunkSize);
    const rows = db
      .insert(activities)
      .values(chunk.map((p) => p.row))
      .returning()
      .all();
    rows.forEach((row, i) => created.push(toActivity(row, chunk[i]?.organisation ?? null)));
  }
  return created;
}

/** Voids an activity: it stops counting but stays visible. Run inside a write transaction. */
export function voidActivity({
  db,
  id,
  reason,
  now,
  actor,
}: {
  db: Db;
  id: number;
  reason: string;
  now: Date;
  actor: Actor;
}): Activity {
  const existing = db.select().from(activities).where(eq(activities.id, id)).get();
  if (!existing) throw notFound("Registreringen");
  if (existing.voidedAt) {
    throw new AppError(409, "already_voided", `Registreringen makulerades redan ${existing.voidedAt}.`);
  }
  const violations = personalDataViolations({ reason });
  if (violations.length) throw ruleViolation(violations);
  const row = db
    .update(activities)
    .set({ voidedAt: now.toISOString(), voidedBy: actor.loggedBy, voidReason: reason })
    .where(eq(activities.id, id))
    .returning()
    .get();
  return toActivity(row, organisationName(db, row.organisationId));
}

function organisationName(db: Db, id: number | null): string | null {
  if (id === null) return null;
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? null;
}

type Cursor = { localDate: string; id: number };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.localDate, cursor.id])).toString("base64url");
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === "string" &&
      /^\d{4}-\d{2}-\d{2}$/.test(parsed[0]) &&
      Number.isInteger(parsed[1])
    ) {
      return { localDate: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError(400, "validation_error", "Ogiltig cursor: använd nextCursor från föregående sida.", [
    { path: "cursor", code: "invalid_cursor", message: "Ogiltig cursor." },
  ]);
}

/** Newest first (by the day it happened, then the order it was logged), paginated by cursor. */
export function listActivities({ db, query }: { db: Db; query: ListActivitiesQuery }): ActivityPage {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError(400, "validation_error", "Från-datumet ligger efter till-datumet.", [
      { path: "from", code: "invalid_range", message: `from (${query.from}) ligger efter to (${query.to}).` },
    ]);
  }
  if (query.commitmentId !== undefined) {
    const exists = db.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, query.commitmentId)).get();
    if (!exists) throw notFound("Åtagandet", "commitmentId");
  }
  const conditions: (SQL | undefined)[] = [];
  if (query.commitmentId !== undefined) conditions.push(eq(activities.commitmentId, query.commitmentId));
  if (query.from) conditions.push(gte(activities.localDate, query.from));
  if (query.to) conditions.push(lte(activities.localDate, query.to));
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    conditions.push(
      or(
        lt(activities.localDate, cursor.localDate),
        and(eq(activities.localDate, cursor.localDate), lt(activities.id, cursor.id)),
      ),
    );
  }
  const rows = db
    .select({ activity: activities, organisation: organisations.name })
    .from(activities)
    .leftJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(and(...conditions))
    .orderBy(desc(activities.localDate), desc(activities.id))
    .limit(query.limit + 1)
    .all();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toActivity(r.activity, r.organisation)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ localDate: last.activity.localDate, id: last.activity.id })
        : null,
  };
}
