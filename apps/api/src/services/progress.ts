import type { PromiseProgress } from "@lofteskollen/contracts";
import { computeCommitmentProgress, type DailyTotal, type Term } from "@lofteskollen/domain";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { commitmentDailyTotals, commitments, promises, terms } from "../db/schema";
import { notFound } from "../lib/errors";

/**
 * SPEC §3 progress of every commitment of a promise as of a date. Reads the daily totals
 * (O(days × commitments) rows), never the activities themselves.
 */
export function getPromiseProgress({ db, promiseId, asOf }: { db: Db; promiseId: number; asOf: string }): PromiseProgress {
  const promise = db
    .select({ id: promises.id, startDate: promises.startDate, endDate: promises.endDate })
    .from(promises)
    .where(eq(promises.id, promiseId))
    .get();
  if (!promise) throw notFound("Medborgarlöftet");
  const period = { start: promise.startDate, end: promise.endDate };

  const commitmentRows = db
    .select({
      id: commitments.id,
      title: commitments.title,
      unit: commitments.unit,
      target: commitments.target,
      cadence: commitments.cadence,
    })
    .from(commitments)
    .where(eq(commitments.promiseId, promiseId))
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all();

  const termCalendar: Term[] = commitmentRows.some((c) => c.cadence === "term")
    ? db
        .select({ name: terms.name, start: terms.startDate, end: terms.endDate })
        .from(terms)
        .where(and(lte(terms.startDate, period.end), gte(terms.endDate, period.start)))
        .orderBy(asc(terms.startDate))
        .all()
    : [];

  // Only days that can count: inside the period and not after asOf.
  const lastDay = asOf < period.end ? asOf : period.end;
  const totalsByCommitment = new Map<number, DailyTotal[]>(commitmentRows.map((c) => [c.id, []]));
  if (commitmentRows.length && lastDay >= period.start) {
    const rows = db
      .select({
        commitmentId: commitmentDailyTotals.commitmentId,
        date: commitmentDailyTotals.localDate,
        quantity: commitmentDailyTotals.quantity,
      })
      .from(commitmentDailyTotals)
      .where(
        and(
          inArray(
            commitmentDailyTotals.commitmentId,
            commitmentRows.map((c) => c.id),
          ),
          gte(commitmentDailyTotals.localDate, period.start),
          lte(commitmentDailyTotals.localDate, lastDay),
        ),
      )
      .all();
    for (const row of rows) totalsByCommitment.get(row.commitmentId)?.push(row);
  }

  return {
    promiseId,
    asOf,
    commitments: commitmentRows.map((c) => ({
      commitmentId: c.id,
      title: c.title,
      unit: c.unit,
      target: c.target,
      cadence: c.cadence,
      ...computeCommitmentProgress({
        period,
        target: c.target,
        cadence: c.cadence,
        terms: termCalendar,
        dailyTotals: totalsByCommitment.get(c.id) ?? [],
        asOf,
      }),
    })),
  };
}
