import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { AppDeps, AppEnv } from "./app-env";
import type { Store } from "./db/client";
import { AppError } from "./lib/errors";
import { activityRoutes } from "./routes/activities";
import { activityTypeRoutes } from "./routes/activity-types";
import { healthRoutes } from "./routes/health";
import { promiseRoutes } from "./routes/promises";
import { createWriteQueue } from "./services/write-queue";

export type AppOptions = {
  store: Store;
  now?: () => Date;
  /** Folder of the built web app; omitted in API tests. */
  webDist?: string;
};

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const MAX_BODY_BYTES = 8 * 1024 * 1024; // a batch of 10 000 rows with notes fits

const errorBody = (code: string, message: string) => ({ error: { code, message } });

export function createApp({ store, now = () => new Date(), webDist }: AppOptions) {
  const deps: AppDeps = { store, writes: createWriteQueue(store), now };

  const api = new OpenAPIHono<AppEnv>();
  api
    .use(async (c, next) => {
      c.set("store", deps.store);
      c.set("writes", deps.writes);
      c.set("now", deps.now);
      await next();
    })
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => c.json(errorBody("payload_too_large", "För mycket data i en begäran (högst 8 MB). Dela upp importen."), 413),
      }),
    )
    .use(async (c, next) => {
      // Every write takes JSON: say so plainly instead of failing on missing fields.
      if (c.req.method === "POST") {
        const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
        if (!JSON_MEDIA_TYPE.test(mediaType)) {
          return c.json(
            errorBody("unsupported_content_type", "Skicka data som JSON med Content-Type: application/json."),
            400,
          );
        }
      }
      await next();
    });
  const routes = api
    .route("/", healthRoutes)
    .route("/", promiseRoutes)
    .route("/", activityRoutes)
    .route("/", activityTypeRoutes);

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Löfteskollen API",
      version: "0.1.0",
      description:
        "Uppföljning av medborgarlöften: log activities against the numeric goals of each promise and read progress (SPEC §3–4). Errors: `{error: {code, message, issues?}}`.",
    },
  });

  api.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.toBody(), err.httpStatus);
    if (err instanceof HTTPException && err.status === 400) {
      return c.json(errorBody("invalid_json", "Begäran innehåller ingen giltig JSON. Kontrollera kommatecken, citattecken och klamrar."), 400);
    }
    if (err instanceof HTTPException) return err.getResponse();
    console.error("Unexpected error", c.req.method, c.req.path, err);
    return c.json(errorBody("internal_error", "Något gick fel på servern. Ingenting sparades; försök igen."), 500);
  });

  const app = new OpenAPIHono().route("/api", routes);
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
