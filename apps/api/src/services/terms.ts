import type { PutTerms, TermEntry } from "@lofteskollen/contracts";
import { and, asc, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * SPEC §3's default term calendar (the rule data/term-calendar.json holds): vårtermin
 * 1 January – 15 June, hösttermin 15 August – 31 December. Shown for a year nobody entered.
 */
const DEFAULT_TERMS = [
  { name: "vt", start: "01-01", end: "06-15" },
  { name: "ht", start: "08-15", end: "12-31" },
] as const;

const defaultTerms = (year: number): TermEntry[] =>
  DEFAULT_TERMS.map((t) => ({
    id: null,
    name: `${t.name} ${year}`,
    startDate: `${year}-${t.start}`,
    endDate: `${year}-${t.end}`,
    default: true,
  }));

const yearRange = (year: number) => [`${String(year).padStart(4, "0")}-01-01`, `${String(year).padStart(4, "0")}-12-31`] as const;

/** GET /api/terms?year=: the stored terms that start in `year`, or the default rule (id null, default true). Without a year: every stored term. */
export async function listTerms({ db, year }: { db: Db; year?: number }): Promise<TermEntry[]> {
  const { terms } = db.$tables;
  const query = db.select().from(terms);
  const rows =
    year === undefined
      ? await query.orderBy(asc(terms.startDate))
      : await query.where(and(gte(terms.startDate, yearRange(year)[0]), lte(terms.startDate, yearRange(year)[1]))).orderBy(asc(terms.startDate));
  if (year !== undefined && rows.length === 0) return defaultTerms(year);
  return rows.map((t) => ({ id: t.id, name: t.name, startDate: t.startDate, endDate: t.endDate, default: false }));
}

/**
 * PUT /api/terms (issue 7): the given terms replace every stored term of the years they cover
 * (the year in each name). Rows that keep their name are updated, the others deleted or
 * inserted: each change is in the audit trail (terms' triggers). The progress of `term`
 * commitments follows, since it reads the calendar at every request.
 */
export async function replaceTerms({ db, input }: { db: Db; input: PutTerms }): Promise<TermEntry[]> {
  const { terms } = db.$tables;
  const years = [...new Set(input.terms.map((t) => Number(t.name.slice(3))))].sort((a, b) => a - b);
  for (const year of years) {
    const [from, to] = yearRange(year);
    const stored = await db.select().from(terms).where(and(gte(terms.startDate, from), lte(terms.startDate, to)));
    const wanted = input.terms.filter((t) => Number(t.name.slice(3)) === year);
    const gone = stored.filter((s) => !wanted.some((w) => w.name === s.name)).map((s) => s.id);
    if (gone.length) await db.delete(terms).where(inArray(terms.id, gone));
    // Terms are unique by name: a stored term of another year with this name is replaced too.
    const named = await db.select().from(terms).where(inArray(terms.name, wanted.map((w) => w.name)));
    for (const term of wanted) {
      const existing = named.find((s) => s.name === term.name);
      if (!existing) await db.insert(terms).values(term);
      else if (existing.startDate !== term.startDate || existing.endDate !== term.endDate) {
        await db.update(terms).set({ startDate: term.startDate, endDate: term.endDate }).where(inArray(terms.id, [existing.id]));
      }
    }
  }
  const result: TermEntry[] = [];
  for (const year of years) result.push(...(await listTerms({ db, year })));
  return result;
}
