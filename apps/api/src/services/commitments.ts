import type { OrganisationBreakdown } from "@lofteskollen/contracts";
import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";

/** A commitment with what its reports need of its promise; 404 when there is no such commitment. */
export async function findCommitment(db: Db, id: number) {
  const { commitments, promises } = db.$tables;
  const [found] = await db
    .select({
      id: commitments.id,
      promiseId: commitments.promiseId,
      promiseSlug: promises.slug,
      start: promises.startDate,
      end: promises.endDate,
    })
    .from(commitments)
    .innerJoin(promises, eq(promises.id, commitments.promiseId))
    .where(eq(commitments.id, id));
  if (!found) throw notFound("Åtagandet", "id");
  return found;
}

const swedishOrder = new Intl.Collator("sv");

/**
 * A commitment's non-voided activities from `from` to `to` (default: the promise period) summed
 * per organisation: largest quantity first, then by name in Swedish order (å, ä, ö after z),
 * activities logged without an organisation last among equals.
 */
export async function getOrganisationBreakdown({
  db,
  commitmentId,
  query,
}: {
  db: Db;
  commitmentId: number;
  query: { from?: string; to?: string };
}): Promise<OrganisationBreakdown> {
  const { activities, organisations } = db.$tables;
  const commitment = await findCommitment(db, commitmentId);
  const from = query.from ?? commitment.start;
  const to = query.to ?? commitment.end;
  const rows = await db
    .select({
      organisation: organisations.name,
      quantity: sql<number>`sum(${activities.quantity})`.mapWith(Number),
      activities: sql<number>`count(*)`.mapWith(Number),
    })
    .from(activities)
    .leftJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(
      and(
        eq(activities.commitmentId, commitmentId),
        isNull(activities.voidedAt),
        gte(activities.localDate, from),
        lte(activities.localDate, to),
      ),
    )
    // PostgreSQL wants every selected column grouped; the name follows from the id.
    .groupBy(activities.organisationId, organisations.name);
  rows.sort(
    (a, b) =>
      b.quantity - a.quantity ||
      (a.organisation === null ? 1 : 0) - (b.organisation === null ? 1 : 0) ||
      swedishOrder.compare(a.organisation ?? "", b.organisation ?? ""),
  );
  return { commitmentId, from, to, organisations: rows };
}
