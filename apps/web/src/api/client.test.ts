import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fetchJson } from "./client";

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
