import {
  CreatePromiseSchema,
  PromiseDetailSchema,
  PromiseIdParamsSchema,
  PromiseProgressSchema,
  PromiseSummarySchema,
  ProgressQuerySchema,
} from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorResponses, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { getPromiseProgress } from "../../services/progress";
import { createPromise, getPromise, listPromises } from "../../services/promises";

export const promiseRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/promises",
      tags: ["Promises"],
      summary: "All promises",
      responses: { 200: json(z.array(PromiseSummarySchema), "Promises, oldest period first") },
    }),
    async (c) => c.json(await listPromises({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/promises",
      tags: ["Promises"],
      summary: "Create a promise with its commitments",
      description: "Unknown organisation and area names are created. All or nothing. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: jsonBody(CreatePromiseSchema),
      responses: {
        201: json(PromiseDetailSchema, "The created promise, commitments with their ids"),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponses[409],
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const promise = await c.get("writes").run((db) => createPromise({ db, input }));
      return c.json(promise, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/promises/{id}",
      tags: ["Promises"],
      summary: "A promise with its commitments",
      request: { params: PromiseIdParamsSchema },
      responses: {
        200: json(PromiseDetailSchema, "The promise"),
        400: errorResponses[400],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await getPromise({ db: c.get("store").db, id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/promises/{id}/progress",
      tags: ["Progress"],
      summary: "Progress of every commitment as of a date",
      description: "SPEC §3. `asOf` defaults to today in Europe/Stockholm.",
      request: { params: PromiseIdParamsSchema, query: ProgressQuerySchema },
      responses: {
        200: json(PromiseProgressSchema, "Progress per commitment and window"),
        400: errorResponses[400],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const asOf = c.req.valid("query").asOf ?? todayInStockholm(c.get("now")());
      const progress = await getPromiseProgress({ db: c.get("store").db, promiseId: c.req.valid("param").id, asOf });
      return c.json(progress, 200);
    },
  );
