import {
  type Activity,
  ActivityBatchResultSchema,
  ActivityCorrectionSchema,
  ActivityIdParamsSchema,
  ActivityPageSchema,
  ActivitySchema,
  CreateActivityBatchSchema,
  CorrectActivitySchema,
  CreateActivitySchema,
  ListActivitiesQuerySchema,
  VoidActivitySchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { correctActivity, createActivity, createActivityBatch, listActivities, voidActivity } from "../../services/activities";
import { withIdempotency } from "../../services/idempotency";
import { authorOf } from "../author";
import { IdempotencyHeadersSchema, replayHeader } from "../idempotency-headers";

export const activityRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/activities",
      tags: ["Activities"],
      summary: "Log one completed activity",
      description: "A coordinator logs only for commitments of their own organisations.",
      middleware: [requirePermission("activity.log")] as const,
      request: { headers: IdempotencyHeadersSchema, ...jsonBody(CreateActivitySchema) },
      responses: {
        201: json(ActivitySchema, "The logged activity (or, for a retried Idempotency-Key, the first result)"),
        ...errorsFor(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const now = c.get("now")();
      const actor = { author: authorOf(c.get("principal")) };
      const result = await c.get("writes").run((db) =>
        withIdempotency(db, key, "POST /api/activities", input, async () => ({
          status: 201,
          body: await createActivity({ db, input, now, actor }),
        })),
      );
      return c.json(result.body as Activity, 201, result.replayed ? replayHeader : {});
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/activities/batch",
      tags: ["Activities"],
      summary: "Log many activities: all rows or none",
      description: "A rejected batch stores nothing and names each bad row (`activities.N.field`) and why.",
      middleware: [requirePermission("activity.log")] as const,
      request: { headers: IdempotencyHeadersSchema, ...jsonBody(CreateActivityBatchSchema) },
      responses: {
        201: json(ActivityBatchResultSchema, "Every row was stored: how many, and their ids in row order"),
        ...errorsFor(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { activities } = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const now = c.get("now")();
      const actor = { author: authorOf(c.get("principal")) };
      const result = await c.get("writes").run((db) =>
        withIdempotency(db, key, "POST /api/activities/batch", activities, async () => {
          const ids = await createActivityBatch({ db, inputs: activities, now, actor });
          return { status: 201, body: { created: ids.length, ids } };
        }),
      );
      return c.json(
        result.body as z.infer<typeof ActivityBatchResultSchema>,
        201,
        result.replayed ? replayHeader : {},
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/activities",
      tags: ["Activities"],
      summary: "Logged activities, newest first, paginated",
      description: "Ordered by the day the activity happened, then by when it was logged. Voided ones are included.",
      request: { query: ListActivitiesQuerySchema },
      responses: {
        200: json(ActivityPageSchema, "One page; pass `nextCursor` as `cursor` for the next"),
        ...errorsFor(400, 404),
      },
    }),
    async (c) => c.json(await listActivities({ db: c.get("store").db, query: c.req.valid("query") }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/activities/{id}/void",
      tags: ["Activities"],
      summary: "Void an activity: it stops counting and stays visible as voided",
      description: "A coordinator voids only activities of their own organisations.",
      middleware: [requirePermission("activity.void")] as const,
      request: { params: ActivityIdParamsSchema, ...jsonBody(VoidActivitySchema) },
      responses: {
        200: json(ActivitySchema, "The voided activity"),
        ...errorsFor(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const now = c.get("now")();
      const actor = { author: authorOf(c.get("principal")) };
      const activity = await c.get("writes").run((db) => voidActivity({ db, id, reason, now, actor }));
      return c.json(activity, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/activities/{id}/correct",
      tags: ["Activities"],
      summary: "Correct an activity: void it and log the corrected one, linked, in one transaction",
      description:
        "Fields left out of `activity` are copied from the original; the commitment stays the same. Needs the right to void the original and to log on its commitment (a coordinator: their own organisations'). A voided activity cannot be corrected (409); a correction that changes nothing is 422. The audit trail holds the void (`activity.void`) and the new activity (`activity.correct`, `after.replacesId`).",
      middleware: [requirePermission("activity.void"), requirePermission("activity.log")] as const,
      request: { params: ActivityIdParamsSchema, ...jsonBody(CorrectActivitySchema) },
      responses: {
        201: json(ActivityCorrectionSchema, "The voided original and its correction"),
        ...errorsFor(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const now = c.get("now")();
      const actor = { author: authorOf(c.get("principal")) };
      const correction = await c.get("writes").run((db) => correctActivity({ db, id, input, now, actor }));
      return c.json(correction, 201);
    },
  );
