import { can, type Permission } from "@lofteskollen/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { ForbiddenError, unauthenticated } from "../lib/errors";

const DENIED: Record<Permission, string> = {
  "activity.log": "Din roll kan inte registrera aktiviteter.",
  "activity.void": "Din roll kan inte makulera registreringar.",
  "update.write": "Din roll kan inte skriva lägesrapporter.",
  "promise.write": "Bara chefer och administratörer kan lägga upp och ändra medborgarlöften.",
  "term.write": "Bara administratörer kan ändra terminskalendern.",
  "user.manage": "Bara administratörer kan hantera användare.",
  "audit.read": "Bara administratörer kan läsa händelseloggen.",
};

export const deniedMessage = (permission: Permission) => DENIED[permission];

/**
 * Refuses (403, audited by the app's error handler) a user whose role lacks `permission` on
 * every record. Scoped rules (a coordinator's own organisations) are checked by the service,
 * which knows the record.
 */
export const requirePermission =
  (permission: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const principal = c.get("principal");
    if (!principal) throw unauthenticated();
    if (!can(principal, permission)) throw new ForbiddenError(DENIED[permission], { permission });
    await next();
  };
