import type { MiddlewareHandler } from "hono";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const refusal = {
  error: {
    code: "cross_site_request",
    message: "Begäran kom från en annan webbplats och stoppades. Använd Löfteskollen direkt.",
  },
};

/** The host the client addressed: Host, or X-Forwarded-Host behind a trusted proxy. */
function requestHost(headers: (name: string) => string | undefined, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? headers("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return (forwarded || headers("host"))?.toLowerCase();
}

/**
 * Refuses a state-changing request sent by another site, whatever its content type
 * (ASVS 5.0 V3.5). Hono's `csrf` middleware checks only form content types; a page elsewhere
 * can also send `text/plain` or, with CORS preflight skipped, JSON. Browsers always send Origin
 * on cross-origin POSTs and Sec-Fetch-Site on every request, so:
 * - Origin present: its host must be the host the request was sent to;
 * - no Origin but Sec-Fetch-Site: it must be same-origin (or none: typed by the user);
 * - neither: not a browser (curl, a script with a token): allowed, as no cookie rides along
 *   without the browser.
 */
export const sameOriginWrites = ({ trustProxy }: { trustProxy: boolean }): MiddlewareHandler => async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header("origin");
  const fetchSite = c.req.header("sec-fetch-site");
  let sameOrigin = true;
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    sameOrigin = originHost !== null && originHost === requestHost((name) => c.req.header(name), trustProxy);
  } else if (fetchSite !== undefined) {
    sameOrigin = fetchSite === "same-origin" || fetchSite === "none";
  }
  if (!sameOrigin) return c.json(refusal, 403);
  return next();
};
