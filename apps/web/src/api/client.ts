import type { ErrorIssue } from "@lofteskollen/contracts";

/** Codes for failures that happen before the API could answer with its own message. */
export type ClientErrorCode = "network_error" | "http_error" | "invalid_response";

/**
 * An error answered by the API (`{error: {code, message, issues?}}`, the message already written
 * for a coordinator, in Swedish) or a request that failed on the way (`fromApi: false`, one of the
 * `ClientErrorCode`s: the UI words those through i18n).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly fromApi: boolean;
  /** The refused fields, each named by `path` (`email`, `activities.3.quantity`). */
  readonly issues: readonly ErrorIssue[];

  constructor(
    message: string,
    { status, code, fromApi, issues = [] }: { status: number; code: string; fromApi: boolean; issues?: readonly ErrorIssue[] },
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fromApi = fromApi;
    this.issues = issues;
  }
}

type ErrorBody = { error: { code: string; message: string; issues?: unknown } };

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = value.error;
  return (
    typeof error === "object" &&
    error !== null &&
    "message" in error &&
    typeof error.message === "string" &&
    "code" in error &&
    typeof error.code === "string"
  );
}

function isIssue(value: unknown): value is ErrorIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    "path" in value &&
    typeof value.path === "string" &&
    "code" in value &&
    typeof value.code === "string" &&
    "message" in value &&
    typeof value.message === "string"
  );
}

const NOT_JSON = Symbol("not JSON");

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

export type FetchJsonOptions = { signal?: AbortSignal; fetch?: typeof fetch };

/** Sends `init` to `path` and reads the answer; every failure becomes an `ApiError`. */
async function request<T>(
  path: string,
  init: RequestInit,
  { signal, fetch: fetchImpl = fetch }: FetchJsonOptions,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(path, { ...init, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(`Request to ${path} failed: ${String(cause)}`, { status: 0, code: "network_error", fromApi: false });
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isErrorBody(body)) {
      const issues = Array.isArray(body.error.issues) ? body.error.issues.filter(isIssue) : [];
      throw new ApiError(body.error.message, { status: response.status, code: body.error.code, fromApi: true, issues });
    }
    throw new ApiError(`${path} answered ${response.status}`, { status: response.status, code: "http_error", fromApi: false });
  }
  // 204 No Content (sign-out) has no body to read.
  if (response.status === 204) return undefined as T;
  if (body === NOT_JSON) {
    throw new ApiError(`${path} answered something other than JSON`, { status: response.status, code: "invalid_response", fromApi: false });
  }
  return body as T;
}

/** GET a JSON resource of the API; throws an `ApiError` when it cannot deliver it. */
export function fetchJson<T>(path: string, options: FetchJsonOptions = {}): Promise<T> {
  return request<T>(path, { headers: { Accept: "application/json" } }, options);
}

export type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Sends `body` as JSON and reads the JSON answer (`undefined` for 204); throws an `ApiError` like
 * `fetchJson`. The API takes every write as `application/json`, also one without fields (`{}`).
 * Same-origin fetch sends the session cookie and the Origin header the API checks against CSRF.
 */
export function sendJson<T>(
  method: WriteMethod,
  path: string,
  body: unknown,
  options: FetchJsonOptions & { headers?: Record<string, string> } = {},
): Promise<T> {
  return request<T>(
    path,
    {
      method,
      headers: { Accept: "application/json", "Content-Type": "application/json", ...options.headers },
      body: JSON.stringify(body),
    },
    options,
  );
}

/** Whether the API said the request needs a signed-in user (none, or the session ended). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * Retry what may pass a second time (network, 5xx), never an answer that will not change:
 * 4xx (401 signed out, 403 not allowed, 404, validation).
 */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 3;
}

/**
 * The message to show a person: the API's own when it gave one, else the i18n key
 * `errors.<code>` (with the HTTP status as `status`), else a generic one.
 */
export function errorMessage(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    if (error.fromApi) return error.message;
    return t(`errors.${error.code}`, { status: error.status });
  }
  return t("errors.unknown");
}

/** Whether the API said there is no such thing (404): the page then says so instead of an error. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
