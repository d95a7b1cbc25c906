import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/logger";
import { createTestApp, TEST_PASSWORD, TEST_USERS } from "../test-support/test-app";

type LogLine = Record<string, unknown> & { msg: string; level: number };

/** A test app whose log lines are collected, as written (JSON text) and parsed. */
async function loggedApp(level: "info" | "debug" = "info") {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void raw.push(line) } });
  const t = await createTestApp({ logger });
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  const requests = () => lines().filter((line) => line.msg === "request");
  return { t, raw, lines, requests };
}

describe("the request log", () => {
  it("writes one JSON line per request with a fresh request id, echoed in X-Request-Id", async () => {
    const { t, requests } = await loggedApp();
    const first = await t.request("GET", "/api/promises?asOf=2024-06-30");
    const second = await t.request("GET", "/api/promises");
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(requests()).toEqual([
      expect.objectContaining({ requestId: ids[0], method: "GET", path: "/api/promises", status: 200, userId: t.users.admin.id, durationMs: expect.any(Number) }),
      expect.objectContaining({ requestId: ids[1], method: "GET", path: "/api/promises", status: 200 }),
    ]);
  });

  it("keeps a sane incoming X-Request-Id and replaces one with spaces or over 200 characters", async () => {
    const { t, requests } = await loggedApp();
    const kept = await t.request("GET", "/api/promises", undefined, { "x-request-id": "lb-7f3a:0001" });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a:0001");
    for (const bad of ["has spaces", "x".repeat(201), "å-id"]) {
      const replaced = await t.request("GET", "/api/promises", undefined, { "x-request-id": bad });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requests().map((line) => line.requestId)).toEqual(["lb-7f3a:0001", expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  });

  it("logs a sign-in and the session after it without the email, the password, the cookie or the token", async () => {
    const { t, raw, requests } = await loggedApp("debug");
    const { email } = TEST_USERS.coordinator;
    const signIn = await t.request("POST", "/api/auth/sign-in", { email, password: TEST_PASSWORD }, {}, "anonymous");
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const sessionToken = cookie.split("=")[1] ?? "";
    expect(sessionToken.length).toBeGreaterThan(20);
    const me = await t.request("GET", "/api/auth/me?email=" + encodeURIComponent(email), undefined, { cookie }, "anonymous");
    expect(me.status).toBe(200);
    const withToken = await t.request("GET", "/api/promises", undefined, {}, "coordinator");
    expect(withToken.status).toBe(200);

    expect(requests()).toEqual([
      expect.objectContaining({ method: "POST", path: "/api/auth/sign-in", status: 200 }),
      expect.objectContaining({ method: "GET", path: "/api/auth/me", status: 200, userId: t.users.coordinator.id }),
      expect.objectContaining({ method: "GET", path: "/api/promises", status: 200, userId: t.users.coordinator.id }),
    ]);
    const everything = raw.join("");
    for (const secret of [email, "falt@", TEST_PASSWORD, sessionToken, t.users.coordinator.token, TEST_USERS.coordinator.name]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/cookie|authorization|\?/i);
  });

  it("logs a failed sign-in without the email or the password either", async () => {
    const { t, raw, requests } = await loggedApp();
    const response = await t.request("POST", "/api/auth/sign-in", { email: "okand@kommun.invalid", password: "fel lösenord här" }, {}, "anonymous");
    expect(response.status).toBe(401);
    expect(requests()).toEqual([expect.objectContaining({ path: "/api/auth/sign-in", status: 401 })]);
    expect(requests()[0]).not.toHaveProperty("userId");
    expect(raw.join("")).not.toMatch(/okand|kommun\.invalid|fel lösenord/);
  });

  it("logs the health check only at debug level", async () => {
    const info = await loggedApp("info");
    await info.t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(info.requests()).toEqual([]);
    const debug = await loggedApp("debug");
    await debug.t.request("GET", "/api/health", undefined, {}, "anonymous");
    expect(debug.requests()).toEqual([expect.objectContaining({ path: "/api/health", status: 200, level: 20 })]);
  });

  it("logs a server error at error level under the request's id, and sends the id back with the 500", async () => {
    const { t, lines } = await loggedApp();
    await t.store.close(); // the database is gone: resolving the bearer token throws
    const response = await t.request("GET", "/api/promises", undefined, { "x-request-id": "fel-1" });
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("fel-1");
    expect(lines()).toEqual([
      expect.objectContaining({ msg: "unexpected error", level: 50, requestId: "fel-1", path: "/api/promises" }),
      expect.objectContaining({ msg: "request", level: 50, requestId: "fel-1", status: 500 }),
    ]);
    expect(JSON.stringify(lines())).not.toContain(t.users.admin.token);
  });
});
