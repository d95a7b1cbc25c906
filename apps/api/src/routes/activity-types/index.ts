import {
  ActivityTypeCodeParamsSchema,
  ActivityTypeSchema,
  CreateActivityTypeSchema,
  MergeActivityTypeSchema,
  PatchActivityTypeSchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { createActivityType, listActivityTypes, mergeActivityType, patchActivityType } from "../../services/activity-types";


/** The activity types (issue 7): everyone signed in reads them; managers and admins change them (`promise.write`). */
export const activityTypeRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/activity-types",
      tags: ["Reference data"],
      summary: "Activity types (code and Swedish label), archived ones too, with how many commitments and activities have each",
      description: "An archived type (`archived`, `archivedAt`) is kept by the commitments that have it but is not for new commitments.",
      responses: { 200: json(z.array(ActivityTypeSchema), "All activity types, by label") },
    }),
    async (c) => c.json(await listActivityTypes({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/activity-types",
      tags: ["Reference data"],
      summary: "Add an activity type",
      description:
        "Without `code` one is made from the label (a–z, 0–9, _; å ä → a, ö → o; a number is added when another label made it already). 409 `label_taken` or `code_taken`: merge them instead. Audited.",
      middleware: [requirePermission("promise.write")] as const,
      request: jsonBody(CreateActivityTypeSchema),
      responses: { 201: json(ActivityTypeSchema, "The new activity type"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => createActivityType({ db, input })), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/activity-types/{code}",
      tags: ["Reference data"],
      summary: "Rename, archive or unarchive an activity type",
      description: "A rename changes the label only: the code stays (400 if `code` is sent). 409 `label_taken` when another type has the label. Audited.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ActivityTypeCodeParamsSchema, ...jsonBody(PatchActivityTypeSchema) },
      responses: { 200: json(ActivityTypeSchema, "The activity type"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => patchActivityType({ db, code, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/activity-types/{code}/merge",
      tags: ["Reference data"],
      summary: "Merge a duplicate activity type into another",
      description:
        "Every commitment of `code` gets the type `into` (their activities follow them), then `code` is deleted — a type that always exists is archived instead — in one write. `into` must not be archived. Audited. Returns `into` with its new counts.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ActivityTypeCodeParamsSchema, ...jsonBody(MergeActivityTypeSchema) },
      responses: { 200: json(ActivityTypeSchema, "The activity type merged into"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const { into } = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => mergeActivityType({ db, code, into })), 200);
    },
  );
