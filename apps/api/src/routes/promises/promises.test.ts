import { beforeEach, describe, expect, it } from "vitest";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

describe("POST /api/promises", () => {
  it("creates a promise with its commitments, areas and organisations in one call", async () => {
    const response = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, areaParent: "Göteborg" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      slug: "medborgarlofte-testomradet-2024-2025",
      title: EXAMPLE_PROMISE.title,
      area: "Testområdet",
      areaParent: "Göteborg",
      startDate: "2024-02-27",
      endDate: "2025-12-31",
      status: "published",
      themes: ["Fritid"],
    });
    expect(response.body.commitments).toHaveLength(3);
    expect(response.body.commitments[2]).toMatchObject({
      title: "Trygg i-samverkan",
      target: null,
      cadence: "period",
      unit: "tillfällen",
      organisations: ["Polisen", "Trygghetssamordningen"],
    });
    for (const c of response.body.commitments) expect(c.id).toEqual(expect.any(Number));
    const fetched = await t.request("GET", `/api/promises/${response.body.id}`);
    expect(fetched.body).toEqual(response.body);
  });

  it("lists created promises", async () => {
    await createExamplePromise(t);
    const response = await t.request("GET", "/api/promises");
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ title: EXAMPLE_PROMISE.title, area: "Testområdet", status: "published", startDate: "2024-02-27" }),
    ]);
  });

  it("answers 409 for a slug that is taken, and writes nothing", async () => {
    await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, slug: "backa" });
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, slug: "backa", area: "Nytt område" });
    expect(response.status).toBe(409);
    expect(response.body.error.issues[0].path).toBe("slug");
    expect(await t.snapshot()).toEqual(before);
  });

  const commitment = EXAMPLE_PROMISE.commitments[0];
  it.each([
    ["malformed JSON", "{\"title\": ", 400, "invalid_json", undefined],
    ["a missing title", { ...EXAMPLE_PROMISE, title: undefined }, 400, "validation_error", "title"],
    ["a start date of the wrong type", { ...EXAMPLE_PROMISE, startDate: 20240227 }, 400, "validation_error", "startDate"],
    ["an impossible end date", { ...EXAMPLE_PROMISE, endDate: "2025-02-29" }, 400, "validation_error", "endDate"],
    ["an unknown status", { ...EXAMPLE_PROMISE, status: "klar" }, 400, "validation_error", "status"],
    ["no commitments", { ...EXAMPLE_PROMISE, commitments: [] }, 400, "validation_error", "commitments"],
    ["a target of 0", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, target: 0 }] }, 400, "validation_error", "commitments.0.target"],
    ["a fractional target", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, target: 2.5 }] }, 400, "validation_error", "commitments.0.target"],
    ["an unknown cadence", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, cadence: "week" }] }, 400, "validation_error", "commitments.0.cadence"],
    ["a commitment without organisations", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, organisations: [] }] }, 400, "validation_error", "commitments.0.organisations"],
    ["a slug with capitals", { ...EXAMPLE_PROMISE, slug: "Backa 2024" }, 400, "validation_error", "slug"],
    ["an end before the start", { ...EXAMPLE_PROMISE, startDate: "2025-01-01", endDate: "2024-12-31" }, 422, "invalid_period", "endDate"],
    ["an unknown activity type", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, activityType: "fika" }] }, 422, "unknown_activity_type", "commitments.0.activityType"],
    ["a personnummer in a description", { ...EXAMPLE_PROMISE, commitments: [{ ...commitment, description: "Ansvarig 198507099805" }] }, 422, "personal_data", "commitments.0.description"],
    ["a personnummer in the summary", { ...EXAMPLE_PROMISE, summary: "Se 850709-9805" }, 422, "personal_data", "summary"],
  ])("refuses %s with its 4xx naming the field, and writes nothing", async (_name, body, status, code, field) => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/promises", body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    if (field) expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await t.snapshot()).toEqual(before);
  });
});

describe("GET /api/promises/:id", () => {
  it.each([
    ["an unknown id", "/api/promises/999", 404],
    ["an id that is not a number", "/api/promises/nordost", 400],
    ["a negative id", "/api/promises/-1", 400],
  ])("answers %s with its 4xx", async (_name, path, status) => {
    const response = await t.request("GET", path);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toEqual(expect.any(String));
  });
});

describe("GET /api/promises/:id/progress", () => {
  it("computes the SPEC worked example: 30 activities by 2024-07-01 on 'minst 100 per år'", async () => {
    const ids = await createExamplePromise(t);
    const batch = Array.from({ length: 30 }, (_, i) => ({ commitmentId: ids.yearly, occurredAt: i < 15 ? "2024-03-01" : "2024-07-01" }));
    expect((await t.request("POST", "/api/activities/batch", { activities: batch })).status).toBe(201);

    const response = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    expect(response.status).toBe(200);
    expect(response.body.promiseId).toBe(ids.promiseId);
    expect(response.body.asOf).toBe("2024-07-01");
    const [yearly] = response.body.commitments;
    expect(yearly).toMatchObject({ commitmentId: ids.yearly, target: 100, cadence: "year", unit: "tillfällen", status: "at_risk" });
    expect(yearly.windows).toHaveLength(2);
    const [w2024, w2025] = yearly.windows;
    expect(w2024).toMatchObject({ start: "2024-02-27", end: "2024-12-31", coveredDays: 309, fullDays: 366, actual: 30, elapsedDays: 126, status: "at_risk" });
    expect(w2024.target).toBeCloseTo((100 * 309) / 366, 10);
    expect(w2024.expectedToDate).toBeCloseTo(34.42622950819672, 10);
    expect(w2024.forecast).toBeCloseTo((30 * 309) / 126, 10);
    expect(w2024.neededPerWeek).toBeCloseTo(((100 * 309) / 366 - 30) / ((309 - 126) / 7), 10);
    expect(w2025).toMatchObject({ start: "2025-01-01", end: "2025-12-31", target: 100, actual: 0, status: "upcoming", forecast: null, neededPerWeek: null });
    expect(yearly.current).toEqual(w2024);
    expect(yearly.total.target).toBeCloseTo(184.42622950819672, 10);
    expect(yearly.total.actual).toBe(30);
  });

  it("shows how it looked on an earlier day: later activities do not count", async () => {
    const ids = await createExamplePromise(t);
    await t.request("POST", "/api/activities/batch", {
      activities: [
        { commitmentId: ids.yearly, occurredAt: "2024-03-01", quantity: 5 },
        { commitmentId: ids.yearly, occurredAt: "2024-06-01", quantity: 7 },
      ],
    });
    const earlier = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-05-31`);
    expect(earlier.body.commitments[0].total.actual).toBe(5);
    const later = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`);
    expect(later.body.commitments[0].total.actual).toBe(12);
  });

  it("counts activities between terms in the period total but in no term window", async () => {
    const ids = await createExamplePromise(t);
    await t.request("POST", "/api/activities/batch", {
      activities: [
        { commitmentId: ids.termly, occurredAt: "2024-06-10" },
        { commitmentId: ids.termly, occurredAt: "2024-07-01" },
      ],
    });
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    const termly = response.body.commitments[1];
    expect(termly.windows.map((w: { start: string; end: string }) => `${w.start}..${w.end}`)).toEqual([
      "2024-02-27..2024-06-15",
      "2024-08-15..2024-12-31",
      "2025-01-01..2025-06-15",
      "2025-08-15..2025-12-31",
    ]);
    expect(termly.windows[0].actual).toBe(1);
    expect(termly.total.actual).toBe(2);
    expect(termly.current).toBeNull();
    expect(termly.status).toBe(termly.windows[0].status); // between terms: the last ended term's status
  });

  it("tracks a commitment without a target by count, with nulls for the pace figures", async () => {
    const ids = await createExamplePromise(t);
    await t.request("POST", "/api/activities", { commitmentId: ids.untargeted, occurredAt: "2024-04-01", organisation: "Polisen", quantity: 4 });
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    const untargeted = response.body.commitments[2];
    expect(untargeted).toMatchObject({ target: null, status: "tracking", total: { target: null, actual: 4 } });
    expect(untargeted.current).toMatchObject({ target: null, expectedToDate: null, forecast: null, neededPerWeek: null, actual: 4, status: "tracking" });
  });

  it("defaults asOf to today in Stockholm", async () => {
    const ids = await createExamplePromise(t);
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/progress`);
    expect(response.body.asOf).toBe("2024-07-01");
  });

  it.each([
    ["an unknown promise", "/api/promises/999/progress", 404, undefined],
    ["an impossible asOf", "/api/promises/1/progress?asOf=2024-02-30", 400, "asOf"],
    ["an asOf in another format", "/api/promises/1/progress?asOf=1/7/2024", 400, "asOf"],
    ["an id that is not a number", "/api/promises/x/progress", 400, "id"],
  ])("answers %s with its 4xx", async (_name, path, status, field) => {
    await createExamplePromise(t);
    const response = await t.request("GET", path);
    expect(response.status).toBe(status);
    if (field) expect(response.body.error.issues[0].path).toBe(field);
  });
});
