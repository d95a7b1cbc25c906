import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { errorBody } from "../lib/openapi";
import { auditContextOf, type Principal } from "../security/principal";
import { clearSessionCookie, readSessionCookie } from "../security/session-cookie";
import { resolveApiToken, touchApiToken } from "../services/api-tokens";
import { endSession, resolveSession, touchSession } from "../services/sessions";


/** What anonymous visitors may reach (issue 3): health, sign-in and the public endpoints. */
export function isAnonymousAllowed(method: string, path: string): boolean {
  if (path === "/api/health") return method === "GET" || method === "HEAD";
  if (path === "/api/auth/sign-in") return method === "POST";
  return path.startsWith("/api/public/");
}

/**
 * Finds who a request acts for: `Authorization: Bearer <token>` (scripts) or the session
 * cookie (the web app). A bad bearer token is a 401 at once; a session that ended is treated
 * as signed out, its cookie cleared. Then refuses anonymous requests outside the open paths.
 */
export const authenticate = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  // c.get, not c.var: Hono builds a fresh object of every variable on each c.var access.
  const store = c.get("store");
  const now = c.get("now");
  const auth = c.get("auth");
  const at = now();
  let principal: Principal | null = null;
  let sessionEnded = false;

  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const resolved = match?.[1] ? await resolveApiToken({ db: store.db, token: match[1], now: at }) : null;
    if (!resolved) {
      return c.json(
        errorBody("invalid_token", "API-nyckeln är ogiltig, återkallad eller hör till en avstängd användare. Skicka den som Authorization: Bearer <nyckel>."),
        401,
        { "WWW-Authenticate": 'Bearer realm="lofteskollen", error="invalid_token"' },
      );
    }
    principal = { ...resolved.user, via: { kind: "token", tokenId: resolved.tokenId } };
    if (resolved.needsTouch) await c.get("queue").run((db) => touchApiToken(db, resolved.tokenId, at), null);
  } else {
    const token = readSessionCookie(c);
    if (token) {
      const session = await resolveSession({ db: store.db, token, now: at, timeouts: auth.timeouts });
      if (session.status === "active") {
        principal = { ...session.user, via: { kind: "session", sessionHash: session.tokenHash } };
        if (session.needsTouch) await c.get("queue").run((db) => touchSession(db, session.tokenHash, at), null);
      } else {
        sessionEnded = true;
        clearSessionCookie(c);
        if (session.status === "expired") await c.get("queue").run((db) => endSession(db, session.tokenHash), null);
      }
    }
  }

  c.set("principal", principal);
  // Each write is stamped when it is queued, by the server's clock.
  const auditContext = () => auditContextOf(principal, now(), c.get("address"));
  c.set("auditContext", auditContext);
  c.set("writes", { run: (work) => c.get("queue").run(work, auditContext()) });

  if (!principal && !isAnonymousAllowed(c.req.method, c.req.path)) {
    return sessionEnded
      ? c.json(errorBody("session_expired", "Du har loggats ut eftersom sessionen tog slut. Logga in igen."), 401)
      : c.json(errorBody("unauthenticated", "Du är inte inloggad. Logga in, eller skicka en API-nyckel som Authorization: Bearer <nyckel>."), 401);
  }
  return next();
};
