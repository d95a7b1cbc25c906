import { PutTermsSchema, TermSchema, TermsQuerySchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { listTerms, replaceTerms } from "../../services/terms";

/** The term calendar (SPEC §3, issue 7): every signed-in role reads it, admins edit it. */
export const termRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/terms",
      tags: ["Terms"],
      summary: "The terms of a year",
      description:
        "The stored terms that start in `year`, oldest first. For a year nobody entered, SPEC §3's default rule (vt 1 January – 15 June, ht 15 August – 31 December) as entries with `id: null` and `default: true`. Without `year`: every stored term.",
      request: { query: TermsQuerySchema },
      responses: {
        200: json(z.array(TermSchema), "Terms"),
        ...errorsFor(400, 401),
      },
    }),
    async (c) => c.json(await listTerms({ db: c.get("store").db, year: c.req.valid("query").year }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/terms",
      tags: ["Terms"],
      summary: "Replace the terms of the years given (admins)",
      description:
        "Every stored term of each year the body covers (the year in a term's name, \"vt 2025\") is replaced by the body's terms of that year; other years stay. Each term lies within its year, ends on or after its start, and no two overlap. Audited. The progress of `term` commitments follows.",
      middleware: [requirePermission("term.write")] as const,
      request: jsonBody(PutTermsSchema),
      responses: {
        200: json(z.array(TermSchema), "The terms of the years covered, as stored"),
        ...errorsFor(400, 401, 403),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => replaceTerms({ db, input })), 200);
    },
  );
