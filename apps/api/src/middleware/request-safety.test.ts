import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createExamplePromise, createTestApp, type TestApp } from "../test-support/test-app";

let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;
beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const activity = () => ({ commitmentId: ids.yearly, occurredAt: "2024-03-14" });

describe("cross-site requests that change state", () => {
  it.each([
    ["JSON", "application/json"],
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
  ])("refuses a cross-origin POST sent as %s with 403 and changes nothing", async (_name, contentType) => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities", JSON.stringify(activity()), {
      "content-type": contentType,
      origin: "https://evil.example",
      host: "localhost",
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("cross_site_request");
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses a cross-site sign-out, and a POST from an opaque origin", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const response = await t.request("POST", "/api/auth/sign-out", undefined, { origin, host: "localhost" });
      expect(response.status, origin).toBe(403);
    }
  });

  it("refuses a POST that the browser marks cross-site even without an Origin header", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities", activity(), { "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    expect(await t.snapshot()).toEqual(before);
  });

  it("accepts the app's own origin, and a script that sends no Origin (curl)", async () => {
    const same = await t.request("POST", "/api/activities", activity(), { origin: "http://localhost:8787", host: "localhost:8787", "sec-fetch-site": "same-origin" });
    expect(same.status).toBe(201);
    const script = await t.request("POST", "/api/activities", activity());
    expect(script.status).toBe(201);
  });

  it("compares with the forwarded host only behind a trusted proxy", async () => {
    const headers = { origin: "https://lofteskollen.goteborg.se", host: "127.0.0.1:8787", "x-forwarded-host": "lofteskollen.goteborg.se" };
    expect((await t.request("POST", "/api/activities", activity(), headers)).status).toBe(403);
    const proxied = await createTestApp({ trustProxy: true });
    const proxiedIds = await createExamplePromise(proxied);
    const response = await proxied.request("POST", "/api/activities", { ...activity(), commitmentId: proxiedIds.yearly }, headers);
    expect(response.status).toBe(201);
  });

  it("changes nothing on GET: reading the progress writes no row", async () => {
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    await t.request("GET", `/api/promises/${ids.promiseId}/progress`);
    await t.request("GET", "/api/activities");
    expect(await t.snapshot()).toEqual(before);
    expect(await t.auditRows()).toHaveLength(auditBefore);
  });
});

describe("security headers", () => {
  const webDist = mkdtempSync(join(tmpdir(), "lofteskollen-web-"));
  mkdirSync(join(webDist, "assets"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>Löfteskollen</title>");
  writeFileSync(join(webDist, "assets", "app.js"), "console.log('hej')");
  afterAll(() => rmSync(webDist, { recursive: true, force: true }));

  const withWeb = () => createApp({ store: t.store, webDist });

  const expectStrictHeaders = (headers: Headers) => {
    const hsts = /max-age=(\d+)/.exec(headers.get("strict-transport-security") ?? "");
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
    const csp = headers.get("content-security-policy") ?? "";
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("DENY");
  };

  it("sends them on API answers, errors, the app shell and static files", async () => {
    const app = withWeb();
    const responses = await Promise.all([
      app.request("/api/health"),
      app.request("/api/promises"), // 401
      app.request("/api/nope"),
      app.request("/"),
      app.request("/handelselogg"),
      app.request("/assets/app.js"),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 401, 401, 200, 200, 200]);
    for (const response of responses) expectStrictHeaders(response.headers);
  });

  it("sends them on an answer built by the error handler (a refusal thrown deep in a route)", async () => {
    const refused = await t.request("GET", "/api/users", undefined, {}, "viewer");
    expect(refused.status).toBe(403);
    expectStrictHeaders(refused.headers);
    const invalid = await t.request("POST", "/api/activities", "{not json", { "content-type": "application/json" });
    expect(invalid.status).toBe(400);
    expectStrictHeaders(invalid.headers);
  });

  it("tells caches not to keep API answers", async () => {
    const response = await t.request("GET", "/api/promises");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("lets only the public embed route be framed by other sites", async () => {
    const app = withWeb();
    const embed = await app.request("/p/nordost-2023-2024/embed");
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).toContain("object-src 'none'");
    const page = await app.request("/p/nordost-2023-2024");
    expectStrictHeaders(page.headers);
  });
});
