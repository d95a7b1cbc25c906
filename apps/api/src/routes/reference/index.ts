import {
  AreaSchema,
  CreateAreaSchema,
  CreateOrganisationSchema,
  MergeSchema,
  OrganisationSchema,
  PatchAreaSchema,
  PatchOrganisationSchema,
  ReferenceIdParamsSchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import {
  createArea,
  createOrganisation,
  listAreas,
  listOrganisations,
  mergeArea,
  mergeOrganisation,
  patchArea,
  patchOrganisation,
} from "../../services/reference-lists";


/** The reference lists (issue 7, part 3): organisations and areas. Managers and admins (`promise.write`). */
export const referenceRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/organisations",
      tags: ["Reference data"],
      summary: "Organisations, with how many commitments and activities refer to each (managers, admins)",
      middleware: [requirePermission("promise.write")] as const,
      responses: { 200: json(z.array(OrganisationSchema), "Organisations by name"), ...errorsFor(401, 403) },
    }),
    async (c) => c.json(await listOrganisations({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations",
      tags: ["Reference data"],
      summary: "Add an organisation",
      middleware: [requirePermission("promise.write")] as const,
      request: jsonBody(CreateOrganisationSchema),
      responses: { 201: json(OrganisationSchema, "The new organisation"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => createOrganisation({ db, input })), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/organisations/{id}",
      tags: ["Reference data"],
      summary: "Rename, change kind, archive or unarchive an organisation",
      description: "409 `name_taken` when another organisation has the name: merge them instead. Audited.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ReferenceIdParamsSchema, ...jsonBody(PatchOrganisationSchema) },
      responses: { 200: json(OrganisationSchema, "The organisation"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => patchOrganisation({ db, id, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/merge",
      tags: ["Reference data"],
      summary: "Merge a duplicate organisation into another",
      description:
        "Every commitment link, activity and user link of `id` moves to `into` (a link `into` already has is dropped), then `id` is deleted, in one write. Audited. Returns `into` with its new counts.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ReferenceIdParamsSchema, ...jsonBody(MergeSchema) },
      responses: { 200: json(OrganisationSchema, "The organisation merged into"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { into } = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => mergeOrganisation({ db, id, into })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/areas",
      tags: ["Reference data"],
      summary: "Areas, with how many promises are set in each (managers, admins)",
      middleware: [requirePermission("promise.write")] as const,
      responses: { 200: json(z.array(AreaSchema), "Areas by name"), ...errorsFor(401, 403) },
    }),
    async (c) => c.json(await listAreas({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/areas",
      tags: ["Reference data"],
      summary: "Add an area",
      middleware: [requirePermission("promise.write")] as const,
      request: jsonBody(CreateAreaSchema),
      responses: { 201: json(AreaSchema, "The new area"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => createArea({ db, input })), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/areas/{id}",
      tags: ["Reference data"],
      summary: "Rename, archive or unarchive an area",
      description: "409 `name_taken` when another area has the name: merge them instead. Audited.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ReferenceIdParamsSchema, ...jsonBody(PatchAreaSchema) },
      responses: { 200: json(AreaSchema, "The area"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => patchArea({ db, id, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/areas/{id}/merge",
      tags: ["Reference data"],
      summary: "Merge a duplicate area into another",
      description:
        "The promises and sub-areas of `id` move to `into`, then `id` is deleted, in one write. `into` keeps its parent. Audited. Returns `into` with its new count.",
      middleware: [requirePermission("promise.write")] as const,
      request: { params: ReferenceIdParamsSchema, ...jsonBody(MergeSchema) },
      responses: { 200: json(AreaSchema, "The area merged into"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { into } = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => mergeArea({ db, id, into })), 200);
    },
  );
