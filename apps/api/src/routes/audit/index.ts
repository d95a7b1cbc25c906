import { AuditPageSchema, AuditQuerySchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { createRouter, errorsFor, json } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { listAudit } from "../../services/audit";

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["Audit"],
    summary: "The audit trail (admin), newest first",
    description:
      "Every change (with before/after), sign-in, failed sign-in and refusal. Filter by record, user and UTC days; paginate with `cursor`.",
    middleware: [requirePermission("audit.read")] as const,
    request: { query: AuditQuerySchema },
    responses: {
      200: json(AuditPageSchema, "One page; pass `nextCursor` as `cursor` for the next"),
      ...errorsFor(400, 401, 403),
    },
  }),
  async (c) => c.json(await listAudit({ db: c.get("store").db, query: c.req.valid("query") }), 200),
);
