import { can, type Permission } from "@lofteskollen/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { ForbiddenError, unauthenticated } from "../lib/errors";
import { deniedMessage } from "../services/access";


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
    if (!can(principal, permission)) throw new ForbiddenError(deniedMessage(permission), { permission });
    await next();
  };
