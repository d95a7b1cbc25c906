import type { DailyTotals, PromiseProgress, ProgressSummary, StatusCounts } from "@lofteskollen/contracts";
import {
  computeCommitmentProgress,
  type DailyTotal,
  maxDate,
  minDate,
  type Period,
  STATUSES,
  type Term,
} from "@lofteskollen/domain";
import { and, asc, eq, gt, gte, inArray, lte } from "drizzle-orm";
import type { Db, Tables } from "../db/client";
import { notFound } from "../lib/errors";
import { listPromises } from "./promises";

type CommitmentRow = Pick<Tables["commitments"]["$inferSelect"], "id" | "title" | "unit" | "target" | "cadence">;

/** What the engine needs for one promise's progress as of a date, as read from the database. */
type ProgressSource = {
  promiseId: number;
  period: Period;
  /** The promise's commitments in their order (position, then id). */
  commitments: CommitmentRow[];
  /** The term calendar around the period(s) read; the engine keeps the terms that meet the period. */
  terms: Term[];
  /**
   * Per commitment, the days with something counted from the period's start to `lastDay`,
   * oldest first. Empty when asOf is before the period.
   */
  dailyTotals: Map<number, DailyTotal[]>;
  /** The earlier of asOf and the period's end: later days cannot count yet. */
  lastDay: string;
};

type PromisePeriodRow = { id: number; startDate: string; endDate: string };

/**
 * Reads the progress inputs of several promises with one query per table, so the overview of all
 * promises costs the same few round trips as one promise's progress. Reads the daily totals
 * (O(days × commitments) rows), never the activities themselves.
 *
 * The tables are read one after the other. On SQLite no write comes between them (its queries
 * complete synchronously under their promises); on PostgreSQL, through the pool, a write may
 * commit between two reads — not yet one snapshot.
 */
async function loadProgressSources(db: Db, promiseRows: readonly PromisePeriodRow[], asOf: string): Promise<ProgressSource[]> {
  const { commitmentDailyTotals, commitments, terms } = db.$tables;
  const sources: ProgressSource[] = promiseRows.map((p) => ({
    promiseId: p.id,
    period: { start: p.startDate, end: p.endDate },
    commitments: [],
    terms: [],
    dailyTotals: new Map(),
    lastDay: minDate(asOf, p.endDate),
  }));
  const [first] = sources;
  if (!first) return sources;
  const byPromise = new Map(sources.map((s) => [s.promiseId, s]));

  const commitmentRows = await db
    .select({
      id: commitments.id,
      promiseId: commitments.promiseId,
      title: commitments.title,
      unit: commitments.unit,
      target: commitments.target,
      cadence: commitments.cadence,
    })
    .from(commitments)
    .where(inArray(commitments.promiseId, [...byPromise.keys()]))
    .orderBy(asc(commitments.position), asc(commitments.id));
  // Where each commitment's counted days go, and which of them can count.
  const daysOf = new Map<number, { from: string; to: string; days: DailyTotal[] }>();
  for (const { promiseId, ...commitment } of commitmentRows) {
    const source = byPromise.get(promiseId);
    if (!source) continue;
    const days: DailyTotal[] = [];
    source.commitments.push(commitment);
    source.dailyTotals.set(commitment.id, days);
    daysOf.set(commitment.id, { from: source.period.start, to: source.lastDay, days });
  }
  if (!commitmentRows.length) return sources;

  const earliest = sources.reduce((min, s) => minDate(min, s.period.start), first.period.start);
  const lastEnd = sources.reduce((max, s) => maxDate(max, s.period.end), first.period.end);
  const latest = sources.reduce((max, s) => maxDate(max, s.lastDay), first.lastDay);

  if (commitmentRows.some((c) => c.cadence === "term")) {
    const termCalendar = await db
      .select({ name: terms.name, start: terms.startDate, end: terms.endDate })
      .from(terms)
      .where(and(lte(terms.startDate, lastEnd), gte(terms.endDate, earliest)))
      .orderBy(asc(terms.startDate));
    for (const source of sources) source.terms = termCalendar;
  }

  if (latest >= earliest) {
    const rows = await db
      .select({
        commitmentId: commitmentDailyTotals.commitmentId,
        date: commitmentDailyTotals.localDate,
        quantity: commitmentDailyTotals.quantity,
      })
      .from(commitmentDailyTotals)
      .where(
        and(
          inArray(commitmentDailyTotals.commitmentId, [...daysOf.keys()]),
          gte(commitmentDailyTotals.localDate, earliest),
          lte(commitmentDailyTotals.localDate, latest),
          // A day whose activities were all voided keeps its row, at 0: not a day with something done.
          gt(commitmentDailyTotals.quantity, 0),
        ),
      )
      // The primary key's order, so each commitment's days come out oldest first without a sort.
      .orderBy(asc(commitmentDailyTotals.commitmentId), asc(commitmentDailyTotals.localDate));
    for (const { commitmentId, date, quantity } of rows) {
      const target = daysOf.get(commitmentId);
      // Several promises are read over the span of them all: keep each commitment to its own period.
      if (target && date >= target.from && date <= target.to) target.days.push({ date, quantity });
    }
  }
  return sources;
}

/** One promise's progress inputs; 404 for an unknown promise. */
async function loadProgressSource(db: Db, promiseId: number, asOf: string): Promise<ProgressSource> {
  const { promises } = db.$tables;
  const [promise] = await db
    .select({ id: promises.id, startDate: promises.startDate, endDate: promises.endDate })
    .from(promises)
    .where(eq(promises.id, promiseId));
  if (!promise) throw notFound("Medborgarlöftet");
  const [source] = await loadProgressSources(db, [promise], asOf);
  if (!source) throw notFound("Medborgarlöftet");
  return source;
}

function progressOf(source: ProgressSource, asOf: string): PromiseProgress {
  return {
    promiseId: source.promiseId,
    asOf,
    commitments: source.commitments.map((c) => ({
      commitmentId: c.id,
      title: c.title,
      unit: c.unit,
      target: c.target,
      cadence: c.cadence,
      ...computeCommitmentProgress({
        period: source.period,
        target: c.target,
        cadence: c.cadence,
        terms: source.terms,
        dailyTotals: source.dailyTotals.get(c.id) ?? [],
        asOf,
      }),
    })),
  };
}

/** SPEC §3 progress of every commitment of a promise as of a date. */
export async function getPromiseProgress({ db, promiseId, asOf }: { db: Db; promiseId: number; asOf: string }): Promise<PromiseProgress> {
  return progressOf(await loadProgressSource(db, promiseId, asOf), asOf);
}

/**
 * `GET /api/progress`: for every promise (in the order of the promise list), how many of its
 * commitments have each status as of a date. Every status is present, 0 when no commitment has it,
 * so a client never has to tell "none" from "missing".
 */
export async function getProgressSummary({ db, asOf }: { db: Db; asOf: string }): Promise<ProgressSummary> {
  const sources = await loadProgressSources(db, await listPromises({ db }), asOf);
  return {
    asOf,
    promises: sources.map((source) => {
      const statusCounts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusCounts;
      for (const commitment of progressOf(source, asOf).commitments) statusCounts[commitment.status] += 1;
      return { promiseId: source.promiseId, statusCounts };
    }),
  };
}

/**
 * `GET /api/promises/:id/daily-totals`: per commitment, the days with something done from the
 * period's start to the earlier of asOf and the period's end — exactly the totals the progress of
 * that asOf is computed from, so a chart drawn from them agrees with the figures.
 */
export async function getDailyTotals({ db, promiseId, asOf }: { db: Db; promiseId: number; asOf: string }): Promise<DailyTotals> {
  const source = await loadProgressSource(db, promiseId, asOf);
  return {
    promiseId,
    asOf,
    from: source.period.start,
    to: source.lastDay,
    commitments: source.commitments.map((c) => ({ commitmentId: c.id, days: source.dailyTotals.get(c.id) ?? [] })),
  };
}
