import type { ErrorIssue } from "@lofteskollen/contracts";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error with a place in the API contract (SPEC §4): status, stable code, Swedish message. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody() {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }

  get httpStatus(): ContentfulStatusCode {
    return this.status;
  }
}

export const notFound = (what: string, field?: string) =>
  new AppError(
    404,
    "not_found",
    `${what} finns inte.`,
    field ? [{ path: field, code: "not_found", message: `${what} finns inte.` }] : undefined,
  );

/** A rule of the domain (422): the input is well-formed but not allowed. */
export const ruleViolation = (issues: ErrorIssue[]) => {
  const [first] = issues;
  const message =
    issues.length === 1 && first ? first.message : "Uppgifterna bryter mot reglerna, se varje fält.";
  return new AppError(422, first?.code ?? "rule_violation", message, issues);
};

/** What an authorization denial is about, for its audit row. */
export type Denial = { permission: string; recordType?: string; recordId?: string | number };

/** 403: signed in, but this role or these organisations may not do this. Audited. */
export class ForbiddenError extends AppError {
  constructor(
    message: string,
    readonly denial: Denial,
    issues?: ErrorIssue[],
  ) {
    super(403, "forbidden", message, issues);
    this.name = "ForbiddenError";
  }
}

export const unauthenticated = (message = "Du är inte inloggad. Logga in och försök igen.", code = "unauthenticated") =>
  new AppError(401, code, message);
