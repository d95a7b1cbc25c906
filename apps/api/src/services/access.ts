import { can, type Grantee, type Permission } from "@lofteskollen/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { ForbiddenError } from "../lib/errors";

const DENIED: Record<Permission, string> = {
  "activity.log": "Din roll kan inte registrera aktiviteter.",
  "activity.void": "Din roll kan inte makulera registreringar.",
  "update.write": "Din roll kan inte skriva lägesrapporter.",
  "promise.write": "Bara chefer och administratörer kan lägga upp och ändra medborgarlöften.",
  "term.write": "Bara administratörer kan ändra terminskalendern.",
  "user.manage": "Bara administratörer kan hantera användare.",
  "audit.read": "Bara administratörer kan läsa händelseloggen.",
};

/** Why a role may not do `permission`, in words a coordinator understands. */
export const deniedMessage = (permission: Permission) => DENIED[permission];

/** Who acts, for services: a signed-in user, or the system itself (seed, command line). */
export type Author = { kind: "system"; name: string } | ({ kind: "user" } & Grantee & { id: number; name: string });

export async function responsibleOrganisations(db: Db, commitmentId: number): Promise<string[]> {
  const { commitmentOrganisations, organisations } = db.$tables;
  const rows = await db
    .select({ name: organisations.name })
    .from(commitmentOrganisations)
    .innerJoin(organisations, eq(organisations.id, commitmentOrganisations.organisationId))
    .where(eq(commitmentOrganisations.commitmentId, commitmentId));
  return rows.map((o) => o.name);
}

/**
 * Refuses (403) a user who may not do `permission` on a record that `recordOrganisations`
 * are responsible for: a coordinator outside their own organisations.
 */
export function assertMay(
  author: Author,
  permission: Permission,
  record: { type: string; id: number | string; organisations: readonly string[]; field?: string },
): void {
  if (author.kind === "system" || can(author, permission, record.organisations)) return;
  const message = can(author, permission)
    ? `Du registrerar för ${author.organisations.join(", ")}, men det här hör till ${record.organisations.join(", ") || "ingen aktör"}.`
    : deniedMessage(permission);
  throw new ForbiddenError(
    message,
    { permission, recordType: record.type, recordId: record.id },
    record.field ? [{ path: record.field, code: "forbidden", message }] : undefined,
  );
}
