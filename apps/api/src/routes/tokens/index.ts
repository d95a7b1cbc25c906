import { CreatedTokenSchema, CreateTokenSchema, TokenIdParamsSchema, TokenSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { unauthenticated } from "../../lib/errors";
import { createRouter, errorsFor, json, jsonBody } from "../../lib/openapi";
import { createApiTokenFor, listApiTokens, revokeApiToken } from "../../services/api-tokens";


export const tokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["Tokens"],
      summary: "The signed-in user's API tokens (never their secrets)",
      responses: { 200: json(z.array(TokenSchema), "Tokens, oldest first"), ...errorsFor(401) },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      return c.json(await listApiTokens({ db: c.get("store").db, userId: principal.id }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["Tokens"],
      summary: "Create an API token for the signed-in user: shown once",
      description:
        "The token acts with the user's role. Send it as `Authorization: Bearer <token>`. Only its hash is stored: save it now. A token cannot create further tokens (sign in for that).",
      request: jsonBody(CreateTokenSchema),
      responses: { 201: json(CreatedTokenSchema, "The token, shown this once"), ...errorsFor(400, 401, 403) },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      const { name } = c.req.valid("json");
      const now = c.get("now")();
      const created = await c.get("writes").run((db) => createApiTokenFor({ db, principal, name, now }));
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/tokens/{id}/revoke",
      tags: ["Tokens"],
      summary: "Revoke an API token (your own; an admin any)",
      request: { params: TokenIdParamsSchema },
      responses: {
        200: json(TokenSchema, "The revoked token"),
        ...errorsFor(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      const { id } = c.req.valid("param");
      const now = c.get("now")();
      const token = await c.get("writes").run((db) => revokeApiToken({ db, id, principal, now }));
      return c.json(token, 200);
    },
  );
