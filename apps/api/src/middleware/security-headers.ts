import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The pages a city's own web site may put in an iframe (the public embed widget). */
export const isEmbedPath = (path: string) => /^\/p\/[^/]+\/embed\/?$/.test(path);

const policy = (frameAncestors: string[]) =>
  secureHeaders({
    // Strict: the web app is built by Vite into files served from here; no inline scripts, no eval.
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      workerSrc: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors,
    },
    strictTransportSecurity: `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`,
    xContentTypeOptions: "nosniff",
    xFrameOptions: frameAncestors.includes("'none'") ? "DENY" : false,
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: frameAncestors.includes("'none'") ? "same-origin" : "cross-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });

const everywhere = policy(["'none'"]);
const embeddable = policy(["*"]);

/**
 * Security headers on every response (ASVS 5.0 V3.4): HSTS for a year, a CSP without inline
 * script and with `object-src 'none'`, `base-uri 'none'`, no framing, `nosniff`. Only the
 * public embed route may be framed, by any site.
 */
export const securityHeaders = (): MiddlewareHandler => (c, next) =>
  isEmbedPath(c.req.path) ? embeddable(c, next) : everywhere(c, next);
