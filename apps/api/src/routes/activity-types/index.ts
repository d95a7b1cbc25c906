import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, json } from "../../lib/openapi";
import { listActivityTypes } from "../../services/reference-data";

const ActivityTypeSchema = z.object({ code: z.string(), label: z.string() }).meta({ id: "ActivityType" });

export const activityTypeRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/activity-types",
    tags: ["Reference data"],
    summary: "Activity types (code and Swedish label)",
    responses: { 200: json(z.array(ActivityTypeSchema), "All activity types") },
  }),
  async (c) => c.json(await listActivityTypes({ db: c.get("store").db }), 200),
);
