import type { CreateCommitment, CreatePromise, PromiseDetail, PromiseExport, PromiseSummary, UpdatePromise } from "@lofteskollen/contracts";
import { personalDataViolations, type RuleViolation } from "@lofteskollen/domain";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt } from "drizzle-orm";
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
  const [successor] = await db
    .select({ id: promises.id })
    .from(promises)
    .where(eq(promises.predecessorId, id))
    .orderBy(desc(promises.id))
    .limit(1);
  return {
    ...toSummary(row.promise, row.area.name),
    areaParent: parent?.name ?? null,
    predecessorId: row.promise.predecessorId,
    successorId: successor?.id ?? null,
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
  const { promises, themes } = db.$tables;
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
    await insertCommitment(db, promise.id, position, c, c.theme ? themeIds.get(c.theme) : null);
  }

  return await getPromise({ db, id: promise.id });
}

/** Stores one commitment of a promise at `position`, with its organisations (created when new). */
export async function insertCommitment(db: Db, promiseId: number, position: number, c: CreateCommitment, themeId: number | null | undefined): Promise<number> {
  const { commitmentOrganisations, commitments } = db.$tables;
  const [commitment] = await db
    .insert(commitments)
    .values({
      promiseId,
      position,
      title: c.title,
      description: c.description,
      themeId: themeId ?? null,
      activityType: c.activityType,
      unit: c.unit ?? "tillfällen",
      target: c.target,
      cadence: c.cadence,
    })
    .returning({ id: commitments.id });
  if (!commitment) throw new Error("the commitment was not stored");
  for (const name of new Set(c.organisations)) {
    await db.insert(commitmentOrganisations).values({ commitmentId: commitment.id, organisationId: await ensureOrganisation(db, name) });
  }
  return commitment.id;
}

/** The id of a promise's theme by name, added at the end of its themes when new. */
export async function ensureTheme(db: Db, promiseId: number, name: string): Promise<number> {
  const { themes } = db.$tables;
  const [theme] = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.promiseId, promiseId), eq(themes.name, name)));
  if (theme) return theme.id;
  const [{ n: position } = { n: 0 }] = await db.select({ n: count() }).from(themes).where(eq(themes.promiseId, promiseId));
  const [created] = await db.insert(themes).values({ promiseId, name, position: Number(position) }).returning({ id: themes.id });
  if (!created) throw new Error("the theme was not stored");
  return created.id;
}

/**
 * Archived organisations named for a commitment (issue 7): they are kept for history but take
 * no new commitments, so naming one is refused at its field. `entries`: [path, name].
 */
export async function archivedOrganisationViolations(db: Db, entries: ReadonlyArray<readonly [string, string]>): Promise<RuleViolation[]> {
  const { organisations } = db.$tables;
  const names = [...new Set(entries.map(([, name]) => name))];
  if (!names.length) return [];
  const archived = new Set(
    (
      await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(and(inArray(organisations.name, names), isNotNull(organisations.archivedAt)))
    ).map((o) => o.name),
  );
  return entries
    .filter(([, name]) => archived.has(name))
    .map(([path, name]) => ({
      path,
      code: "organisation_archived",
      message: `Aktören "${name}" är arkiverad. Välj en annan aktör, eller återställ den under Aktörer, områden och aktivitetstyper.`,
    }));
}

/** An archived area takes no new promises (issue 7); its old promises keep it. */
export async function archivedAreaViolations(db: Db, path: string, name: string | undefined): Promise<RuleViolation[]> {
  const { areas } = db.$tables;
  if (!name) return [];
  const [area] = await db
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.name, name), isNotNull(areas.archivedAt)));
  return area
    ? [{ path, code: "area_archived", message: `Området "${name}" är arkiverat. Välj ett annat område, eller återställ det under Aktörer, områden och aktivitetstyper.` }]
    : [];
}

/**
 * Activity type codes that do not exist, or are archived (kept for the commitments that have them,
 * not given to new ones), at their fields. `entries`: [path, code].
 */
export async function activityTypeViolations(db: Db, entries: ReadonlyArray<readonly [string, string]>): Promise<RuleViolation[]> {
  const { activityTypes } = db.$tables;
  if (!entries.length) return [];
  const types = await db.select({ code: activityTypes.code, label: activityTypes.label, archivedAt: activityTypes.archivedAt }).from(activityTypes);
  const byCode = new Map(types.map((t) => [t.code, t]));
  const active = types.filter((t) => t.archivedAt === null).map((t) => t.code);
  return entries.flatMap(([path, code]): RuleViolation[] => {
    const type = byCode.get(code);
    if (!type) {
      return [{ path, code: "unknown_activity_type", message: `Aktivitetstypen "${code}" finns inte. Välj en av: ${active.join(", ")}.` }];
    }
    if (type.archivedAt !== null) {
      return [
        {
          path,
          code: "activity_type_archived",
          message: `Aktivitetstypen "${type.label}" är arkiverad. Välj en annan, eller återställ den under Aktörer, områden och aktivitetstyper.`,
        },
      ];
    }
    return [];
  });
}

async function promiseRuleViolations(db: Db, input: CreatePromise): Promise<RuleViolation[]> {
  const violations: RuleViolation[] = [];
  if (input.endDate < input.startDate) {
    violations.push({
      path: "endDate",
      code: "invalid_period",
      message: `Slutdatumet ${input.endDate} ligger före startdatumet ${input.startDate}.`,
    });
  }
  violations.push(...(await activityTypeViolations(db, input.commitments.map((c, i) => [`commitments.${i}.activityType`, c.activityType] as const))));
  violations.push(...(await archivedAreaViolations(db, "area", input.area)));
  violations.push(
    ...(await archivedOrganisationViolations(
      db,
      input.commitments.flatMap((c, i) => c.organisations.map((name, j) => [`commitments.${i}.organisations.${j}`, name] as const)),
    )),
  );
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

/** GET /api/promises/:id/export: the promise as the body of POST /api/promises (a data/promises file without its seed-only fields). */
export async function exportPromise({ db, id }: { db: Db; id: number }): Promise<PromiseExport> {
  const { promises } = db.$tables;
  const promise = await getPromise({ db, id });
  const [row] = await db.select({ isExample: promises.isExample }).from(promises).where(eq(promises.id, id));
  return {
    title: promise.title,
    slug: promise.slug,
    area: promise.area,
    areaParent: promise.areaParent,
    startDate: promise.startDate,
    endDate: promise.endDate,
    status: promise.status,
    summary: promise.summary,
    contact: promise.contact,
    themes: promise.themes,
    example: Boolean(row?.isExample),
    commitments: promise.commitments.map((c) => ({
      title: c.title,
      description: c.description,
      theme: c.theme,
      activityType: c.activityType,
      unit: c.unit,
      target: c.target,
      cadence: c.cadence,
      organisations: c.organisations,
    })),
  };
}

/** Non-voided activities of a promise's commitments with a local date before `start` or after `end`. */
async function activitiesOutside(db: Db, promiseId: number, start: string, end: string) {
  const { activities, commitments } = db.$tables;
  const count = async (condition: ReturnType<typeof lt>) => {
    const [row] = await db
      .select({ n: countOf() })
      .from(activities)
      .innerJoin(commitments, eq(commitments.id, activities.commitmentId))
      .where(and(eq(commitments.promiseId, promiseId), isNull(activities.voidedAt), condition));
    return Number(row?.n ?? 0);
  };
  return { before: await count(lt(activities.localDate, start)), after: await count(gt(activities.localDate, end)) };
}

const countOf = () => count();

const activitiesWord = (n: number) => (n === 1 ? "1 aktivitet" : `${n} aktiviteter`);

/**
 * PATCH /api/promises/:id (issue 7). The slug never changes. A period that would leave logged
 * activities outside it is refused (422, naming the date and how many activities). Audited by
 * the promises' and themes' triggers.
 */
export async function updatePromise({ db, id, input }: { db: Db; id: number; input: UpdatePromise }): Promise<PromiseDetail> {
  const { commitments, promises, themes } = db.$tables;
  const [current] = await db.select().from(promises).where(eq(promises.id, id));
  if (!current) throw notFound("Medborgarlöftet");

  const startDate = input.startDate ?? current.startDate;
  const endDate = input.endDate ?? current.endDate;
  if (endDate < startDate) {
    const path = input.endDate ? "endDate" : "startDate";
    const message =
      path === "endDate"
        ? `Slutdatumet ligger före startdatumet (${startDate}).`
        : `Startdatumet ligger efter slutdatumet (${endDate}).`;
    throw new AppError(400, "validation_error", message, [{ path, code: "invalid_period", message }]);
  }
  const violations: RuleViolation[] = personalDataViolations([
    ["title", input.title],
    ["summary", input.summary],
    ["contact", input.contact],
  ]);
  if (startDate !== current.startDate || endDate !== current.endDate) {
    const outside = await activitiesOutside(db, id, startDate, endDate);
    if (outside.before) {
      violations.push({
        path: "startDate",
        code: "activities_outside_period",
        message: `${activitiesWord(outside.before)} ligger före det nya startdatumet ${startDate}. Välj ett tidigare startdatum, eller makulera eller flytta aktiviteterna först.`,
      });
    }
    if (outside.after) {
      violations.push({
        path: "endDate",
        code: "activities_outside_period",
        message: `${activitiesWord(outside.after)} ligger efter det nya slutdatumet ${endDate}. Välj ett senare slutdatum, eller makulera eller flytta aktiviteterna först.`,
      });
    }
  }

  if (input.area !== undefined && input.area !== (await areaName(db, current.areaId))) {
    violations.push(...(await archivedAreaViolations(db, "area", input.area)));
  }

  // Themes: the list replaces the promise's themes; a theme a commitment uses cannot go.
  let themeChange: { keep: Map<string, { id: number; position: number }>; remove: number[]; names: string[] } | null = null;
  if (input.themes) {
    const names = [...new Set(input.themes)];
    const existing = await db.select().from(themes).where(eq(themes.promiseId, id));
    const removed = existing.filter((t) => !names.includes(t.name));
    if (removed.length) {
      const used = await db
        .select({ themeId: commitments.themeId, title: commitments.title })
        .from(commitments)
        .where(and(eq(commitments.promiseId, id), inArray(commitments.themeId, removed.map((t) => t.id))));
      for (const theme of removed) {
        const users = used.filter((u) => u.themeId === theme.id);
        if (users.length) {
          violations.push({
            path: "themes",
            code: "theme_in_use",
            message: `Fokusområdet "${theme.name}" används av ${users.length === 1 ? "1 åtagande" : `${users.length} åtaganden`} (${users.map((u) => u.title).join(", ")}). Byt deras fokusområde först.`,
          });
        }
      }
    }
    themeChange = {
      keep: new Map(existing.filter((t) => names.includes(t.name)).map((t) => [t.name, { id: t.id, position: t.position }])),
      remove: removed.map((t) => t.id),
      names,
    };
  }
  if (violations.length) throw ruleViolation(violations);

  const changes: Partial<PromiseRow> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.area !== undefined || input.areaParent) changes.areaId = await ensureArea(db, input.area ?? (await areaName(db, current.areaId)), input.areaParent);
  if (input.startDate !== undefined) changes.startDate = input.startDate;
  if (input.endDate !== undefined) changes.endDate = input.endDate;
  if (input.summary !== undefined) changes.summary = input.summary;
  if (input.contact !== undefined) changes.contact = input.contact;
  if (input.status !== undefined) changes.status = input.status;
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => current[key as keyof PromiseRow] !== value),
  ) as Partial<PromiseRow>;
  if (Object.keys(changed).length) await db.update(promises).set(changed).where(eq(promises.id, id));

  if (themeChange) {
    if (themeChange.remove.length) await db.delete(themes).where(inArray(themes.id, themeChange.remove));
    for (const [position, name] of themeChange.names.entries()) {
      const kept = themeChange.keep.get(name);
      if (kept) {
        if (kept.position !== position) await db.update(themes).set({ position }).where(eq(themes.id, kept.id));
      } else await db.insert(themes).values({ promiseId: id, name, position });
    }
  }
  return await getPromise({ db, id });
}

async function areaName(db: Db, areaId: number): Promise<string> {
  const { areas } = db.$tables;
  const [area] = await db.select({ name: areas.name }).from(areas).where(eq(areas.id, areaId));
  if (!area) throw new Error("the promise's area is missing");
  return area.name;
}

/**
 * "2024–2025" → "2026–2027" when the title holds the old period's years; else the title + " (förnyat)".
 * A one-year period's year is replaced by the new period's year(s).
 */
export function renewedTitle(title: string, old: { startDate: string; endDate: string }, next: { startDate: string; endDate: string }): string {
  const year = (date: string) => date.slice(0, 4);
  const [oldStart, oldEnd, newStart, newEnd] = [year(old.startDate), year(old.endDate), year(next.startDate), year(next.endDate)];
  const newYears = (separator: string) => (newStart === newEnd ? newStart : `${newStart}${separator}${newEnd}`);
  if (oldStart !== oldEnd) {
    const range = new RegExp(`(?<!\\d)${oldStart}(\\s*[–—-]\\s*|/)${oldEnd}(?!\\d)`);
    const match = range.exec(title);
    if (match) return title.replace(range, newYears(match[1] ?? "–"));
  } else {
    const single = new RegExp(`(?<!\\d)${oldStart}(?!\\d)`);
    if (single.test(title)) return title.replace(single, newYears("–"));
  }
  return `${title} (förnyat)`;
}

/**
 * POST /api/promises/:id/renew (issue 7): a draft copy for a new period, linked to its
 * predecessor; commitments (organisations, themes, targets, cadences, units, descriptions,
 * positions) copied, activities and updates not.
 */
export async function renewPromise({ db, id, period }: { db: Db; id: number; period: { startDate: string; endDate: string } }): Promise<PromiseDetail> {
  const { commitmentOrganisations, commitments, promises, themes } = db.$tables;
  const [old] = await db.select().from(promises).where(eq(promises.id, id));
  if (!old) throw notFound("Medborgarlöftet");
  const title = renewedTitle(old.title, old, period);
  const base = slugify(title);
  let slug = base;
  for (let n = 2; (await db.select({ id: promises.id }).from(promises).where(eq(promises.slug, slug))).length; n += 1) {
    slug = `${base.slice(0, 95)}-${n}`;
  }
  const [created] = await db
    .insert(promises)
    .values({
      slug,
      title,
      areaId: old.areaId,
      startDate: period.startDate,
      endDate: period.endDate,
      summary: old.summary,
      contact: old.contact,
      status: "draft",
      isExample: old.isExample,
      predecessorId: old.id,
    })
    .returning({ id: promises.id });
  if (!created) throw new Error("the promise was not stored");

  const themeIds = new Map<number, number>();
  for (const theme of await db.select().from(themes).where(eq(themes.promiseId, id)).orderBy(asc(themes.position), asc(themes.id))) {
    const [copy] = await db.insert(themes).values({ promiseId: created.id, name: theme.name, position: theme.position }).returning({ id: themes.id });
    if (!copy) throw new Error("the theme was not stored");
    themeIds.set(theme.id, copy.id);
  }
  const oldCommitments = await db.select().from(commitments).where(eq(commitments.promiseId, id)).orderBy(asc(commitments.position), asc(commitments.id));
  for (const c of oldCommitments) {
    const [copy] = await db
      .insert(commitments)
      .values({
        promiseId: created.id,
        position: c.position,
        title: c.title,
        description: c.description,
        themeId: c.themeId ? (themeIds.get(c.themeId) ?? null) : null,
        activityType: c.activityType,
        unit: c.unit,
        target: c.target,
        cadence: c.cadence,
      })
      .returning({ id: commitments.id });
    if (!copy) throw new Error("the commitment was not stored");
    const orgs = await db
      .select({ organisationId: commitmentOrganisations.organisationId })
      .from(commitmentOrganisations)
      .where(eq(commitmentOrganisations.commitmentId, c.id))
      .orderBy(asc(commitmentOrganisations.organisationId));
    for (const org of orgs) await db.insert(commitmentOrganisations).values({ commitmentId: copy.id, organisationId: org.organisationId });
  }
  return await getPromise({ db, id: created.id });
}
