import {
  type ActivityType,
  BUILT_IN_ACTIVITY_TYPE_CODES,
  type CreateActivityType,
  type PatchActivityType,
} from "@lofteskollen/contracts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError, notFound } from "../lib/errors";

/**
 * The activity types list (issue 7): add, rename, archive, and merge a duplicate into another.
 * The code is a stable key (CSV imports, promise files, scripts name it): a rename changes the
 * label only. Every change is in the audit trail (the table's triggers).
 */

const CODE_MAX = 50;
const builtIn = (code: string) => (BUILT_IN_ACTIVITY_TYPE_CODES as readonly string[]).includes(code);
// Case ignored, accents not: "möte" and "Möte" are the same label, "mote" is not.
const sameLabel = (a: string, b: string) => a.localeCompare(b, "sv", { sensitivity: "accent" }) === 0;
const nowIso = () => new Date().toISOString();

/**
 * A code made from a label: lower case a–z, 0–9 and _ ("Trygghetsvandring, höst" →
 * "trygghetsvandring_host"). å and ä become a, ö becomes o, other accents are dropped.
 */
export function activityTypeCodeFrom(label: string): string {
  return label
    .toLowerCase()
    .normalize("NFD") // å → a + ring, é → e + accent: the marks are removed below
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, CODE_MAX)
    .replace(/^_+|_+$/g, "");
}

// The counts are correlated subqueries naming the outer table itself (activity_types.code):
// drizzle writes a column of a one-table query unqualified, which inside the subquery could mean
// the subquery's own table.
export async function listActivityTypes({ db }: { db: Db }): Promise<ActivityType[]> {
  const { activityTypes } = db.$tables;
  const rows = await db
    .select({
      code: activityTypes.code,
      label: activityTypes.label,
      archivedAt: activityTypes.archivedAt,
      commitments: sql<number>`(SELECT count(*) FROM commitments c WHERE c.activity_type = activity_types.code)`.mapWith(Number),
      activities: sql<number>`(SELECT count(*) FROM activities a JOIN commitments c ON c.id = a.commitment_id WHERE c.activity_type = activity_types.code)`.mapWith(
        Number,
      ),
    })
    .from(activityTypes);
  // Sorted here, not in SQL: Swedish order on both engines (å ä ö last, case ignored).
  return rows
    .sort((a, b) => a.label.localeCompare(b.label, "sv"))
    .map((row) => ({ ...row, archived: row.archivedAt !== null, builtIn: builtIn(row.code) }));
}

async function typeOrThrow(db: Db, code: string, field?: string) {
  const { activityTypes } = db.$tables;
  const [row] = await db.select().from(activityTypes).where(eq(activityTypes.code, code));
  if (!row) throw notFound("Aktivitetstypen", field);
  return row;
}

async function typeByCode(db: Db, code: string): Promise<ActivityType> {
  const found = (await listActivityTypes({ db })).find((type) => type.code === code);
  if (!found) throw notFound("Aktivitetstypen");
  return found;
}

async function allTypes(db: Db) {
  const { activityTypes } = db.$tables;
  return await db.select({ code: activityTypes.code, label: activityTypes.label }).from(activityTypes);
}

function labelTaken(existing: { code: string; label: string }) {
  const message = `Det finns redan en aktivitetstyp som heter "${existing.label}" (kod ${existing.code}). Slå ihop dem i stället?`;
  return new AppError(409, "label_taken", message, [{ path: "label", code: "label_taken", message }]);
}

function codeTaken(existing: { code: string; label: string }) {
  const message = `Koden ${existing.code} har redan typen "${existing.label}". Välj en annan kod, eller slå ihop typerna.`;
  return new AppError(409, "code_taken", message, [{ path: "code", code: "code_taken", message }]);
}

const badInto = (code: string, message: string) =>
  new AppError(400, "invalid_input", message, [{ path: "into", code, message }]);

export async function createActivityType({ db, input }: { db: Db; input: CreateActivityType }): Promise<ActivityType> {
  const { activityTypes } = db.$tables;
  const existing = await allTypes(db);
  const sameName = existing.find((type) => sameLabel(type.label, input.label));
  if (sameName) throw labelTaken(sameName);
  const codes = new Set(existing.map((type) => type.code));
  let code: string;
  if (input.code !== undefined) {
    const taken = existing.find((type) => type.code === input.code);
    if (taken) throw codeTaken(taken);
    code = input.code;
  } else {
    const base = activityTypeCodeFrom(input.label);
    if (!base) {
      const message = "Namnet har inga bokstäver a–z eller siffror att göra en kod av: ange en kod, t.ex. trygghetsvandring.";
      throw new AppError(400, "invalid_input", message, [{ path: "code", code: "code_missing", message }]);
    }
    // Another label may give the same code ("Möte" and "Mote"): the made code then gets a number.
    code = base;
    for (let n = 2; codes.has(code); n += 1) code = `${base.slice(0, CODE_MAX - String(n).length - 1)}_${n}`;
  }
  await db.insert(activityTypes).values({ code, label: input.label });
  return await typeByCode(db, code);
}

export async function patchActivityType({ db, code, input }: { db: Db; code: string; input: PatchActivityType }): Promise<ActivityType> {
  const { activityTypes } = db.$tables;
  const current = await typeOrThrow(db, code);
  if (input.label !== undefined) {
    const taken = (await allTypes(db)).find((type) => type.code !== code && sameLabel(type.label, input.label ?? ""));
    if (taken) throw labelTaken(taken);
  }
  const set: { label?: string; archivedAt?: string | null } = {};
  if (input.label !== undefined && input.label !== current.label) set.label = input.label;
  if (input.archived !== undefined && input.archived !== (current.archivedAt !== null)) set.archivedAt = input.archived ? nowIso() : null;
  if (Object.keys(set).length) await db.update(activityTypes).set(set).where(eq(activityTypes.code, code));
  return await typeByCode(db, code);
}

/**
 * Merges type `code` into `into`: every commitment of `code` gets `into` (its activities follow
 * their commitment), then `code` is deleted — or, for a type that always exists
 * (BUILT_IN_ACTIVITY_TYPE_CODES), archived, so that a file naming its code still means something.
 * Only commitments refer to an activity type (commitments.activity_type).
 */
export async function mergeActivityType({ db, code, into }: { db: Db; code: string; into: string }): Promise<ActivityType> {
  const { activityTypes, commitments } = db.$tables;
  if (code === into) throw badInto("same_record", "En typ kan inte slås ihop med sig själv: välj en annan.");
  const merged = await typeOrThrow(db, code);
  const target = await typeOrThrow(db, into, "into");
  if (target.archivedAt !== null) {
    throw badInto("archived", `"${target.label}" är arkiverad: välj en aktiv typ, eller ta fram den ur arkivet först.`);
  }
  await db.update(commitments).set({ activityType: into }).where(eq(commitments.activityType, code));
  if (!builtIn(code)) await db.delete(activityTypes).where(eq(activityTypes.code, code));
  else if (merged.archivedAt === null) await db.update(activityTypes).set({ archivedAt: nowIso() }).where(eq(activityTypes.code, code));
  return await typeByCode(db, into);
}
