import type { Area, CreateArea, CreateOrganisation, Organisation, PatchArea, PatchOrganisation } from "@lofteskollen/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError, notFound } from "../lib/errors";

// The counts are correlated subqueries naming the outer table itself (organisations.id): drizzle
// writes a column of a one-table query unqualified ("id"), which inside the subquery would mean
// the subquery's own table.

/**
 * The reference lists (issue 7, part 3): organisations and areas. Add, rename, archive, and merge
 * a duplicate into another: everything that refers to it moves in the same write, then the
 * duplicate is deleted. Every change is in the audit trail (the tables' triggers).
 */

const sameName = (a: string, b: string) => a.localeCompare(b, "sv", { sensitivity: "accent" }) === 0;
const bySwedishName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "sv");
const nowIso = () => new Date().toISOString();

function nameTaken(what: string, name: string, existing: { id: number; name: string }) {
  return new AppError(409, "name_taken", `Det finns redan ${what} som heter "${existing.name}". Slå ihop dem i stället?`, [
    { path: "name", code: "name_taken", message: `Det finns redan ${what} som heter "${existing.name}" (id ${existing.id}). Slå ihop dem i stället?` },
  ]);
}

const sameRecord = () =>
  new AppError(400, "invalid_input", "Välj en annan post att slå ihop med.", [
    { path: "into", code: "same_record", message: "Posten kan inte slås ihop med sig själv: välj en annan." },
  ]);

// ---- Organisations ------------------------------------------------------------------------

export async function listOrganisations({ db }: { db: Db }): Promise<Organisation[]> {
  const { organisations } = db.$tables;
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      archivedAt: organisations.archivedAt,
      commitments: sql<number>`(SELECT count(*) FROM commitment_organisations co WHERE co.organisation_id = organisations.id)`,
      activities: sql<number>`(SELECT count(*) FROM activities a WHERE a.organisation_id = organisations.id)`,
    })
    .from(organisations);
  // Sorted here, not in SQL: Swedish order on both engines (å ä ö last, case ignored).
  return rows.sort(bySwedishName).map(({ archivedAt, ...o }) => ({ ...o, archived: archivedAt !== null, commitments: Number(o.commitments), activities: Number(o.activities) }));
}

async function organisationOrThrow(db: Db, id: number, field?: string) {
  const { organisations } = db.$tables;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw notFound("Aktören", field);
  return row;
}

async function organisationNamed(db: Db, name: string, except?: number) {
  const { organisations } = db.$tables;
  const all = await db.select({ id: organisations.id, name: organisations.name }).from(organisations);
  return all.find((o) => o.id !== except && sameName(o.name, name));
}

async function organisationById(db: Db, id: number): Promise<Organisation> {
  const found = (await listOrganisations({ db })).find((o) => o.id === id);
  if (!found) throw notFound("Aktören");
  return found;
}

export async function createOrganisation({ db, input }: { db: Db; input: CreateOrganisation }): Promise<Organisation> {
  const { organisations } = db.$tables;
  const taken = await organisationNamed(db, input.name);
  if (taken) throw nameTaken("en aktör", input.name, taken);
  const [row] = await db.insert(organisations).values({ name: input.name, kind: input.kind ?? "other" }).returning({ id: organisations.id });
  if (!row) throw new Error("the organisation was not stored");
  return await organisationById(db, row.id);
}

export async function patchOrganisation({ db, id, input }: { db: Db; id: number; input: PatchOrganisation }): Promise<Organisation> {
  const { organisations } = db.$tables;
  const current = await organisationOrThrow(db, id);
  if (input.name !== undefined) {
    const taken = await organisationNamed(db, input.name, id);
    if (taken) throw nameTaken("en aktör", input.name, taken);
  }
  const set: { name?: string; kind?: Organisation["kind"]; archivedAt?: string | null } = {};
  if (input.name !== undefined && input.name !== current.name) set.name = input.name;
  if (input.kind !== undefined && input.kind !== current.kind) set.kind = input.kind;
  if (input.archived !== undefined && input.archived !== (current.archivedAt !== null)) set.archivedAt = input.archived ? nowIso() : null;
  if (Object.keys(set).length) await db.update(organisations).set(set).where(eq(organisations.id, id));
  return await organisationById(db, id);
}

/**
 * Merges organisation `id` into `into`: its commitment links, its users' links and its activities
 * move to `into` (a link `into` already has is removed instead of doubled), then `id` is deleted.
 * Activities only change their organisation, so daily totals and progress stay as they were.
 */
export async function mergeOrganisation({ db, id, into }: { db: Db; id: number; into: number }): Promise<Organisation> {
  const { organisations, commitmentOrganisations: co, userOrganisations: uo, activities } = db.$tables;
  if (id === into) throw sameRecord();
  await organisationOrThrow(db, id);
  await organisationOrThrow(db, into, "into");

  const shared = db.select({ id: co.commitmentId }).from(co).where(eq(co.organisationId, into));
  await db.delete(co).where(and(eq(co.organisationId, id), inArray(co.commitmentId, shared)));
  await db.update(co).set({ organisationId: into }).where(eq(co.organisationId, id));

  const sharedUsers = db.select({ id: uo.userId }).from(uo).where(eq(uo.organisationId, into));
  await db.delete(uo).where(and(eq(uo.organisationId, id), inArray(uo.userId, sharedUsers)));
  await db.update(uo).set({ organisationId: into }).where(eq(uo.organisationId, id));

  await db.update(activities).set({ organisationId: into }).where(eq(activities.organisationId, id));
  await db.delete(organisations).where(eq(organisations.id, id));
  return await organisationById(db, into);
}

// ---- Areas --------------------------------------------------------------------------------

export async function listAreas({ db }: { db: Db }): Promise<Area[]> {
  const { areas } = db.$tables;
  const rows = await db
    .select({
      id: areas.id,
      name: areas.name,
      parentId: areas.parentId,
      archivedAt: areas.archivedAt,
      promises: sql<number>`(SELECT count(*) FROM promises p WHERE p.area_id = areas.id)`,
    })
    .from(areas);
  return rows.sort(bySwedishName).map(({ archivedAt, ...a }) => ({ ...a, archived: archivedAt !== null, promises: Number(a.promises) }));
}

async function areaOrThrow(db: Db, id: number, field?: string) {
  const { areas } = db.$tables;
  const [row] = await db.select().from(areas).where(eq(areas.id, id));
  if (!row) throw notFound("Området", field);
  return row;
}

async function areaNamed(db: Db, name: string, except?: number) {
  const { areas } = db.$tables;
  const all = await db.select({ id: areas.id, name: areas.name }).from(areas);
  return all.find((a) => a.id !== except && sameName(a.name, name));
}

async function areaById(db: Db, id: number): Promise<Area> {
  const found = (await listAreas({ db })).find((a) => a.id === id);
  if (!found) throw notFound("Området");
  return found;
}

export async function createArea({ db, input }: { db: Db; input: CreateArea }): Promise<Area> {
  const { areas } = db.$tables;
  const taken = await areaNamed(db, input.name);
  if (taken) throw nameTaken("ett område", input.name, taken);
  if (input.parentId) await areaOrThrow(db, input.parentId, "parentId");
  const [row] = await db.insert(areas).values({ name: input.name, parentId: input.parentId ?? null }).returning({ id: areas.id });
  if (!row) throw new Error("the area was not stored");
  return await areaById(db, row.id);
}

export async function patchArea({ db, id, input }: { db: Db; id: number; input: PatchArea }): Promise<Area> {
  const { areas } = db.$tables;
  const current = await areaOrThrow(db, id);
  if (input.name !== undefined) {
    const taken = await areaNamed(db, input.name, id);
    if (taken) throw nameTaken("ett område", input.name, taken);
  }
  const set: { name?: string; archivedAt?: string | null } = {};
  if (input.name !== undefined && input.name !== current.name) set.name = input.name;
  if (input.archived !== undefined && input.archived !== (current.archivedAt !== null)) set.archivedAt = input.archived ? nowIso() : null;
  if (Object.keys(set).length) await db.update(areas).set(set).where(eq(areas.id, id));
  return await areaById(db, id);
}

/**
 * Merges area `id` into `into`: its promises and its sub-areas move to `into`, then `id` is
 * deleted. `into` keeps its own parent (unless that was `id`: then it takes `id`'s parent).
 */
export async function mergeArea({ db, id, into }: { db: Db; id: number; into: number }): Promise<Area> {
  const { areas, promises } = db.$tables;
  if (id === into) throw sameRecord();
  const merged = await areaOrThrow(db, id);
  const target = await areaOrThrow(db, into, "into");
  if (target.parentId === id) await db.update(areas).set({ parentId: merged.parentId }).where(eq(areas.id, into));
  await db.update(promises).set({ areaId: into }).where(eq(promises.areaId, id));
  await db.update(areas).set({ parentId: into }).where(eq(areas.parentId, id));
  await db.delete(areas).where(eq(areas.id, id));
  return await areaById(db, into);
}
