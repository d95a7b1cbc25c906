import { describe, expect, it } from "vitest";
import { createTestApp } from "./test-support/test-app";

describe("the API app", () => {
  it("answers the health check", async () => {
    const t = await createTestApp();
    const response = await t.request("GET", "/api/health");
    expect(response).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("serves an OpenAPI document that describes every endpoint of the contract", async () => {
    const t = await createTestApp();
    const response = await t.request("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths).sort()).toEqual([
      "/activities",
      "/activities/batch",
      "/activities/{id}/correct",
      "/activities/{id}/void",
      "/activity-types",
      "/activity-types/{code}",
      "/activity-types/{code}/merge",
      "/areas",
      "/areas/{id}",
      "/areas/{id}/merge",
      "/audit",
      "/auth/me",
      "/auth/sign-in",
      "/auth/sign-out",
      "/commitments/{id}",
      "/commitments/{id}/activities.csv",
      "/commitments/{id}/organisations",
      "/commitments/{id}/updates",
      "/health",
      "/imports",
      "/imports/preview",
      "/imports/template.csv",
      "/organisations",
      "/organisations/{id}",
      "/organisations/{id}/merge",
      "/progress",
      "/promises",
      "/promises/{id}",
      "/promises/{id}/commitment-order",
      "/promises/{id}/commitments",
      "/promises/{id}/daily-totals",
      "/promises/{id}/export",
      "/promises/{id}/progress",
      "/promises/{id}/progress.csv",
      "/promises/{id}/publish",
      "/promises/{id}/renew",
      "/promises/{id}/snapshots",
      "/promises/{id}/unpublish",
      "/public/data-dictionary",
      "/public/promises",
      "/public/promises/{slug}/data.csv",
      "/public/promises/{slug}/data.json",
      "/public/promises/{slug}/progress",
      "/public/snapshots/{slug}",
      "/terms",
      "/tokens",
      "/tokens/{id}/revoke",
      "/updates/{id}",
      "/users",
      "/users/{id}",
      "/users/{id}/disable",
      "/users/{id}/enable",
      "/users/{id}/password",
      "/users/{id}/sessions",
      "/users/{id}/sessions/{sessionId}",
      "/users/{id}/tokens",
    ]);
    expect(response.body.components.securitySchemes).toMatchObject({
      bearerToken: { type: "http", scheme: "bearer" },
      sessionCookie: { type: "apiKey", in: "cookie" },
    });
    expect(response.body.paths["/activities"].post.responses).toHaveProperty("422");
    expect(response.body.components.schemas).toHaveProperty("CreateActivity");
    // The public endpoints need no login: the document says so.
    expect(response.body.paths["/public/promises/{slug}/progress"].get.security).toEqual([]);
    expect(response.body.components.schemas).toHaveProperty("PublicProgress");
  });

  it("answers an unknown API path with a JSON 404", async () => {
    const t = await createTestApp();
    const response = await t.request("GET", "/api/nope");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });

  it("refuses a body over 8 MB with 413 and writes nothing", async () => {
    const t = await createTestApp();
    const before = await t.snapshot();
    const note = "x".repeat(1000);
    const activities = Array.from({ length: 9000 }, () => ({ commitmentId: 1, occurredAt: "2024-05-02", note }));
    const response = await t.request("POST", "/api/activities/batch", { activities });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
    expect(await t.snapshot()).toEqual(before);
  });

  it("lists the activity types that always exist", async () => {
    const t = await createTestApp();
    const response = await t.request("GET", "/api/activity-types");
    expect(response.body.map((a: { code: string }) => a.code).sort()).toEqual(
      ["hotspot_patrol", "meeting_place_activity", "other", "outreach", "parent_education", "safety_walk", "samverkan_meeting", "sspf_meeting"],
    );
  });
});
