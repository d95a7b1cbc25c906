import { unauthenticated } from "../lib/errors";
import type { Principal } from "../security/principal";
import type { Author } from "../services/access";

/** The service-layer author of a request's writes: the signed-in user. */
export function authorOf(principal: Principal | null): Author {
  if (!principal) throw unauthenticated();
  return { kind: "user", id: principal.id, name: principal.name, role: principal.role, organisations: principal.organisations };
}
