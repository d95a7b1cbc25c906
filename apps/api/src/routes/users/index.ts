import { CreateUserSchema, UserIdParamsSchema, UserSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createRouter, errorResponses, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { createUser, hashNewPassword, getUser, listUsers, setUserDisabled } from "../../services/users";

const adminOnly = [requirePermission("user.manage")];
const guarded = { 401: errorResponses[401], 403: errorResponses[403] };

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["Users"],
      summary: "All users (admin)",
      middleware: adminOnly,
      responses: { 200: json(z.array(UserSchema), "Users by name"), ...guarded },
    }),
    async (c) => c.json(await listUsers({ db: c.get("store").db }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["Users"],
      summary: "Create a user (admin)",
      description: "Password 8–128 characters, not one of the most common. A coordinator needs at least one existing organisation.",
      middleware: adminOnly,
      request: jsonBody(CreateUserSchema),
      responses: {
        201: json(UserSchema, "The new user"),
        400: errorResponses[400],
        ...guarded,
        409: errorResponses[409],
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const { password, ...input } = c.req.valid("json");
      const passwordHash = await hashNewPassword(password, input.email);
      const user = await c.get("writes").run((db) => createUser({ db, input: { ...input, passwordHash } }));
      return c.json(user, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/users/{id}",
      tags: ["Users"],
      summary: "One user (admin)",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(UserSchema, "The user"), 400: errorResponses[400], ...guarded, 404: errorResponses[404] },
    }),
    async (c) => c.json(await getUser({ db: c.get("store").db, id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/users/{id}/disable",
      tags: ["Users"],
      summary: "Disable a user (admin): ends their sessions, their tokens stop working",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(UserSchema, "The disabled user"), 400: errorResponses[400], ...guarded, 404: errorResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const user = await c.get("writes").run((db) => setUserDisabled({ db, id, disabled: true, now }));
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/users/{id}/enable",
      tags: ["Users"],
      summary: "Enable a disabled user again (admin)",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(UserSchema, "The enabled user"), 400: errorResponses[400], ...guarded, 404: errorResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const user = await c.get("writes").run((db) => setUserDisabled({ db, id, disabled: false, now }));
      return c.json(user, 200);
    },
  );
