import type { CreateUpdate, Update } from "@lofteskollen/contracts";
import { personalDataViolations } from "@lofteskollen/domain";
import { asc, desc, eq } from "drizzle-orm";
import type { Db, Tables } from "../db/client";
import { notFound, ruleViolation } from "../lib/errors";
import { type Author, assertMay, responsibleOrganisations } from "./access";

type UpdateRow = Tables["updates"]["$inferSelect"];

const toUpdate = (row: UpdateRow): Update => ({
  id: row.id,
  commitmentId: row.commitmentId,
  date: row.date,
  text: row.text,
  public: row.isPublic,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

async function assertCommitmentExists(db: Db, commitmentId: number): Promise<void> {
  const { commitments } = db.$tables;
  const [found] = await db.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, commitmentId));
  if (!found) throw notFound("Åtagandet");
}

/** Writes a lägesrapport on a commitment. Run inside a write transaction. */
export async function createUpdate({
  db,
  commitmentId,
  input,
  author,
  now,
}: {
  db: Db;
  commitmentId: number;
  input: CreateUpdate;
  author: Author;
  now: Date;
}): Promise<Update> {
  const { updates } = db.$tables;
  await assertCommitmentExists(db, commitmentId);
  assertMay(author, "update.write", { type: "commitment", id: commitmentId, organisations: await responsibleOrganisations(db, commitmentId) });
  const violations = personalDataViolations([["text", input.text]]);
  if (violations.length) throw ruleViolation(violations);
  const [row] = await db
    .insert(updates)
    .values({
      commitmentId,
      date: input.date,
      text: input.text,
      isPublic: input.public,
      createdBy: author.name,
      createdByUserId: author.kind === "user" ? author.id : null,
      createdAt: now.toISOString(),
    })
    .returning();
  if (!row) throw new Error("the update was not stored");
  return toUpdate(row);
}

/** A commitment's updates, newest date first. */
export async function listUpdates({ db, commitmentId }: { db: Db; commitmentId: number }): Promise<Update[]> {
  const { updates } = db.$tables;
  await assertCommitmentExists(db, commitmentId);
  const rows = await db.select().from(updates).where(eq(updates.commitmentId, commitmentId)).orderBy(desc(updates.date), asc(updates.id));
  return rows.map(toUpdate);
}
