import { CurrentUserSchema, SignInSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { unauthenticated } from "../../lib/errors";
import { createRouter, errorBody, errorsFor, json, jsonBody } from "../../lib/openapi";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../../security/session-cookie";
import { signIn, signOut } from "../../services/auth";

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/sign-in",
      tags: ["Auth"],
      summary: "Sign in with email and password: starts a session (cookie)",
      description:
        "Sets an HttpOnly, SameSite=Lax session cookie (`__Host-lk_session` over https). A wrong password and an unknown email get the same 401. Failed attempts are limited per account and per address (429 with Retry-After).",
      request: jsonBody(SignInSchema),
      responses: {
        200: json(CurrentUserSchema, "Signed in"),
        ...errorsFor(400, 401, 429),
      },
    }),
    async (c) => {
      const result = await signIn(
        {
          db: c.get("store").db,
          queue: c.get("queue"),
          limiter: c.get("auth").limiter,
          timeouts: c.get("auth").timeouts,
          now: c.get("now")(),
          address: c.get("address"),
          userAgent: c.req.header("user-agent") ?? null,
          previousSessionToken: readSessionCookie(c),
        },
        c.req.valid("json"),
      );
      if (result.status === "limited") {
        const minutes = Math.ceil(result.retryAfterSeconds / 60);
        return c.json(
          errorBody("too_many_attempts", `För många misslyckade inloggningar. Vänta ${minutes} ${minutes === 1 ? "minut" : "minuter"} och försök igen.`),
          429,
          { "Retry-After": String(result.retryAfterSeconds) },
        );
      }
      if (result.status === "refused") {
        clearSessionCookie(c);
        return c.json(errorBody("invalid_credentials", "Fel e-postadress eller lösenord."), 401);
      }
      writeSessionCookie(c, result.token, c.get("auth").timeouts.absoluteMs / 1000);
      return c.json(result.user, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/sign-out",
      tags: ["Auth"],
      summary: "Sign out: ends this session",
      responses: { 204: { description: "Signed out" }, ...errorsFor(401) },
    }),
    async (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      await signOut({
        queue: c.get("queue"),
        sessionHash: principal.via.kind === "session" ? principal.via.sessionHash : null,
        context: c.get("auditContext")(),
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["Auth"],
      summary: "Who is signed in",
      responses: { 200: json(CurrentUserSchema, "The signed-in user"), ...errorsFor(401) },
    }),
    (c) => {
      const principal = c.get("principal");
      if (!principal) throw unauthenticated();
      return c.json(CurrentUserSchema.parse(principal), 200);
    },
  );
