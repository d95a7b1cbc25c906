import type { Commitment, CreateCommitment, OrganisationBreakdown, PromiseDetail, UpdateCommitment } from "@lofteskollen/contracts";
import { personalDataViolations, type RuleViolation } from "@lofteskollen/domain";
import { and, count, eq, gte, isNull, lte, max, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError, notFound, ruleViolation } from "../lib/errors";
import {
  activityTypeViolations,
  archivedOrganisationViolations,
  ensureOrganisation,
  ensureTheme,
  getPromise,
  insertCommitment,
} from "./promises";
import { responsibleOrganisations } from "./access";

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
  const { activities, commitmentOrganisations, commitments } = db.$tables;
  const [current] = await db.select().from(commitments).where(eq(commitments.id, id));
  if (!current) throw notFound("Åtagandet");

  const violations: RuleViolation[] = personalDataViolations([
    ["title", input.title],
    ["description", input.description],
  ]);
  if (input.activityType !== undefined && input.activityType !== current.activityType) {
    violations.push(...(await activityTypeViolations(db, [["activityType", input.activityType]])));
  }
  if (input.organisations) {
    // Organisations the commitment already has may stay although archived; new ones may not.
    const kept = new Set(await responsibleOrganisations(db, id));
    violations.push(
      ...(await archivedOrganisationViolations(
        db,
        input.organisations.flatMap((name, j) => (kept.has(name) ? [] : [[`organisations.${j}`, name] as const])),
      )),
    );
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
    // A new theme joins the promise's themes, as in POST /api/promises.
    changes.themeId = input.theme === null ? null : await ensureTheme(db, current.promiseId, input.theme);
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

/**
 * POST /api/promises/:id/commitments (issue 7): a new commitment at the end of the promise's
 * list, as one item of POST /api/promises' `commitments`. Audited by the triggers.
 */
export async function addCommitment({ db, promiseId, input }: { db: Db; promiseId: number; input: CreateCommitment }): Promise<Commitment> {
  const { commitments, promises } = db.$tables;
  const [promise] = await db.select({ id: promises.id }).from(promises).where(eq(promises.id, promiseId));
  if (!promise) throw notFound("Medborgarlöftet");
  const violations: RuleViolation[] = [
    ...(await activityTypeViolations(db, [["activityType", input.activityType]])),
    ...(await archivedOrganisationViolations(db, input.organisations.map((name, j) => [`organisations.${j}`, name] as const))),
    ...personalDataViolations([
      ["title", input.title],
      ["description", input.description],
    ]),
  ];
  if (violations.length) throw ruleViolation(violations);
  const [last] = await db
    .select({ position: max(commitments.position) })
    .from(commitments)
    .where(eq(commitments.promiseId, promiseId));
  const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const themeId = input.theme ? await ensureTheme(db, promiseId, input.theme) : null;
  const id = await insertCommitment(db, promiseId, position, input, themeId);
  const detail = await getPromise({ db, id: promiseId });
  const added = detail.commitments.find((c) => c.id === id);
  if (!added) throw new Error("the commitment went missing");
  return added;
}

/**
 * DELETE /api/commitments/:id (issue 7): only a commitment nothing was recorded against — no
 * activity (voided ones count: they are history) and no update — may go; otherwise 409 saying
 * what it has. A promise keeps at least one commitment. Audited by the triggers.
 */
export async function removeCommitment({ db, id }: { db: Db; id: number }): Promise<void> {
  const { activities, commitmentDailyTotals, commitmentOrganisations, commitments, updates } = db.$tables;
  const [current] = await db.select().from(commitments).where(eq(commitments.id, id));
  if (!current) throw notFound("Åtagandet");
  const [logged] = await db.select({ n: count() }).from(activities).where(eq(activities.commitmentId, id));
  const [written] = await db.select({ n: count() }).from(updates).where(eq(updates.commitmentId, id));
  const nActivities = Number(logged?.n ?? 0);
  const nUpdates = Number(written?.n ?? 0);
  if (nActivities || nUpdates) {
    const has = [
      nActivities ? (nActivities === 1 ? "1 registrerad aktivitet" : `${nActivities} registrerade aktiviteter`) : null,
      nUpdates ? (nUpdates === 1 ? "1 lägesuppdatering" : `${nUpdates} lägesuppdateringar`) : null,
    ]
      .filter(Boolean)
      .join(" och ");
    throw new AppError(
      409,
      "commitment_in_use",
      `Åtagandet "${current.title}" har ${has} och kan inte tas bort: historiken ska finnas kvar. Ändra i stället mål eller beskrivning, eller förnya löftet utan åtagandet.`,
    );
  }
  const [siblings] = await db.select({ n: count() }).from(commitments).where(eq(commitments.promiseId, current.promiseId));
  if (Number(siblings?.n ?? 0) <= 1) {
    throw new AppError(409, "last_commitment", "Ett medborgarlöfte behöver minst ett åtagande. Lägg till ett nytt innan du tar bort det här.");
  }
  await db.delete(commitmentDailyTotals).where(eq(commitmentDailyTotals.commitmentId, id));
  await db.delete(commitmentOrganisations).where(eq(commitmentOrganisations.commitmentId, id));
  await db.delete(commitments).where(eq(commitments.id, id));
}

/**
 * PUT /api/promises/:id/commitment-order (issue 7): the promise's commitments in a new order;
 * `commitmentIds` must name each of them exactly once.
 */
export async function reorderCommitments({ db, promiseId, commitmentIds }: { db: Db; promiseId: number; commitmentIds: number[] }): Promise<PromiseDetail> {
  const { commitments, promises } = db.$tables;
  const [promise] = await db.select({ id: promises.id }).from(promises).where(eq(promises.id, promiseId));
  if (!promise) throw notFound("Medborgarlöftet");
  const current = await db
    .select({ id: commitments.id, position: commitments.position })
    .from(commitments)
    .where(eq(commitments.promiseId, promiseId));
  const ids = new Set(current.map((c) => c.id));
  const seen = new Set<number>();
  const issues: RuleViolation[] = [];
  commitmentIds.forEach((id, i) => {
    if (!ids.has(id)) issues.push({ path: `commitmentIds.${i}`, code: "unknown_commitment", message: `Åtagande ${id} hör inte till det här medborgarlöftet.` });
    else if (seen.has(id)) issues.push({ path: `commitmentIds.${i}`, code: "duplicate_commitment", message: `Åtagande ${id} står med två gånger.` });
    seen.add(id);
  });
  const missing = current.filter((c) => !seen.has(c.id)).map((c) => c.id);
  if (missing.length) {
    issues.push({
      path: "commitmentIds",
      code: "missing_commitments",
      message: `Ordningen måste ta med alla löftets åtaganden; ${missing.length === 1 ? "åtagande" : "åtagandena"} ${missing.join(", ")} saknas.`,
    });
  }
  if (issues.length) throw new AppError(400, "validation_error", issues.length === 1 && issues[0] ? issues[0].message : "Ordningen stämmer inte, se varje fält.", issues);
  const positionOf = new Map(current.map((c) => [c.id, c.position]));
  for (const [position, id] of commitmentIds.entries()) {
    if (positionOf.get(id) !== position) await db.update(commitments).set({ position }).where(eq(commitments.id, id));
  }
  return await getPromise({ db, id: promiseId });
}
