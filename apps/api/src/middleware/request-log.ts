import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import type { Logger } from "../lib/logger";

/** A request id a proxy or client may hand us: 1–200 visible ASCII characters (no spaces, no control characters). */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;
const MAX_LOGGED_PATH = 200;

/**
 * One log line per request: its id, method, path (never the query string), status, duration and
 * the numeric id of the signed-in user. Nothing else of the request: no body, header, cookie,
 * email or name. The id comes from X-Request-Id when that is sane, else a new one, and is sent
 * back in X-Request-Id so a person reporting a problem can quote it.
 */
export const requestLog =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    // Before the handler: setting a header on c.res afterwards makes @hono/node-server build a
    // full web Response for every request (see app.ts).
    c.header("X-Request-Id", requestId);
    await next();
    const response = c.res;
    // A handler that returned a Response of its own (an HTTPException's) did not get the header.
    if (response.headers.get("x-request-id") !== requestId) {
      try {
        response.headers.set("X-Request-Id", requestId);
      } catch {
        // An immutable Response: it goes out without the id, the log line still has it.
      }
    }
    const status = response.status;
    const path = c.req.path.length > MAX_LOGGED_PATH ? `${c.req.path.slice(0, MAX_LOGGED_PATH)}…` : c.req.path;
    const userId = c.get("principal")?.id;
    const line = {
      requestId,
      method: c.req.method,
      path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(userId !== undefined ? { userId } : {}),
    };
    // A load balancer asks for health every few seconds: those lines only at debug level.
    if (status >= 500) logger.error(line, "request");
    else if (path === "/api/health" && status === 200) logger.debug(line, "request");
    else logger.info(line, "request");
  };
