import { CommitmentIdParamsSchema, CreateUpdateSchema, UpdateSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { createUpdate, listUpdates } from "../../services/updates";
import { authorOf } from "../author";

export const updateRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/commitments/{id}/updates",
      tags: ["Updates"],
      summary: "A commitment's lägesrapporter, newest first",
      request: { params: CommitmentIdParamsSchema },
      responses: { 200: json(z.array(UpdateSchema), "Updates"), ...errorsFor(400, 401, 404) },
    }),
    async (c) => c.json(await listUpdates({ db: c.get("store").db, commitmentId: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/commitments/{id}/updates",
      tags: ["Updates"],
      summary: "Write a lägesrapport on a commitment (a coordinator: only for their own organisations)",
      middleware: [requirePermission("update.write")] as const,
      request: { params: CommitmentIdParamsSchema, ...jsonBody(CreateUpdateSchema) },
      responses: {
        201: json(UpdateSchema, "The update"),
        ...errorsFor(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const commitmentId = c.req.valid("param").id;
      const input = c.req.valid("json");
      const author = authorOf(c.get("principal"));
      const now = c.get("now")();
      const update = await c.get("writes").run((db) => createUpdate({ db, commitmentId, input, author, now }));
      return c.json(update, 201);
    },
  );
