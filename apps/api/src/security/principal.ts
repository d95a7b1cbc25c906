import type { CurrentUser } from "@lofteskollen/contracts";
import type { Grantee } from "@lofteskollen/domain";
import type { AuditContext } from "../db/audit-context";

/** The signed-in user a request acts for, and how it proved it. */
export type Principal = CurrentUser &
  Grantee & {
    via: { kind: "session"; sessionHash: string } | { kind: "token"; tokenId: number };
  };

export function actorOf(principal: Principal | null): string {
  if (!principal) return "anonymous";
  return principal.via.kind === "token" ? `user:${principal.id}/token:${principal.via.tokenId}` : `user:${principal.id}`;
}

export function auditContextOf(principal: Principal | null, at: Date, address: string | null): AuditContext {
  return { at: at.toISOString(), userId: principal?.id ?? null, actor: actorOf(principal), address };
}
