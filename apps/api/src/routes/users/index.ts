import {
  CreatedTokenSchema,
  CreateTokenSchema,
  CreateUserSchema,
  EndedSessionsSchema,
  PatchUserSchema,
  SetPasswordSchema,
  TokenSchema,
  UserIdParamsSchema,
  UserSchema,
  UserSessionParamsSchema,
  UserSessionSchema,
} from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { unauthenticated } from "../../lib/errors";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { createApiTokenForUser, listUserApiTokens } from "../../services/api-tokens";
import { endUserSessions, listUserSessions } from "../../services/sessions";
import {
  createUser,
  emailOfUser,
  getUser,
  hashNewPassword,
  listUsers,
  patchUser,
  setUserDisabled,
  setUserPassword,
} from "../../services/users";

const adminOnly = [requirePermission("user.manage")];

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["Users"],
      summary: "All users (admin)",
      middleware: adminOnly,
      responses: { 200: json(z.array(UserSchema), "Users by name"), ...errorsFor(401, 403) },
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
        ...errorsFor(400, 401, 403, 409, 422),
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
      responses: { 200: json(UserSchema, "The user"), ...errorsFor(400, 401, 403, 404) },
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
      description: "409 `last_admin` for the last enabled admin. Each ended session is a `session.delete` row in the audit trail.",
      responses: { 200: json(UserSchema, "The disabled user"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const context = c.get("auditContext")();
      const { timeouts } = c.get("auth");
      const user = await c.get("writes").run((db) => setUserDisabled({ db, id, disabled: true, now, context, timeouts }));
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
      responses: { 200: json(UserSchema, "The enabled user"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const context = c.get("auditContext")();
      const { timeouts } = c.get("auth");
      const user = await c.get("writes").run((db) => setUserDisabled({ db, id, disabled: false, now, context, timeouts }));
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/users/{id}",
      tags: ["Users"],
      summary: "Change a user's name, role or organisations (admin)",
      description:
        "Only the fields sent change; `organisations` replaces the list. Unknown or archived organisation, or a coordinator left without one: 422 naming `organisations.N` / `organisations`. The last enabled admin keeps the admin role: 409 `last_admin`. The user's sessions and tokens act with the new role from their next request. Audited.",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema, ...jsonBody(PatchUserSchema) },
      responses: { 200: json(UserSchema, "The user as changed"), ...errorsFor(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return c.json(await c.get("writes").run((db) => patchUser({ db, id, input })), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/users/{id}/password",
      tags: ["Users"],
      summary: "Set a new (temporary) password for a user (admin): ends all their sessions",
      description:
        "Same rules as a new user's password (8–128 characters, not one of the most common: 422). Tokens keep working. The audit trail records that the password changed, never the hash.",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema, ...jsonBody(SetPasswordSchema) },
      responses: { 204: { description: "Set; the user's sessions ended" }, ...errorsFor(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { password } = c.req.valid("json");
      // Hashing is slow and awaits: before the write, not inside it (see hashNewPassword).
      const passwordHash = await hashNewPassword(password, await emailOfUser({ db: c.get("store").db, id }));
      const now = c.get("now")();
      const context = c.get("auditContext")();
      const { timeouts } = c.get("auth");
      await c.get("writes").run((db) => setUserPassword({ db, id, passwordHash, context, now, timeouts }));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/users/{id}/sessions",
      tags: ["Users"],
      summary: "A user's live sessions, newest first (admin)",
      description: "`id` is a handle for ending one session, not the cookie or its hash. `current`: the session of this request.",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(z.array(UserSessionSchema), "Sessions, newest first"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      const currentHash = principal?.via.kind === "session" ? principal.via.sessionHash : null;
      const { timeouts } = c.get("auth");
      return c.json(await listUserSessions({ db: c.get("store").db, userId: id, now: c.get("now")(), timeouts, currentHash }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/users/{id}/sessions",
      tags: ["Users"],
      summary: "Sign a user out everywhere (admin)",
      description: "Ends every session of the user: their next request in any browser is signed out. Tokens keep working. Audited per session.",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(EndedSessionsSchema, "How many sessions ended"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const context = c.get("auditContext")();
      const { timeouts } = c.get("auth");
      const ended = await c.get("writes").run((db) => endUserSessions({ db, userId: id, context, now, timeouts }));
      return c.json({ ended }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/users/{id}/sessions/{sessionId}",
      tags: ["Users"],
      summary: "End one session of a user (admin)",
      middleware: adminOnly,
      request: { params: UserSessionParamsSchema },
      responses: { 200: json(EndedSessionsSchema, "The session ended (`ended`: 1)"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid("param");
      const now = c.get("now")();
      const context = c.get("auditContext")();
      const { timeouts } = c.get("auth");
      const ended = await c.get("writes").run((db) => endUserSessions({ db, userId: id, sessionId, context, now, timeouts }));
      return c.json({ ended }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/users/{id}/tokens",
      tags: ["Users"],
      summary: "A user's API tokens, oldest first (admin; never their secrets)",
      description: "Revoke one with POST /api/tokens/{id}/revoke.",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema },
      responses: { 200: json(z.array(TokenSchema), "Tokens, oldest first"), ...errorsFor(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listUserApiTokens({ db: c.get("store").db, userId: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/users/{id}/tokens",
      tags: ["Users"],
      summary: "Create an API token for a user (admin): shown once",
      description:
        "The token acts as the user, with their role. Only its hash is stored. Not with a token (403: sign in for that); not for a disabled user (409).",
      middleware: adminOnly,
      request: { params: UserIdParamsSchema, ...jsonBody(CreateTokenSchema) },
      responses: { 201: json(CreatedTokenSchema, "The token, shown this once"), ...errorsFor(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      const { id } = c.req.valid("param");
      const { name } = c.req.valid("json");
      const now = c.get("now")();
      const created = await c.get("writes").run((db) => createApiTokenForUser({ db, principal, userId: id, name, now }));
      return c.json(created, 201);
    },
  );
