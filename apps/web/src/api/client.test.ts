import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fetchJson, isUnauthorized, sendJson, shouldRetry } from "./client";

const respond =
  (body: string, status = 200): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { "Content-Type": "application/json" } });

const caught = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

const fakeT = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ""}`;

describe("fetchJson", () => {
  it("returns the parsed JSON of a successful response", async () => {
    const data = await fetchJson<{ status: string }>("/api/health", { fetch: respond('{"status":"ok"}') });
    expect(data).toEqual({ status: "ok" });
  });

  it("throws an error carrying the API's own message and code", async () => {
    const body = JSON.stringify({ error: { code: "not_found", message: "Det finns inget medborgarlöfte med id 99." } });
    const error = await caught(fetchJson("/api/promises/99", { fetch: respond(body, 404) }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: "Det finns inget medborgarlöfte med id 99.", code: "not_found", status: 404, fromApi: true });
  });

  it("marks an error response without the API's error body as an HTTP error", async () => {
    const error = await caught(fetchJson("/api/promises", { fetch: respond("Bad gateway", 502) }));
    expect(error).toMatchObject({ code: "http_error", status: 502, fromApi: false });
  });

  it("marks a request that never reached the server as a network error", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    const error = await caught(fetchJson("/api/promises", { fetch: failing }));
    expect(error).toMatchObject({ code: "network_error", status: 0, fromApi: false });
  });

  it("refuses a successful response that is not JSON", async () => {
    const error = await caught(fetchJson("/api/promises", { fetch: respond("<!doctype html>") }));
    expect(error).toMatchObject({ code: "invalid_response", fromApi: false });
  });
});

describe("sendJson", () => {
  it("sends the body as JSON with its method and reads the JSON answer", async () => {
    const sent: Request[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push(new Request(new URL(String(input), "http://localhost"), init));
      return new Response('{"id":1}', { status: 201, headers: { "Content-Type": "application/json" } });
    };
    const data = await sendJson<{ id: number }>("POST", "/api/tokens", { name: "Import" }, { fetch: recording });
    expect(data).toEqual({ id: 1 });
    expect(sent[0]?.method).toBe("POST");
    expect(sent[0]?.headers.get("content-type")).toBe("application/json");
    expect(await sent[0]?.json()).toEqual({ name: "Import" });
  });

  it("answers nothing for 204 No Content", async () => {
    const noContent: typeof fetch = async () => new Response(null, { status: 204 });
    expect(await sendJson("POST", "/api/auth/sign-out", {}, { fetch: noContent })).toBeUndefined();
  });

  it("throws the API's message with the refused fields", async () => {
    const body = JSON.stringify({
      error: {
        code: "validation_error",
        message: "Kontrollera fälten som är markerade.",
        issues: [{ path: "email", code: "too_small", message: "Ange din e-postadress." }],
      },
    });
    const error = await caught(sendJson("POST", "/api/auth/sign-in", { email: "" }, { fetch: respond(body, 400) }));
    expect(error).toMatchObject({
      message: "Kontrollera fälten som är markerade.",
      code: "validation_error",
      status: 400,
      issues: [{ path: "email", code: "too_small", message: "Ange din e-postadress." }],
    });
  });
});

describe("isUnauthorized", () => {
  it("recognises the API's 401 and nothing else", () => {
    expect(isUnauthorized(new ApiError("Du är inte inloggad.", { status: 401, code: "unauthenticated", fromApi: true }))).toBe(true);
    expect(isUnauthorized(new ApiError("Nej.", { status: 403, code: "forbidden", fromApi: true }))).toBe(false);
    expect(isUnauthorized(new Error("401"))).toBe(false);
  });
});

describe("shouldRetry", () => {
  it("never retries an answer that will not change: 401, 403, 404", () => {
    for (const status of [401, 403, 404]) {
      expect(shouldRetry(0, new ApiError("nej", { status, code: "x", fromApi: true }))).toBe(false);
    }
  });

  it("retries a network failure or a server error up to three times", () => {
    const down = new ApiError("down", { status: 502, code: "http_error", fromApi: false });
    expect(shouldRetry(2, down)).toBe(true);
    expect(shouldRetry(3, down)).toBe(false);
  });
});

describe("errorMessage", () => {
  it("shows the API's own message as it is", () => {
    const error = new ApiError("Det finns inget medborgarlöfte med id 99.", { status: 404, code: "not_found", fromApi: true });
    expect(errorMessage(error, fakeT)).toBe("Det finns inget medborgarlöfte med id 99.");
  });

  it("words a failure outside the API through the translation of its code", () => {
    const error = new ApiError("GET failed", { status: 502, code: "http_error", fromApi: false });
    expect(errorMessage(error, fakeT)).toBe('errors.http_error{"status":502}');
  });

  it("falls back to a generic message for anything else", () => {
    expect(errorMessage(new Error("boom"), fakeT)).toBe("errors.unknown");
  });
});
