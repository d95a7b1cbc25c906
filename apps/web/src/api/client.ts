/** Codes for failures that happen before the API could answer with its own message. */
export type ClientErrorCode = "network_error" | "http_error" | "invalid_response";

/**
 * An error answered by the API (`{error: {code, message}}`, the message already written for a
 * coordinator, in Swedish) or a request that failed on the way (`fromApi: false`, one of the
 * `ClientErrorCode`s: the UI words those through i18n).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly fromApi: boolean;

  constructor(message: string, { status, code, fromApi }: { status: number; code: string; fromApi: boolean }) {
    super(message);
    this.status = status;
    this.code = code;
    this.fromApi = fromApi;
  }
}

type ErrorBody = { error: { code: string; message: string } };

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

/** GET a JSON resource of the API; throws an `ApiError` when it cannot deliver it. */
export async function fetchJson<T>(path: string, { signal, fetch: fetchImpl = fetch }: FetchJsonOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(path, { headers: { Accept: "application/json" }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(`Request to ${path} failed: ${String(cause)}`, { status: 0, code: "network_error", fromApi: false });
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(body.error.message, { status: response.status, code: body.error.code, fromApi: true });
    }
    throw new ApiError(`${path} answered ${response.status}`, { status: response.status, code: "http_error", fromApi: false });
  }
  if (body === NOT_JSON) {
    throw new ApiError(`${path} answered something other than JSON`, { status: response.status, code: "invalid_response", fromApi: false });
  }
  return body as T;
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
