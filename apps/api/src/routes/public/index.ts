import {
  CreateSnapshotSchema,
  DataDictionarySchema,
  IdSchema,
  PromiseDetailSchema,
  PromiseIdParamsSchema,
  ProgressQuerySchema,
  PublicProgressSchema,
  PublicPromiseSchema,
  SetUpdatePublicSchema,
  SnapshotSchema,
  UpdateSchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { csvContent, csvResponse } from "../../lib/csv";
import { createRouter, errorResponses, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import {
  createSnapshot,
  dataDictionary,
  getPublicProgress,
  getPublicSnapshot,
  listPublicPromises,
  publicDataFilename,
  publicProgressCsv,
  publishPromise,
  setUpdatePublic,
} from "../../services/public";

const SlugParamsSchema = z.object({
  slug: z.string().meta({ description: "A published promise's slug", example: "medborgarlofte-nordost-2023-2024" }),
});
const SnapshotSlugParamsSchema = z.object({
  slug: z.string().meta({ description: "A snapshot's slug (10 random characters)", example: "k3v9q2mxa7" }),
});
const UpdateIdParamsSchema = z.object({ id: IdSchema });

const PUBLIC_404 = {
  ...errorResponses[404],
  description: "No published promise has this slug: a draft, an archived and an unknown slug get the same answer",
};
const ASOF_400 = {
  ...errorResponses[400],
  description: "`asOf` is not a date, or is after today in Europe/Stockholm (`issues` names `asOf`)",
};
const ASOF_DESCRIPTION =
  "`asOf` (YYYY-MM-DD) is the date the figures are from: today in Europe/Stockholm by default; any earlier date, not a later one.";

/**
 * Issue 6, SPEC §4 "Public": what anybody may read without signing in (authenticate lets
 * anonymous requests through under /api/public/). Published promises only, aggregates only.
 */
export const publicRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/public/promises",
      tags: ["Public"],
      security: [],
      summary: "The published promises (no login)",
      description: "Newest period first, then by title. Drafts and archived promises are never listed.",
      responses: { 200: json(z.array(PublicPromiseSchema), "Published promises") },
    }),
    async (c) => c.json(await listPublicPromises({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/public/promises/{slug}/progress",
      tags: ["Public"],
      security: [],
      summary: "A published promise's progress as of a date (no login)",
      description: `The figures of GET /api/promises/:id/progress (SPEC §3) with the promise's public facts, each commitment's description, theme, responsible organisations (by name) and public lägesrapporter dated up to asOf. No notes, places, people or activity rows. ${ASOF_DESCRIPTION}`,
      request: { params: SlugParamsSchema, query: ProgressQuerySchema },
      responses: { 200: json(PublicProgressSchema, "The public progress"), 400: ASOF_400, 404: PUBLIC_404 },
    }),
    async (c) => {
      const { slug } = c.req.valid("param");
      const progress = await getPublicProgress({ db: c.get("store").db, slug, asOf: c.req.valid("query").asOf, now: c.get("now")() });
      return c.json(progress, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/public/promises/{slug}/data.csv",
      tags: ["Public"],
      security: [],
      summary: "Open data: a published promise's figures as CSV (CC0)",
      description: `One row per commitment and window: promise, commitment, theme, unit, cadence, window, target, actual, expected to date, status (code and Swedish word), organisations. Numbers unrounded, as in the JSON. Columns described in GET /api/public/data-dictionary. ${ASOF_DESCRIPTION}`,
      request: { params: SlugParamsSchema, query: ProgressQuerySchema },
      responses: { 200: csvContent("`<slug>-siffror-<asOf>.csv`, as an attachment"), 400: ASOF_400, 404: PUBLIC_404 },
    }),
    async (c) => {
      const { slug } = c.req.valid("param");
      return csvResponse(c, await publicProgressCsv({ db: c.get("store").db, slug, asOf: c.req.valid("query").asOf, now: c.get("now")() }));
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/public/promises/{slug}/data.json",
      tags: ["Public"],
      security: [],
      summary: "Open data: a published promise's figures as a JSON download (CC0)",
      description: `The same object as GET /api/public/promises/:slug/progress, offered as the file \`<slug>-siffror-<asOf>.json\`. Fields described in GET /api/public/data-dictionary. ${ASOF_DESCRIPTION}`,
      request: { params: SlugParamsSchema, query: ProgressQuerySchema },
      responses: { 200: json(PublicProgressSchema, "The public progress, as an attachment"), 400: ASOF_400, 404: PUBLIC_404 },
    }),
    async (c) => {
      const { slug } = c.req.valid("param");
      const progress = await getPublicProgress({ db: c.get("store").db, slug, asOf: c.req.valid("query").asOf, now: c.get("now")() });
      const filename = publicDataFilename(progress, "json").replace(/[^A-Za-z0-9._-]+/g, "-");
      return c.json(progress, 200, { "Content-Disposition": `attachment; filename="${filename}"` });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/public/data-dictionary",
      tags: ["Public"],
      security: [],
      summary: "Open data: what every CSV column and JSON field means, and the licence",
      responses: { 200: json(DataDictionarySchema, "The data dictionary, in Swedish") },
    }),
    (c) => c.json(dataDictionary(), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/public/snapshots/{slug}",
      tags: ["Public"],
      security: [],
      summary: "A snapshot for a medborgardialog: figures frozen as of a date (no login)",
      description:
        "The public progress as it was when the snapshot was made (POST /api/promises/:id/snapshots), with `snapshot` set: the same figures forever, whatever is logged, voided or corrected later. A snapshot stays readable if its promise is later unpublished or archived: it records what was shown at a public meeting, and its address was handed out there. 404 for an unknown slug.",
      request: { params: SnapshotSlugParamsSchema },
      responses: { 200: json(PublicProgressSchema, "The frozen figures"), ...errorsFor(404) },
    }),
    async (c) => c.json(await getPublicSnapshot({ db: c.get("store").db, slug: c.req.valid("param").slug }), 200),
  );

/** Managing what is public (issue 6, item 8): managers and admins. Every change is audited by the tables' triggers. */
export const publishingRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/promises/{id}/snapshots",
      tags: ["Publishing"],
      summary: "Freeze a published promise's public figures as of a date, for a medborgardialog",
      description:
        "Stores the public progress as of `asOf` under `title` and a new random slug; GET /api/public/snapshots/:slug and the page `url` show exactly those figures ever after. 422 when the promise is not published, or `asOf` is in the future or before the promise's start. Managers and admins; audited as `promise.snapshot.create`.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema, ...jsonBody(CreateSnapshotSchema) },
      responses: {
        201: json(SnapshotSchema, "The snapshot and its address"),
        ...errorsFor(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const promiseId = c.req.valid("param").id;
      const input = c.req.valid("json");
      const userId = c.get("principal")?.id ?? null;
      const now = c.get("now")();
      const snapshot = await c.get("writes").run((db) => createSnapshot({ db, promiseId, input, now, userId }));
      return c.json(snapshot, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/promises/{id}/publish",
      tags: ["Publishing"],
      summary: "Publish a promise: its figures become public at /p/:slug and /api/public/…",
      description: "Status `published` (from draft or archived). Managers and admins; audited as `promise.update`.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema },
      responses: {
        200: json(PromiseDetailSchema, "The promise, as GET /api/promises/:id"),
        ...errorsFor(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const promiseId = c.req.valid("param").id;
      const promise = await c.get("writes").run((db) => publishPromise({ db, promiseId, publish: true }));
      return c.json(promise, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/promises/{id}/unpublish",
      tags: ["Publishing"],
      summary: "Unpublish a promise: its public page and data answer 404 again",
      description:
        "A published promise becomes a draft; a draft or archived one is left as it is. Snapshots already made stay readable. Managers and admins; audited as `promise.update`.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema },
      responses: {
        200: json(PromiseDetailSchema, "The promise, as GET /api/promises/:id"),
        ...errorsFor(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const promiseId = c.req.valid("param").id;
      const promise = await c.get("writes").run((db) => publishPromise({ db, promiseId, publish: false }));
      return c.json(promise, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/updates/{id}",
      tags: ["Publishing"],
      summary: "Mark a lägesrapport public or internal",
      description: "A public update is shown on the promise's public page (if the promise is published). Managers and admins; audited as `update.update`.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: UpdateIdParamsSchema, ...jsonBody(SetUpdatePublicSchema) },
      responses: {
        200: json(UpdateSchema, "The update"),
        ...errorsFor(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const updateId = c.req.valid("param").id;
      const { public: isPublic } = c.req.valid("json");
      const update = await c.get("writes").run((db) => setUpdatePublic({ db, updateId, public: isPublic }));
      return c.json(update, 200);
    },
  );
