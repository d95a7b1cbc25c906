import { HealthSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../../lib/openapi";
import { checkHealth } from "../../services/health";

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["System"],
    summary: "Health: the API, its database and the migration it is on (no sign-in)",
    description:
      "For load balancers and monitoring. 200 when the database answers; 503 with `status: \"unavailable\"` when it does not. `database.migration` compares the newest migration applied to the database with the newest this version ships.",
    security: [],
    responses: {
      200: json(HealthSchema, "The API and its database answer"),
      503: json(HealthSchema, "The database does not answer"),
    },
  }),
  async (c) => {
    const health = await checkHealth({ store: c.get("store") });
    return health.status === "ok" ? c.json(health, 200) : c.json(health, 503);
  },
);
