import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { AppDeps, AppEnv } from "./app-env";
import type { Store } from "./db/client";
import { AppError, ForbiddenError } from "./lib/errors";
import { type Logger, silentLogger } from "./lib/logger";
import { errorBody } from "./lib/openapi";
import { authenticate } from "./middleware/authenticate";
import { requestLog } from "./middleware/request-log";
import { sameOriginWrites } from "./middleware/same-origin";
import { securityHeaders } from "./middleware/security-headers";
import { createPublicPages } from "./public-pages";
import { activityRoutes } from "./routes/activities";
import { activityTypeRoutes } from "./routes/activity-types";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { commitmentRoutes } from "./routes/commitments";
import { healthRoutes } from "./routes/health";
import { importRoutes } from "./routes/imports";
import { progressRoutes } from "./routes/progress";
import { promiseRoutes } from "./routes/promises";
import { publicRoutes, publishingRoutes } from "./routes/public";
import { referenceRoutes } from "./routes/reference";
import { termRoutes } from "./routes/terms";
import { tokenRoutes } from "./routes/tokens";
import { updateRoutes } from "./routes/updates";
import { userRoutes } from "./routes/users";
import { clientAddress } from "./security/client-address";
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from "./security/sign-in-limiter";
import { appendAuditEvent } from "./services/audit";
import { API_VERSION } from "./services/health";
import type { SessionTimeouts } from "./services/sessions";
import { createWriteQueue, type WriteQueue } from "./services/write-queue";

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 2 * 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };

export type AppOptions = {
  store: Store;
  now?: () => Date;
  /** Folder of the built web app; omitted in API tests. */
  webDist?: string;
  sessionTimeouts?: SessionTimeouts;
  signInLimits?: SignInLimits;
  /** Behind a reverse proxy: believe X-Forwarded-For and X-Forwarded-Host. */
  trustProxy?: boolean;
  /** One line per request and unexpected errors; default silent (tests, benchmarks). */
  logger?: Logger;
  /** The write queue on `store`; the server passes its own so that shutdown can drain it. */
  queue?: WriteQueue;
  /** The address people reach the app at (PUBLIC_BASE_URL): the public pages' QR codes and printouts point there. */
  publicBaseUrl?: string | null;
};

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const MAX_BODY_BYTES = 8 * 1024 * 1024; // a batch of 10 000 rows with notes fits
/** Spreadsheet uploads carry a file: their routes set a larger limit of their own (routes/imports). */
const OWN_BODY_LIMIT = new Set(["/api/imports", "/api/imports/preview"]);


export function createApp({
  store,
  now = () => new Date(),
  webDist,
  sessionTimeouts = DEFAULT_SESSION_TIMEOUTS,
  signInLimits = DEFAULT_SIGN_IN_LIMITS,
  trustProxy = false,
  logger = silentLogger(),
  queue = createWriteQueue(store),
  publicBaseUrl = null,
}: AppOptions) {
  const deps: AppDeps = {
    store,
    queue,
    now,
    auth: { timeouts: sessionTimeouts, limiter: createSignInLimiter(signInLimits), trustProxy },
  };

  const defaultBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody("payload_too_large", "För mycket data i en begäran (högst 8 MB). Dela upp importen."), 413),
  });
  const api = new OpenAPIHono<AppEnv>();
  api
    .use(async (c, next) => {
      c.set("store", deps.store);
      c.set("queue", deps.queue);
      c.set("now", deps.now);
      c.set("auth", deps.auth);
      c.set("address", clientAddress(c, trustProxy));
      // Answers about people and their work are not for shared caches or the back button of a
      // shared computer. Set before the handler runs: touching c.res afterwards would make
      // @hono/node-server build a full web Response for every request (measured: -15 % writes).
      c.header("Cache-Control", "no-store");
      await next();
    })
    .use(sameOriginWrites({ trustProxy }))
    .use(async (c, next) => (OWN_BODY_LIMIT.has(c.req.path) ? next() : defaultBodyLimit(c, next)))
    .use(async (c, next) => {
      // Every write takes JSON: say so plainly instead of failing on missing fields.
      const hasBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("transfer-encoding") !== undefined;
      if ((c.req.method === "POST" || c.req.method === "PUT" || c.req.method === "PATCH") && (hasBody || c.req.header("content-type"))) {
        const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
        if (!JSON_MEDIA_TYPE.test(mediaType)) {
          return c.json(
            errorBody("unsupported_content_type", "Skicka data som JSON med Content-Type: application/json."),
            400,
          );
        }
      }
      await next();
    })
    .use(authenticate());
  const routes = api
    .route("/", healthRoutes)
    .route("/", authRoutes)
    .route("/", userRoutes)
    .route("/", tokenRoutes)
    .route("/", auditRoutes)
    .route("/", promiseRoutes)
    .route("/", progressRoutes)
    .route("/", commitmentRoutes)
    .route("/", activityRoutes)
    .route("/", importRoutes)
    .route("/", updateRoutes)
    .route("/", activityTypeRoutes)
    .route("/", termRoutes)
    .route("/", referenceRoutes)
    .route("/", publicRoutes)
    .route("/", publishingRoutes);

  api.openAPIRegistry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "An API token (`pnpm cli token:create` or POST /api/tokens): `Authorization: Bearer lk_…`",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "__Host-lk_session",
    description: "The web app's session, set by POST /api/auth/sign-in",
  });
  api.doc31("/openapi.json", {
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    openapi: "3.1.0",
    info: {
      title: "Löfteskollen API",
      version: API_VERSION,
      description:
        "Uppföljning av medborgarlöften: log activities against the numeric goals of each promise and read progress (SPEC §3–4). Errors: `{error: {code, message, issues?}}`.",
    },
  });

  api.onError(async (err, c) => {
    if (err instanceof ForbiddenError) {
      // The refused write rolled back; the denial itself is recorded in a transaction of its own.
      const { permission, recordType, recordId } = err.denial;
      await deps.queue.run(
        (db) =>
          appendAuditEvent(db, c.get("auditContext")(), {
            action: "auth.denied",
            recordType: recordType ?? null,
            recordId: recordId ?? null,
            after: { method: c.req.method, path: c.req.path, permission },
          }),
        null,
      );
    }
    if (err instanceof AppError) return c.json(err.toBody(), err.httpStatus);
    if (err instanceof HTTPException && err.status === 400) {
      return c.json(errorBody("invalid_json", "Begäran innehåller ingen giltig JSON. Kontrollera kommatecken, citattecken och klamrar."), 400);
    }
    if (err instanceof HTTPException) return err.getResponse();
    logger.error(
      { requestId: c.get("requestId"), method: c.req.method, path: c.req.path, err: { type: err.name, message: err.message, stack: err.stack } },
      "unexpected error",
    );
    return c.json(errorBody("internal_error", "Något gick fel på servern. Ingenting sparades; försök igen."), 500);
  });

  const app = new OpenAPIHono();
  app.use(requestLog(logger));
  app.use(securityHeaders());
  app.route("/api", routes);
  // The public pages (server-rendered, no login) before the web app's catch-all.
  app.route("/", createPublicPages({ store, now, publicBaseUrl, trustProxy }));
  app.notFound((c) =>
    c.json(errorBody("not_found", `Det finns ingen sådan adress: ${c.req.method} ${c.req.path}`), 404),
  );

  if (webDist && existsSync(join(webDist, "index.html"))) {
    const indexHtml = readFileSync(join(webDist, "index.html"), "utf8");
    const isApi = (path: string) => path === "/api" || path.startsWith("/api/");
    const assets = serveStatic({ root: webDist });
    app.use("/*", (c, next) => (isApi(c.req.path) ? next() : assets(c, next)));
    // Client-side routes: every other GET gets the app shell (but an unknown API path stays a JSON 404).
    app.get("*", (c, next) => (isApi(c.req.path) ? next() : c.html(indexHtml)));
  }

  return app;
}

export type AppType = ReturnType<typeof createApp>;
