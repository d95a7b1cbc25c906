import type { CreateUpdate, Update } from "@lofteskollen/contracts";
import { personalDataViolations } from "@lofteskollen/domain";
import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { commitments, updates } from "../db/schema";
import { notFound, ruleViolation } from "../lib/errors";
import { type Author, assertMay, responsibleOrganisations } from "./access";

type UpdateRow = typeof updates.$inferSelect;

const toUpdate = (row: UpdateRow): Update => ({
  id: row.id,
  commitmentId: row.commitmentId,
  date: row.date,
  text: row.text,
  public: row.isPublic,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

function assertCommitmentExists(db: Db, commitmentId: number): void {
  if (!db.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, commitmentId)).get()) {
    throw notFound("Åtagandet");
  }
}

/** Writes a lägesrapport on a commitment. Run inside a write transaction. */
export function createUpdate({
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
}): Update {
  assertCommitmentExists(db, commitmentId);
  assertMay(author, "update.write", { type: "commitment", id: commitmentId, organisations: responsibleOrganisations(db, commitmentId) });
  const violations = personalDataViolations([["text", input.text]]);
  if (violations.length) throw ruleViolation(violations);
  const row = db
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
    .returning()
    .get();
  return toUpdate(row);
}

/** A commitment's updates, newest date first. */
export function listUpdates({ db, commitmentId }: { db: Db; commitmentId: number }): Update[] {
  assertCommitmentExists(db, commitmentId);
  return db
    .select()
    .from(updates)
    .where(eq(updates.commitmentId, commitmentId))
    .orderBy(desc(updates.date), asc(updates.id))
    .all()
    .map(toUpdate);
}
