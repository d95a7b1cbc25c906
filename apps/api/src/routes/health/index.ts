import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, json } from "../../lib/openapi";

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["System"],
    summary: "Liveness check",
    responses: { 200: json(z.object({ status: z.literal("ok") }), "The API is up") },
  }),
  (c) => c.json({ status: "ok" as const }, 200),
);
