import type { Commitment, OrganisationBreakdown, UpdateCommitment } from "@lofteskollen/contracts";
import { personalDataViolations, type RuleViolation } from "@lofteskollen/domain";
import { and, count, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import { ensureOrganisation, getPromise } from "./promises";

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

const CADENCE_WORD = { period: "hela perioden", year: "per år", term: "per termin", month: "per månad" } as const;

/**
 * PATCH /api/commitments/:id (issue 7). A new target or cadence of a commitment that has
 * (non-voided) activities needs `confirm: true`, else 409 `confirmation_required`. Audited by the
 * triggers of commitments and commitment_organisations; the progress follows by itself (it is
 * computed from the daily totals with the commitment's current target and cadence).
 */
export async function updateCommitment({ db, id, input }: { db: Db; id: number; input: UpdateCommitment }): Promise<Commitment> {
  const { activities, activityTypes, commitmentOrganisations, commitments, themes } = db.$tables;
  const [current] = await db.select().from(commitments).where(eq(commitments.id, id));
  if (!current) throw notFound("Åtagandet");

  const violations: RuleViolation[] = personalDataViolations([
    ["title", input.title],
    ["description", input.description],
  ]);
  if (input.activityType !== undefined && input.activityType !== current.activityType) {
    const [known] = await db.select({ code: activityTypes.code }).from(activityTypes).where(eq(activityTypes.code, input.activityType));
    if (!known) {
      const codes = (await db.select({ code: activityTypes.code }).from(activityTypes)).map((t) => t.code);
      violations.push({
        path: "activityType",
        code: "unknown_activity_type",
        message: `Aktivitetstypen "${input.activityType}" finns inte. Välj en av: ${codes.join(", ")}.`,
      });
    }
  }
  if (violations.length) throw ruleViolation(violations);

  const targetChanges = input.target !== undefined && input.target !== current.target;
  const cadenceChanges = input.cadence !== undefined && input.cadence !== current.cadence;
  if ((targetChanges || cadenceChanges) && input.confirm !== true) {
    const [row] = await db
      .select({ n: count() })
      .from(activities)
      .where(and(eq(activities.commitmentId, id), isNull(activities.voidedAt)));
    const n = Number(row?.n ?? 0);
    if (n > 0) {
      const what = [
        targetChanges ? `målet (${current.target ?? "inget"} → ${input.target ?? "inget"})` : null,
        cadenceChanges ? `takten (${CADENCE_WORD[current.cadence]} → ${CADENCE_WORD[input.cadence ?? current.cadence]})` : null,
      ]
        .filter(Boolean)
        .join(" och ");
      const message = `Åtagandet har ${n === 1 ? "1 registrerad aktivitet" : `${n} registrerade aktiviteter`}. Om du ändrar ${what} räknas uppföljningen om för ${n === 1 ? "den" : "alla"}. Bekräfta ändringen (confirm: true).`;
      throw new AppError(409, "confirmation_required", message, [
        { path: targetChanges ? "target" : "cadence", code: "confirmation_required", message },
      ]);
    }
  }

  const changes: Partial<typeof current> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.description !== undefined) changes.description = input.description;
  if (input.activityType !== undefined) changes.activityType = input.activityType;
  if (input.unit !== undefined) changes.unit = input.unit;
  if (input.target !== undefined) changes.target = input.target;
  if (input.cadence !== undefined) changes.cadence = input.cadence;
  if (input.theme !== undefined) {
    if (input.theme === null) changes.themeId = null;
    else {
      // A new theme joins the promise's themes, as in POST /api/promises.
      const [theme] = await db
        .select({ id: themes.id })
        .from(themes)
        .where(and(eq(themes.promiseId, current.promiseId), eq(themes.name, input.theme)));
      if (theme) changes.themeId = theme.id;
      else {
        const [{ n: position } = { n: 0 }] = await db.select({ n: count() }).from(themes).where(eq(themes.promiseId, current.promiseId));
        const [created] = await db
          .insert(themes)
          .values({ promiseId: current.promiseId, name: input.theme, position: Number(position) })
          .returning({ id: themes.id });
        if (!created) throw new Error("the theme was not stored");
        changes.themeId = created.id;
      }
    }
  }
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => current[key as keyof typeof current] !== value),
  ) as Partial<typeof current>;
  if (Object.keys(changed).length) await db.update(commitments).set(changed).where(eq(commitments.id, id));

  if (input.organisations) {
    const wanted = new Set<number>();
    for (const name of input.organisations) wanted.add(await ensureOrganisation(db, name));
    const existing = (
      await db
        .select({ organisationId: commitmentOrganisations.organisationId })
        .from(commitmentOrganisations)
        .where(eq(commitmentOrganisations.commitmentId, id))
    ).map((r) => r.organisationId);
    for (const organisationId of existing) {
      if (!wanted.has(organisationId)) {
        await db
          .delete(commitmentOrganisations)
          .where(and(eq(commitmentOrganisations.commitmentId, id), eq(commitmentOrganisations.organisationId, organisationId)));
      }
    }
    for (const organisationId of wanted) {
      if (!existing.includes(organisationId)) await db.insert(commitmentOrganisations).values({ commitmentId: id, organisationId });
    }
  }

  const promise = await getPromise({ db, id: current.promiseId });
  const updated = promise.commitments.find((c) => c.id === id);
  if (!updated) throw new Error("the commitment went missing");
  return updated;
}
