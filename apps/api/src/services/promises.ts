import type { CreatePromise, PromiseDetail, PromiseSummary } from "@lofteskollen/contracts";
import { personalDataViolations, type RuleViolation } from "@lofteskollen/domain";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db, Tables } from "../db/client";
import { AppError, notFound, ruleViolation } from "../lib/errors";

type PromiseRow = Tables["promises"]["$inferSelect"];

export async function listPromises({ db }: { db: Db }): Promise<PromiseSummary[]> {
  const { areas, promises } = db.$tables;
  const rows = await db
    .select({ promise: promises, area: areas.name })
    .from(promises)
    .innerJoin(areas, eq(areas.id, promises.areaId))
    .orderBy(asc(promises.startDate), asc(promises.id));
  return rows.map(({ promise, area }) => toSummary(promise, area));
}

export async function getPromise({ db, id }: { db: Db; id: number }): Promise<PromiseDetail> {
  const { areas, commitmentOrganisations, commitments, organisations, promises, themes } = db.$tables;
  const [row] = await db
    .select({ promise: promises, area: areas })
    .from(promises)
    .innerJoin(areas, eq(areas.id, promises.areaId))
    .where(eq(promises.id, id));
  if (!row) throw notFound("Medborgarlöftet");
  const [parent] = row.area.parentId
    ? await db.select({ name: areas.name }).from(areas).where(eq(areas.id, row.area.parentId))
    : [];
  const themeRows = await db
    .select()
    .from(themes)
    .where(eq(themes.promiseId, id))
    .orderBy(asc(themes.position), asc(themes.id));
  const themeName = new Map(themeRows.map((t) => [t.id, t.name]));
  const commitmentRows = await db
    .select()
    .from(commitments)
    .where(eq(commitments.promiseId, id))
    .orderBy(asc(commitments.position), asc(commitments.id));
  const orgRows = commitmentRows.length
    ? await db
        .select({ commitmentId: commitmentOrganisations.commitmentId, name: organisations.name })
        .from(commitmentOrganisations)
        .innerJoin(organisations, eq(organisations.id, commitmentOrganisations.organisationId))
        .where(
          inArray(
            commitmentOrganisations.commitmentId,
            commitmentRows.map((c) => c.id),
          ),
        )
        .orderBy(asc(organisations.name))
    : [];
  return {
    ...toSummary(row.promise, row.area.name),
    areaParent: parent?.name ?? null,
    summary: row.promise.summary,
    contact: row.promise.contact,
    themes: themeRows.map((t) => t.name),
    commitments: commitmentRows.map((c) => ({
      id: c.id,
      promiseId: c.promiseId,
      title: c.title,
      description: c.description,
      theme: c.themeId ? (themeName.get(c.themeId) ?? null) : null,
      activityType: c.activityType,
      unit: c.unit,
      target: c.target,
      cadence: c.cadence,
      organisations: orgRows.filter((o) => o.commitmentId === c.id).map((o) => o.name),
    })),
  };
}

/** SPEC §4 POST /api/promises: the promise and all its commitments, or nothing. */
export async function createPromise({ db, input }: { db: Db; input: CreatePromise }): Promise<PromiseDetail> {
  const { commitmentOrganisations, commitments, promises, themes } = db.$tables;
  const violations = await promiseRuleViolations(db, input);
  if (violations.length) throw ruleViolation(violations);

  const slug = input.slug ?? slugify(input.title);
  const [taken] = await db.select({ id: promises.id }).from(promises).where(eq(promises.slug, slug));
  if (taken) {
    throw new AppError(409, "slug_taken", `Det finns redan ett medborgarlöfte med adressen "${slug}".`, [
      { path: "slug", code: "slug_taken", message: `Slug "${slug}" används redan. Välj en annan.` },
    ]);
  }

  const areaId = await ensureArea(db, input.area, input.areaParent);
  const [promise] = await db
    .insert(promises)
    .values({
      slug,
      title: input.title,
      areaId,
      startDate: input.startDate,
      endDate: input.endDate,
      summary: input.summary,
      contact: input.contact,
      status: input.status,
      isExample: input.example,
    })
    .returning({ id: promises.id });
  if (!promise) throw new Error("the promise was not stored");

  // A commitment's theme joins the promise's themes even if the caller forgot to list it.
  const themeNames = [...new Set([...input.themes, ...input.commitments.flatMap((c) => (c.theme ? [c.theme] : []))])];
  const themeIds = new Map<string, number>();
  for (const [position, name] of themeNames.entries()) {
    const [theme] = await db.insert(themes).values({ promiseId: promise.id, name, position }).returning();
    if (!theme) throw new Error("the theme was not stored");
    themeIds.set(name, theme.id);
  }

  for (const [position, c] of input.commitments.entries()) {
    const [commitment] = await db
      .insert(commitments)
      .values({
        promiseId: promise.id,
        position,
        title: c.title,
        description: c.description,
        themeId: c.theme ? themeIds.get(c.theme) : null,
        activityType: c.activityType,
        unit: c.unit ?? "tillfällen",
        target: c.target,
        cadence: c.cadence,
      })
      .returning({ id: commitments.id });
    if (!commitment) throw new Error("the commitment was not stored");
    for (const name of new Set(c.organisations)) {
      await db
        .insert(commitmentOrganisations)
        .values({ commitmentId: commitment.id, organisationId: await ensureOrganisation(db, name) });
    }
  }

  return await getPromise({ db, id: promise.id });
}

async function promiseRuleViolations(db: Db, input: CreatePromise): Promise<RuleViolation[]> {
  const { activityTypes } = db.$tables;
  const violations: RuleViolation[] = [];
  if (input.endDate < input.startDate) {
    violations.push({
      path: "endDate",
      code: "invalid_period",
      message: `Slutdatumet ${input.endDate} ligger före startdatumet ${input.startDate}.`,
    });
  }
  const knownTypes = new Set((await db.select({ code: activityTypes.code }).from(activityTypes)).map((t) => t.code));
  input.commitments.forEach((c, i) => {
    if (!knownTypes.has(c.activityType)) {
      violations.push({
        path: `commitments.${i}.activityType`,
        code: "unknown_activity_type",
        message: `Aktivitetstypen "${c.activityType}" finns inte. Välj en av: ${[...knownTypes].join(", ")}.`,
      });
    }
  });
  violations.push(
    ...personalDataViolations([
      ["title", input.title],
      ["summary", input.summary],
      ["contact", input.contact],
      ...input.commitments.flatMap((c, i) => [
        [`commitments.${i}.title`, c.title] as const,
        [`commitments.${i}.description`, c.description] as const,
      ]),
    ]),
  );
  return violations;
}

export async function ensureArea(db: Db, name: string, parentName?: string | null): Promise<number> {
  const { areas } = db.$tables;
  const parentId = parentName ? await ensureArea(db, parentName) : null;
  const [existing] = await db.select().from(areas).where(eq(areas.name, name));
  if (existing) {
    if (parentId && !existing.parentId) await db.update(areas).set({ parentId }).where(eq(areas.id, existing.id));
    return existing.id;
  }
  const [created] = await db.insert(areas).values({ name, parentId }).returning({ id: areas.id });
  if (!created) throw new Error("the area was not stored");
  return created.id;
}

export async function ensureOrganisation(db: Db, name: string): Promise<number> {
  const { organisations } = db.$tables;
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  if (existing) return existing.id;
  const [created] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
  if (!created) throw new Error("the organisation was not stored");
  return created.id;
}

/** "Medborgarlöfte Nordost 2023–2024" → "medborgarlofte-nordost-2023-2024". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
  return slug || "medborgarlofte";
}

function toSummary(promise: PromiseRow, area: string): PromiseSummary {
  return {
    id: promise.id,
    slug: promise.slug,
    title: promise.title,
    area,
    startDate: promise.startDate,
    endDate: promise.endDate,
    status: promise.status,
    example: promise.isExample,
  };
}
