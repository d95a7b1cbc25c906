import type { ErrorIssue } from "@lofteskollen/contracts";
import { ErrorResponseSchema } from "@lofteskollen/contracts";
import { type Hook, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import type { z } from "zod";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const error = (description: string) => json(ErrorResponseSchema, description);

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export const errorResponses = {
  400: error("Malformed JSON, or a field of the wrong type or shape (`issues` names each field)"),
  401: error("Not signed in, the session ended, or the bearer token is invalid"),
  403: error("Signed in, but this role or these organisations may not do this (audited)"),
  429: error("Too many failed sign-ins: wait `Retry-After` seconds"),
  404: error("Unknown id"),
  409: error("Conflict: duplicate, already done, or an Idempotency-Key reused with another body"),
  413: error("Too large: the request body, or a file with more rows than an import takes"),
  422: error("A rule of the domain: outside the promise period, in the future, quantity out of 1–10 000, personal data in free text…"),
} as const;

type ErrorStatus = keyof typeof errorResponses;

/** The error answers a route declares, by status: `...errorsFor(400, 401, 403, 404)`. */
export function errorsFor<const S extends ErrorStatus>(...statuses: S[]): Pick<typeof errorResponses, S> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponses[status]])) as Pick<typeof errorResponses, S>;
}

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    code: issue.code,
    message: issue.message,
  }));
}

export function validationErrorBody(issues: ErrorIssue[]) {
  const fields = [...new Set(issues.map((i) => i.path))];
  return {
    error: {
      code: "validation_error",
      message: `Kontrollera ${fields.length === 1 ? "fältet" : "fälten"} ${fields.join(", ")}: ${issues[0]?.message ?? ""}`,
      issues,
    },
  };
}

/** Every route's validation failure becomes the contract's 400 (SPEC §4), naming the fields. */
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) return c.json(validationErrorBody(zodIssues(result.error as z.ZodError)), 400);
};

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
