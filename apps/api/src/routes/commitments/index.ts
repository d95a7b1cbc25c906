import {
  ActivitiesCsvQuerySchema,
  CommitmentIdParamsSchema,
  OrganisationBreakdownQuerySchema,
  OrganisationBreakdownSchema,
  CommitmentSchema,
  UpdateCommitmentSchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { csvContent, csvResponse } from "../../lib/csv";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { getOrganisationBreakdown, removeCommitment, updateCommitment } from "../../services/commitments";
import { commitmentActivitiesCsv } from "../../services/csv-exports";

/** Reports on one commitment for the manager dashboard: every signed-in role may read them. */
export const commitmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/commitments/{id}/organisations",
      tags: ["Commitments"],
      summary: "What each organisation did for a commitment",
      description:
        "Non-voided activities with a local date from `from` to `to` (both inclusive; default: the promise period) summed per organisation, largest quantity first, then by name; `organisation` null for activities logged without one.",
      request: { params: CommitmentIdParamsSchema, query: OrganisationBreakdownQuerySchema },
      responses: {
        200: json(OrganisationBreakdownSchema, "Quantity and number of activities per organisation"),
        ...errorsFor(400, 401, 404),
      },
    }),
    async (c) =>
      c.json(
        await getOrganisationBreakdown({ db: c.get("store").db, commitmentId: c.req.valid("param").id, query: c.req.valid("query") }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/commitments/{id}/activities.csv",
      tags: ["Commitments"],
      summary: "Every activity of a commitment as a spreadsheet (CSV for Excel in Swedish)",
      description:
        "Newest first, voided ones included and marked (Makulerad, Makulerad av, Anledning); `from`/`to` limit the local dates (both inclusive).",
      request: { params: CommitmentIdParamsSchema, query: ActivitiesCsvQuerySchema },
      responses: {
        200: csvContent("`<slug>-atagande-<id>-aktiviteter.csv`, as an attachment"),
        ...errorsFor(400, 401, 404),
      },
    }),
    async (c) =>
      csvResponse(
        c,
        await commitmentActivitiesCsv({ db: c.get("store").db, commitmentId: c.req.valid("param").id, query: c.req.valid("query") }),
      ),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/commitments/{id}",
      tags: ["Commitments"],
      summary: "Change a commitment (issue 7)",
      description:
        "Any of title, description, theme, activityType, unit, target (null: no numeric goal), cadence, organisations (names; unknown ones are created). A new target or cadence of a commitment that has activities needs `confirm: true`, else 409 `confirmation_required` saying how many activities are affected; the progress is recomputed. Audited. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: CommitmentIdParamsSchema, ...jsonBody(UpdateCommitmentSchema) },
      responses: {
        200: json(CommitmentSchema, "The commitment as GET /api/promises/:id lists it"),
        ...errorsFor(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => updateCommitment({ db, id, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/commitments/{id}",
      tags: ["Commitments"],
      summary: "Remove a commitment nothing was recorded against (issue 7)",
      description:
        "Only a commitment without activities (voided ones count) and without updates may be removed; otherwise 409 `commitment_in_use`, so the history stays. A promise keeps at least one commitment (409 `last_commitment`). Audited. Managers and admins.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: CommitmentIdParamsSchema },
      responses: {
        204: { description: "Removed" },
        ...errorsFor(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      await c.get("writes").run((db) => removeCommitment({ db, id }));
      return c.body(null, 204);
    },
  );
