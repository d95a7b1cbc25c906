import type { MiddlewareHandler } from "hono";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The pages a city's own web site may put in an iframe (the public embed widget). */
export const isEmbedPath = (path: string) => /^\/p\/[^/]+\/embed\/?$/.test(path);

const contentSecurityPolicy = (frameAncestors: string) =>
  [
    // Strict: the web app is built by Vite into files served from here; no inline scripts, no eval.
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

const common: [string, string][] = [
  ["Strict-Transport-Security", `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
];

const everywhere: [string, string][] = [
  ...common,
  ["Content-Security-Policy", contentSecurityPolicy("'none'")],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
];

const embeddable: [string, string][] = [
  ...common,
  ["Content-Security-Policy", contentSecurityPolicy("*")],
  ["Cross-Origin-Resource-Policy", "cross-origin"],
];

/**
 * Security headers on every response (ASVS 5.0 V3.4): HSTS for a year, a CSP without inline
 * script and with `object-src 'none'`, `base-uri 'none'`, no framing, `nosniff`. Only the
 * public embed route may be framed, by any site.
 *
 * Set before the handler runs, as Hono then puts them on whatever response the handler builds.
 * Hono's `secureHeaders` sets them afterwards on `c.res`, which makes @hono/node-server turn its
 * light response into a full web Response on every request (measured: a sixth of write
 * throughput, docs/benchmarks.md).
 */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  for (const [name, value] of isEmbedPath(c.req.path) ? embeddable : everywhere) c.header(name, value);
  await next();
};
