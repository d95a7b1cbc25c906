import {
  CreatePromiseSchema,
  PromiseDetailSchema,
  PromiseIdParamsSchema,
  PromiseProgressSchema,
  PromiseExportSchema,
  PromiseSummarySchema,
  ProgressQuerySchema,
  RenewPromiseSchema,
  ReorderCommitmentsSchema,
  CommitmentSchema,
  CreateCommitmentSchema,
  UpdatePromiseSchema,
} from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { getPromiseProgress } from "../../services/progress";
import { addCommitment, reorderCommitments } from "../../services/commitments";
import { createPromise, exportPromise, getPromise, listPromises, renewPromise, updatePromise } from "../../services/promises";

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
        ...errorsFor(400, 401, 403, 409, 422),
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
        ...errorsFor(400, 404),
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
        ...errorsFor(400, 404),
      },
    }),
    async (c) => {
      const asOf = c.req.valid("query").asOf ?? todayInStockholm(c.get("now")());
      const progress = await getPromiseProgress({ db: c.get("store").db, promiseId: c.req.valid("param").id, asOf });
      return c.json(progress, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/promises/{id}",
      tags: ["Promises"],
      summary: "Change a promise (issue 7)",
      description:
        "Any of title, area, areaParent, startDate, endDate, summary, contact, status, themes; the slug never changes. A period that would leave logged activities outside it is refused (422, naming the date and how many activities); a theme a commitment uses cannot be removed (422). Audited. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema, ...jsonBody(UpdatePromiseSchema) },
      responses: {
        200: json(PromiseDetailSchema, "The promise as GET /api/promises/:id returns it"),
        ...errorsFor(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => updatePromise({ db, id, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/promises/{id}/renew",
      tags: ["Promises"],
      summary: "Renew a promise for a new period (issue 7, Förnya löftet)",
      description:
        "A new draft promise with `predecessorId`, its commitments copied (organisations, themes, targets, cadences, units, descriptions, positions) without activities. The years in the title follow the new period, else \" (förnyat)\" is added; the slug is new and unique. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema, ...jsonBody(RenewPromiseSchema) },
      responses: {
        201: json(PromiseDetailSchema, "The new draft promise"),
        ...errorsFor(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const period = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => renewPromise({ db, id, period })), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/promises/{id}/commitments",
      tags: ["Promises"],
      summary: "Add a commitment to a promise (issue 7)",
      description:
        "One item of POST /api/promises' `commitments`, placed last. An unknown activity type or an archived organisation is refused at its field (422). Audited. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema, ...jsonBody(CreateCommitmentSchema) },
      responses: {
        201: json(CommitmentSchema, "The new commitment as GET /api/promises/:id lists it"),
        ...errorsFor(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const promiseId = c.req.valid("param").id;
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => addCommitment({ db, promiseId, input })), 201);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/promises/{id}/commitment-order",
      tags: ["Promises"],
      summary: "Put a promise's commitments in a new order (issue 7)",
      description: "`commitmentIds` names every commitment of the promise exactly once; the dashboard, the public page and the export follow the order. Audited. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: PromiseIdParamsSchema, ...jsonBody(ReorderCommitmentsSchema) },
      responses: {
        200: json(PromiseDetailSchema, "The promise as GET /api/promises/:id returns it"),
        ...errorsFor(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const promiseId = c.req.valid("param").id;
      const { commitmentIds } = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => reorderCommitments({ db, promiseId, commitmentIds })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/promises/{id}/export",
      tags: ["Promises"],
      summary: "A promise in the body format of POST /api/promises (issue 7)",
      description: "What a data/promises file holds, without its seed-only fields: import it elsewhere with POST /api/promises (change the slug if it is taken).",
      request: { params: PromiseIdParamsSchema },
      responses: {
        200: json(PromiseExportSchema, "The promise as a POST /api/promises body"),
        ...errorsFor(400, 401, 404),
      },
    }),
    async (c) => c.json(await exportPromise({ db: c.get("store").db, id: c.req.valid("param").id }), 200),
  );
