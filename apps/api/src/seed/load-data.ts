import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CreatePromiseSchema } from "@lofteskollen/contracts";
import { type Term, todayInStockholm } from "@lofteskollen/domain";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { systemContext } from "../db/audit-context";
import type { Db, Store } from "../db/client";
import { ORGANISATION_KINDS } from "../db/schema";
import { createActivityBatch } from "../services/activities";
import { createPromise } from "../services/promises";
import { countUsers } from "../services/users";
import { createDemoUsers, type DemoCredentials } from "./demo-users";
import { type DemoProfile, generateDemoActivities } from "./demo-activities";

const ActivityTypesFile = z.array(z.object({ code: z.string().min(1), label: z.string().min(1) }));
const OrganisationsFile = z.array(z.object({ name: z.string().min(1), kind: z.enum(ORGANISATION_KINDS) }));
const TermCalendarFile = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  terms: z.array(
    z.object({ code: z.string(), name: z.string(), start: z.string().regex(/^\d{2}-\d{2}$/), end: z.string().regex(/^\d{2}-\d{2}$/) }),
  ),
});
const DemoProfileSchema = z.object({
  pace: z.number().positive().optional(),
  perYear: z.number().positive().optional(),
  quantityPerLog: z.number().int().positive(),
  logEvery: z.enum(["day", "week"]),
});
/** A promise file: the body of POST /api/promises plus seed-only fields (see data/README.md). */
const PromiseFile = z.looseObject({
  slug: z.string(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  relativePeriod: z.object({ startYearOffset: z.number().int(), years: z.number().int().positive() }).optional(),
  demoPlaces: z.array(z.string()).default([]),
  commitments: z.array(z.looseObject({ demo: DemoProfileSchema.optional() })),
});

export type LoadOptions = {
  store: Store;
  dataDir: string;
  /** Load the promises and their generated demo activities (DEMO=1). */
  demo: boolean;
  now: Date;
  log?: (message: string) => void;
  /**
   * With the demo on and no users yet: create one demo user per role and return their
   * passwords (to print once). Never in production.
   */
  demoUsers?: boolean;
};

export type LoadResult = { demoCredentials: DemoCredentials[] | null };

/** Rows per INSERT of the reference data: well under either engine's limit of bound parameters. */
const ROWS_PER_INSERT = 500;

function chunksOf<T>(rows: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Loads the bundled data into the database. Every step is recorded in `seed_runs` in the same
 * transaction as its rows, so a restart (or a crash half-way) never loads anything twice.
 */
export async function loadData({ store, dataDir, demo, now, log = () => {}, demoUsers = false }: LoadOptions): Promise<LoadResult> {
  const read = (file: string) => JSON.parse(readFileSync(join(dataDir, file), "utf8")) as unknown;
  // Everything the seed writes is in the audit trail, attributed to "seed".
  const once = (name: string, work: (db: Db) => Promise<void>) =>
    store.transaction(systemContext("seed", now), async (db) => {
      const { seedRuns } = db.$tables;
      const [done] = await db.select().from(seedRuns).where(eq(seedRuns.name, name));
      if (done) return false;
      await work(db);
      await db.insert(seedRuns).values({ name });
      return true;
    });

  await once("reference:activity-types", async (db) => {
    const { activityTypes } = db.$tables;
    for (const chunk of chunksOf(ActivityTypesFile.parse(read("activity-types.json")))) {
      if (chunk.length) await db.insert(activityTypes).values(chunk).onConflictDoNothing();
    }
  });
  await once("reference:organisations", async (db) => {
    const { organisations } = db.$tables;
    for (const chunk of chunksOf(OrganisationsFile.parse(read("organisations.json")))) {
      if (chunk.length) await db.insert(organisations).values(chunk).onConflictDoNothing();
    }
  });
  await once("reference:term-calendar", async (db) => {
    const { terms } = db.$tables;
    const calendar = TermCalendarFile.parse(read("term-calendar.json"));
    const rows: { name: string; startDate: string; endDate: string }[] = [];
    for (let year = calendar.fromYear; year <= calendar.toYear; year += 1) {
      for (const term of calendar.terms) {
        rows.push({ name: `${term.name} ${year}`, startDate: `${year}-${term.start}`, endDate: `${year}-${term.end}` });
      }
    }
    for (const chunk of chunksOf(rows)) await db.insert(terms).values(chunk).onConflictDoNothing();
  });
  if (!demo) return { demoCredentials: null };

  const today = todayInStockholm(now);
  // Real promises first (oldest period first), the invented example last.
  const files = readdirSync(join(dataDir, "promises"))
    .filter((f) => f.endsWith(".json"))
    .map((file) => PromiseFile.parse(read(join("promises", file))))
    .sort((a, b) => Number(Boolean(a.relativePeriod)) - Number(Boolean(b.relativePeriod)) || (a.startDate ?? "").localeCompare(b.startDate ?? ""));
  for (const raw of files) {
    const loaded = await once(`promise:${raw.slug}`, async (db) => {
      const { promises, terms } = db.$tables;
      const [existing] = await db.select({ id: promises.id }).from(promises).where(eq(promises.slug, raw.slug));
      if (existing) return; // made by hand: keep it
      // The API's own schema reads the file; it drops the seed-only fields (demo, source, …).
      const input = CreatePromiseSchema.parse({ ...raw, ...periodOf(raw, today) });
      const created = await createPromise({ db, input });
      const termCalendar: Term[] = await db
        .select({ name: terms.name, start: terms.startDate, end: terms.endDate })
        .from(terms)
        .orderBy(asc(terms.startDate));
      for (const [i, commitment] of created.commitments.entries()) {
        const profile = raw.commitments[i]?.demo as DemoProfile | undefined;
        if (!profile) continue;
        const rows = generateDemoActivities({
          commitment: { ...commitment, demo: profile },
          period: { start: created.startDate, end: created.endDate },
          terms: termCalendar,
          until: today,
          places: raw.demoPlaces,
          seed: seedOf(`${raw.slug}#${i}`),
        });
        // One batch (one import, one audit row) per commitment, as before.
        if (rows.length) {
          await createActivityBatch({ db, inputs: rows, now, actor: { author: { kind: "system", name: "demo" }, demo: true } });
        }
      }
    });
    if (loaded) log(`Demodata: laddade ${raw.slug}`);
  }

  let demoCredentials: DemoCredentials[] | null = null;
  if (demoUsers && (await countUsers(store.db)) === 0) {
    await once("demo:users", async (db) => {
      demoCredentials = await createDemoUsers(db);
    });
  }
  return { demoCredentials };
}

/** The example's period follows the calendar: from 1 January of this year (+ offset), whole years. */
function periodOf(raw: z.infer<typeof PromiseFile>, today: string) {
  if (!raw.relativePeriod) return { startDate: raw.startDate, endDate: raw.endDate };
  const startYear = Number(today.slice(0, 4)) + raw.relativePeriod.startYearOffset;
  return { startDate: `${startYear}-01-01`, endDate: `${startYear + raw.relativePeriod.years - 1}-12-31` };
}

/** A stable 32-bit seed from a name, so each commitment's demo rows never change. */
function seedOf(name: string): number {
  return createHash("sha256").update(name).digest().readUInt32BE(0);
}
