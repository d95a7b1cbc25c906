import type { Activity, ActivityCorrection, ActivityPage, CorrectActivity, CreateActivity, ListActivitiesQuery } from "@lofteskollen/contracts";
import {
  activityRuleViolations,
  can,
  localDateOfOccurredAt,
  ownOrganisations,
  personalDataViolations,
  type RuleViolation,
} from "@lofteskollen/domain";
import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { type Db, preparedPerConnection, preparedPerDb, queryRows, type Tables } from "../db/client";
import { AppError, ForbiddenError, notFound, ruleViolation } from "../lib/errors";
import { type Author, assertMay, responsibleOrganisations } from "./access";

type ActivityRow = Tables["activities"]["$inferSelect"];

/** What a new activity needs to know about its commitment. */
export type CommitmentContext = {
  id: number;
  period: { start: string; end: string };
  promiseStatus: "draft" | "published" | "archived";
  organisations: Map<string, number>;
  responsible: string[];
  /** The responsible organisation when there is exactly one. */
  onlyOrganisation: string | null;
  /** Whether the author may log here, and in which of the responsible organisations' names. */
  mayLog: boolean;
  mine: string[];
};

/** Who logs: the author, and whether the rows are generated demo data. */
export type Actor = { author: Author; demo?: boolean };

/** SQLite fast path (decision 012): raw better-sqlite3 statements, one set per connection. */
const sqliteStatements = preparedPerConnection((sqlite) => ({
  // Plain better-sqlite3 for the hottest statement: binding through the query builder costs
  // more than the insert itself (docs/benchmarks.md). The triggers keep the daily totals.
  // Positional parameters: binding an object by name costs more than the insert (measured 20 %).
  insert: sqlite.prepare<InsertParameters>(
    `INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, organisation_id, place, note, logged_by, logged_by_user_id, created_at, is_demo, audit_id, replaces_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // A batch's one audit row, written by whoever the audit context says is writing (the same
  // function the triggers use), before its activities, which link to it.
  importAudit: sqlite.prepare<{ after: string }, { id: number }>(
    `INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
     VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity.import', 'activity', NULL, NULL, @after)
     RETURNING id`,
  ),
}));

/** The commitment as an author logging for it sees it; once per commitment, not per row of a batch. */
const contextStatements = preparedPerDb((db) => {
  const { commitments, commitmentOrganisations, organisations, promises } = db.$tables;
  return {
    commitment: db
      .select({ id: commitments.id, start: promises.startDate, end: promises.endDate, status: promises.status })
      .from(commitments)
      .innerJoin(promises, eq(promises.id, commitments.promiseId))
      .where(eq(commitments.id, sql.placeholder("id")))
      .prepare("activity_commitment"),
    organisations: db
      .select({ id: organisations.id, name: organisations.name })
      .from(commitmentOrganisations)
      .innerJoin(organisations, eq(organisations.id, commitmentOrganisations.organisationId))
      .where(eq(commitmentOrganisations.commitmentId, sql.placeholder("id")))
      .prepare("activity_commitment_organisations"),
  };
});

async function loadCommitmentContext(db: Db, commitmentId: number, author: Author): Promise<CommitmentContext | null> {
  const statements = contextStatements(db);
  const [found] = await statements.commitment.execute({ id: commitmentId });
  if (!found) return null;
  const rows = await statements.organisations.execute({ id: commitmentId });
  const responsible = rows.map((o) => o.name);
  return {
    id: found.id,
    period: { start: found.start, end: found.end },
    promiseStatus: found.status,
    organisations: new Map(rows.map((o) => [o.name, o.id])),
    responsible,
    onlyOrganisation: responsible.length === 1 ? (responsible[0] ?? null) : null,
    // A coordinator logs only for commitments of their own organisations, and only in their name.
    mayLog: author.kind === "system" || can(author, "activity.log", responsible),
    mine: author.kind === "user" ? ownOrganisations(author, responsible) : responsible,
  };
}

/** Checks one activity against its commitment; returns the row to insert, the broken rules, or a refusal. */
function prepareActivity(
  input: CreateActivity,
  context: CommitmentContext,
  now: Date,
  actor: Actor,
):
  | { row: NewActivity; organisation: string | null }
  | { violations: RuleViolation[] }
  | { forbidden: RuleViolation } {
  const { author } = actor;
  const { responsible, mine } = context;
  if (author.kind === "user" && !context.mayLog) {
    return {
      forbidden: {
        path: "commitmentId",
        code: "forbidden",
        message: `Du kan bara registrera för åtaganden som ${author.organisations.join(", ") || "din aktör"} ansvarar för. Det här åtagandet hör till ${responsible.join(", ") || "ingen aktör"}.`,
      },
    };
  }
  if (author.kind === "user" && input.organisation && context.organisations.has(input.organisation) && !mine.includes(input.organisation)) {
    return {
      forbidden: {
        path: "organisation",
        code: "forbidden",
        message: `Du kan inte registrera i ${input.organisation}s namn. Välj ${mine.join(" eller ")}.`,
      },
    };
  }

  const localDate = localDateOfOccurredAt(input.occurredAt);
  const violations = activityRuleViolations({
    occurredAt: input.occurredAt,
    localDate,
    quantity: input.quantity,
    period: context.period,
    promiseStatus: context.promiseStatus,
    now,
  });
  if (input.note || input.place) {
    violations.push(
      ...personalDataViolations([
        ["note", input.note],
        ["place", input.place],
      ]),
    );
  }

  // Default: the commitment's only responsible organisation, or the only one of them the user acts for.
  const organisation = input.organisation ?? context.onlyOrganisation ?? (mine.length === 1 ? (mine[0] ?? null) : null);
  const organisationId = organisation ? context.organisations.get(organisation) : undefined;
  if (organisation && organisationId === undefined) {
    violations.push({
      path: "organisation",
      code: "organisation_not_responsible",
      message: `${organisation} är inte ansvarig aktör för åtagandet. Välj en av: ${responsible.join(", ")}.`,
    });
  }
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
      loggedBy: author.name,
      loggedByUserId: author.kind === "user" ? author.id : null,
      createdAt: toIsoString(now),
      isDemo: actor.demo ? 1 : 0,
      auditId: null,
      replacesId: null,
    },
  };
}

// A batch stamps thousands of rows with one clock reading: format it once.
let lastStamp = { time: Number.NaN, iso: "" };
function toIsoString(now: Date): string {
  if (lastStamp.time !== now.getTime()) lastStamp = { time: now.getTime(), iso: now.toISOString() };
  return lastStamp.iso;
}

type InsertParameters = [
  number,
  string,
  string,
  number,
  number | null,
  string | null,
  string | null,
  string,
  number | null,
  string,
  0 | 1,
  number | null,
  number | null,
];

/** The INSERT's parameters, in its column order. */
const insertParameters = (r: NewActivity): InsertParameters => [
  r.commitmentId,
  r.occurredAt,
  r.localDate,
  r.quantity,
  r.organisationId,
  r.place,
  r.note,
  r.loggedBy,
  r.loggedByUserId,
  r.createdAt,
  r.isDemo,
  r.auditId,
  r.replacesId,
];

/** A new activity's row, as bound to the prepared INSERT (SQLite's 0/1 for the flag). */
export type NewActivity = {
  commitmentId: number;
  occurredAt: string;
  localDate: string;
  quantity: number;
  organisationId: number | null;
  place: string | null;
  note: string | null;
  loggedBy: string;
  loggedByUserId: number | null;
  createdAt: string;
  isDemo: 0 | 1;
  /** The batch's audit row; null for a single activity (the insert trigger audits it). */
  auditId: number | null;
  /** The activity this one corrects (voided in the same transaction). */
  replacesId: number | null;
};

/** The row as the query builder inserts it (a boolean flag): the engine-neutral path. */
const builderValues = (row: NewActivity) => ({ ...row, isDemo: row.isDemo === 1 });

/** Inserts new activities in row order and returns their ids in that order (engine-neutral path). */
async function insertActivityRows(db: Db, rows: readonly NewActivity[]): Promise<number[]> {
  const { activities } = db.$tables;
  const ids: number[] = [];
  // 13 parameters a row: 1 000 rows a statement stay far below PostgreSQL's 65 535 parameters.
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db
      .insert(activities)
      .values(rows.slice(start, start + 1000).map(builderValues))
      .returning({ id: activities.id });
    // A multi-row INSERT takes its ids from the sequence in VALUES order; RETURNING's order is not promised.
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

async function insertActivity(db: Db, row: NewActivity, organisation: string | null): Promise<Activity> {
  let id: number;
  if (db.$sqlite) {
    id = Number(sqliteStatements(db.$sqlite).insert.run(...insertParameters(row)).lastInsertRowid);
  } else {
    const [inserted] = await insertActivityRows(db, [row]);
    if (inserted === undefined) throw new Error("the activity was not stored");
    id = inserted;
  }
  return toActivity({ ...row, id, isDemo: row.isDemo === 1, voidedAt: null, voidedBy: null, voidReason: null }, organisation);
}

function toActivity(row: ActivityRow, organisation: string | null, replacedById: number | null = null): Activity {
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
    replacesId: row.replacesId,
    replacedById,
  };
}

/** Logs one completed activity. Run inside a write transaction. */
export async function createActivity({
  db,
  input,
  now,
  actor,
}: {
  db: Db;
  input: CreateActivity;
  now: Date;
  actor: Actor;
}): Promise<Activity> {
  const context = await loadCommitmentContext(db, input.commitmentId, actor.author);
  if (!context) throw notFound("Åtagandet", "commitmentId");
  const prepared = prepareActivity(input, context, now, actor);
  if ("forbidden" in prepared) {
    throw new ForbiddenError(prepared.forbidden.message, { permission: "activity.log", recordType: "commitment", recordId: context.id }, [prepared.forbidden]);
  }
  if ("violations" in prepared) throw ruleViolation(prepared.violations);
  return insertActivity(db, prepared.row, prepared.organisation);
}

/** The outcome of checking one activity: the row to insert, the broken rules, or a refusal. */
export type ActivityCheck = ReturnType<typeof prepareActivity> | { notFound: true };

/** Checks activities against their commitments (see activityChecker). */
export type ActivityChecker = {
  /** The commitment as the author sees it; null when it does not exist. */
  context(commitmentId: number): Promise<CommitmentContext | null>;
  check(input: CreateActivity): Promise<ActivityCheck>;
};

/**
 * Checks activities against their commitments' rules and the author's rights, as POST
 * /api/activities does, loading each commitment once (a batch or an import of thousands of rows
 * names a handful). Run inside the write transaction that stores the rows.
 */
export function activityChecker({ db, now, actor }: { db: Db; now: Date; actor: Actor }): ActivityChecker {
  const contexts = new Map<number, CommitmentContext | null>();
  const context = async (commitmentId: number) => {
    let found = contexts.get(commitmentId);
    if (found === undefined) {
      found = await loadCommitmentContext(db, commitmentId, actor.author);
      contexts.set(commitmentId, found);
    }
    return found;
  };
  return {
    context,
    async check(input: CreateActivity): Promise<ActivityCheck> {
      const found = await context(input.commitmentId);
      return found ? prepareActivity(input, found, now, actor) : { notFound: true };
    },
  };
}

/**
 * Stores checked activities as one import: one `activity.import` audit row (who, how many, per
 * commitment, and `details` such as the file), which every row links to (ADR 005). Returns the
 * audit row's id and the new ids in row order. Run inside a write transaction.
 */
export async function insertActivityImport(
  db: Db,
  rows: readonly NewActivity[],
  details: Record<string, unknown> = {},
): Promise<{ auditId: number; ids: number[] }> {
  const perCommitment: Record<number, { activities: number; quantity: number }> = {};
  for (const row of rows) {
    const entry = (perCommitment[row.commitmentId] ??= { activities: 0, quantity: 0 });
    entry.activities += 1;
    entry.quantity += row.quantity;
  }
  const after = JSON.stringify({ activities: rows.length, commitments: perCommitment, ...details });
  if (db.$sqlite) {
    const { insert, importAudit } = sqliteStatements(db.$sqlite);
    const audit = importAudit.get({ after });
    if (!audit) throw new Error("the import's audit row was not written");
    // One prepared single-row INSERT, reused: cheaper than building a multi-row statement.
    const ids = rows.map((row) => {
      row.auditId = audit.id;
      return Number(insert.run(...insertParameters(row)).lastInsertRowid);
    });
    return { auditId: audit.id, ids };
  }
  // Engine-neutral (PostgreSQL): the same audit row through the same audit_context(key) function.
  // user_id is an integer column; the cast keeps it one whatever type the function returns.
  const [audit] = await queryRows<{ id: number | string }>(
    db,
    sql`INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
        VALUES (audit_context('at'), CAST(audit_context('user_id') AS integer), audit_context('actor'), audit_context('address'), 'activity.import', 'activity', NULL, NULL, ${after})
        RETURNING id`,
  );
  if (!audit) throw new Error("the import's audit row was not written");
  const auditId = Number(audit.id);
  for (const row of rows) row.auditId = auditId;
  return { auditId, ids: await insertActivityRows(db, rows) };
}

/** Where row `index` of a batch has a problem: "activities.3.quantity". */
const rowPath = (index: number, field: string) => `activities.${index}.${field}`;

/**
 * Logs many activities: every row or none. A rejected batch names each bad row and why.
 * Returns the new ids in row order (an import needs a receipt, not its own rows echoed back).
 */
export async function createActivityBatch({
  db,
  inputs,
  now,
  actor,
}: {
  db: Db;
  inputs: CreateActivity[];
  now: Date;
  actor: Actor;
}): Promise<number[]> {
  const checker = activityChecker({ db, now, actor });
  const violations: RuleViolation[] = [];
  const refusals: RuleViolation[] = [];
  let firstRefused: number | undefined;
  const rows: NewActivity[] = [];
  for (const [i, input] of inputs.entries()) {
    const result = await checker.check(input);
    if ("notFound" in result) {
      violations.push({ path: rowPath(i, "commitmentId"), code: "not_found", message: `Åtagandet ${input.commitmentId} finns inte.` });
    } else if ("forbidden" in result) {
      refusals.push({ ...result.forbidden, path: rowPath(i, result.forbidden.path) });
      firstRefused ??= input.commitmentId;
    } else if ("violations" in result) violations.push(...result.violations.map((v) => ({ ...v, path: rowPath(i, v.path) })));
    else rows.push(result.row);
  }
  if (refusals.length) {
    const first = refusals[0]?.message ?? "";
    throw new ForbiddenError(
      `Ingenting sparades: ${refusals.length} av ${inputs.length} rader gäller åtaganden du inte kan registrera för. ${first}`,
      { permission: "activity.log", recordType: "commitment", recordId: firstRefused },
      refusals,
    );
  }
  if (violations.length) {
    const rows = new Set(violations.map((v) => v.path.split(".")[1]));
    throw new AppError(
      422,
      "batch_rejected",
      `Ingenting sparades: ${rows.size} av ${inputs.length} rader har fel. Rätta dem och skicka igen.`,
      violations,
    );
  }
  return (await insertActivityImport(db, rows)).ids;
}

/**
 * The activity to void or correct, once the author may: 404 when unknown, 403 when a coordinator
 * is outside its organisations (the activity's own, or when it has none the commitment's).
 */
async function loadVoidable(db: Db, id: number, actor: Actor): Promise<{ existing: ActivityRow; owner: string | null }> {
  const { activities } = db.$tables;
  const [existing] = await db.select().from(activities).where(eq(activities.id, id));
  if (!existing) throw notFound("Registreringen");
  const owner = await organisationName(db, existing.organisationId);
  assertMay(actor.author, "activity.void", {
    type: "activity",
    id,
    organisations: owner ? [owner] : await responsibleOrganisations(db, existing.commitmentId),
  });
  return { existing, owner };
}

async function markVoided(db: Db, id: number, reason: string, now: Date, actor: Actor): Promise<ActivityRow> {
  const { activities } = db.$tables;
  const [row] = await db
    .update(activities)
    .set({ voidedAt: now.toISOString(), voidedBy: actor.author.name, voidReason: reason })
    .where(eq(activities.id, id))
    .returning();
  if (!row) throw new Error("the activity was not voided");
  return row;
}

/** Voids an activity: it stops counting but stays visible. Run inside a write transaction. */
export async function voidActivity({
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
}): Promise<Activity> {
  const { existing, owner } = await loadVoidable(db, id, actor);
  if (existing.voidedAt) {
    throw new AppError(409, "already_voided", `Registreringen makulerades redan ${existing.voidedAt}.`);
  }
  const violations = personalDataViolations([["reason", reason]]);
  if (violations.length) throw ruleViolation(violations);
  return toActivity(await markVoided(db, id, reason, now, actor), owner);
}

/** Where a corrected field's problem is: "activity.quantity" (the commitment is the original's). */
const correctionPath = (path: string) => (path === "commitmentId" ? "id" : `activity.${path}`);

/**
 * Corrects an activity: voids it with `reason` and logs the corrected one, which names it
 * (`replacesId`), in one transaction. Fields the correction leaves out are copied from the
 * original. The author must be allowed to void the original and to log the new one; a voided
 * activity cannot be corrected (409), nor can a correction that changes nothing (422).
 */
export async function correctActivity({
  db,
  id,
  input,
  now,
  actor,
}: {
  db: Db;
  id: number;
  input: CorrectActivity;
  now: Date;
  actor: Actor;
}): Promise<ActivityCorrection> {
  const { existing, owner } = await loadVoidable(db, id, actor);
  if (existing.voidedAt) {
    throw new AppError(
      409,
      "already_voided",
      `Registreringen makulerades ${existing.voidedAt} och kan inte rättas. Registrera en ny aktivitet i stället.`,
    );
  }
  const { reason, activity: change } = input;
  const corrected: CreateActivity = {
    commitmentId: existing.commitmentId,
    occurredAt: change.occurredAt ?? existing.occurredAt,
    quantity: change.quantity ?? existing.quantity,
    organisation: change.organisation === undefined ? owner : change.organisation,
    place: change.place === undefined ? existing.place : change.place,
    note: change.note === undefined ? existing.note : change.note,
  };
  const reasonViolations = personalDataViolations([["reason", reason]]);
  const context = await loadCommitmentContext(db, existing.commitmentId, actor.author);
  if (!context) throw notFound("Åtagandet");
  // A correction of generated demo data is demo data too: removing the demo removes both.
  const prepared = prepareActivity(corrected, context, now, { ...actor, demo: existing.isDemo });
  if ("forbidden" in prepared) {
    const issue = { ...prepared.forbidden, path: correctionPath(prepared.forbidden.path) };
    throw new ForbiddenError(issue.message, { permission: "activity.log", recordType: "commitment", recordId: context.id }, [issue]);
  }
  const violations = [...reasonViolations, ...("violations" in prepared ? prepared.violations.map((v) => ({ ...v, path: correctionPath(v.path) })) : [])];
  if (violations.length) throw ruleViolation(violations);
  if (!("row" in prepared)) throw new Error("unreachable: a checked activity has a row or violations");
  const { row } = prepared;
  if (
    row.occurredAt === existing.occurredAt &&
    row.quantity === existing.quantity &&
    row.organisationId === existing.organisationId &&
    row.place === existing.place &&
    row.note === existing.note
  ) {
    throw new AppError(422, "correction_unchanged", "Rättelsen ändrar ingenting. Ändra datum, antal, aktör, plats eller anteckning – eller makulera registreringen.", [
      { path: "activity", code: "correction_unchanged", message: "Rättelsen ändrar ingenting." },
    ]);
  }
  const voided = await markVoided(db, id, reason, now, actor);
  const created = await insertActivity(db, { ...row, replacesId: id }, prepared.organisation);
  return { voided: toActivity(voided, owner, created.id), created };
}

async function organisationName(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const { organisations } = db.$tables;
  const [found] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return found?.name ?? null;
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
export async function listActivities({ db, query }: { db: Db; query: ListActivitiesQuery }): Promise<ActivityPage> {
  const { activities, commitments, organisations } = db.$tables;
  if (query.from && query.to && query.from > query.to) {
    throw new AppError(400, "validation_error", "Från-datumet ligger efter till-datumet.", [
      { path: "from", code: "invalid_range", message: `from (${query.from}) ligger efter to (${query.to}).` },
    ]);
  }
  if (query.commitmentId !== undefined) {
    const [exists] = await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, query.commitmentId));
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
  const rows = await db
    .select({
      activity: activities,
      organisation: organisations.name,
      // Through the partial unique index on replaces_id: one lookup per listed activity.
      replacedById: sql<number | null>`(SELECT r.id FROM activities r WHERE r.replaces_id = ${activities.id})`,
    })
    .from(activities)
    .leftJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(and(...conditions))
    .orderBy(desc(activities.localDate), desc(activities.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toActivity(r.activity, r.organisation, r.replacedById)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ localDate: last.activity.localDate, id: last.activity.id })
        : null,
  };
}
