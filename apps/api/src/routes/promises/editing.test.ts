import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, type TestApp } from "../../test-support/test-app";
import { renewedTitle } from "../../services/promises";

/** Issue 7, "The contract": editing, renewing and exporting promises. */
let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;

beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const log = async (commitmentId: number, occurredAt: string, quantity = 1) => {
  const response = await t.request("POST", "/api/activities", { commitmentId, occurredAt, quantity });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id as number;
};
const auditSince = async (id: number) => (await t.auditRows()).filter((r) => r.id > id);
const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;

describe("PATCH /api/promises/:id", () => {
  it("changes the fields given, keeps the slug, returns the promise as GET does, and is audited", async () => {
    const before = await t.request("GET", `/api/promises/${ids.promiseId}`);
    const audit = await lastAuditId();
    const response = await t.request("PATCH", `/api/promises/${ids.promiseId}`, {
      title: "Nytt namn",
      slug: "ignoreras",
      summary: "En sammanfattning.",
      contact: "Kommunpolis",
      status: "draft",
      area: "Nytt område",
      endDate: "2026-06-30",
      themes: ["Skola", "Fritid"],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const got = await t.request("GET", `/api/promises/${ids.promiseId}`);
    expect(response.body).toEqual(got.body);
    expect(got.body).toMatchObject({
      slug: before.body.slug,
      title: "Nytt namn",
      summary: "En sammanfattning.",
      contact: "Kommunpolis",
      status: "draft",
      area: "Nytt område",
      startDate: "2024-02-27",
      endDate: "2026-06-30",
      themes: ["Skola", "Fritid"],
      predecessorId: null,
      successorId: null,
    });
    const rows = await auditSince(audit);
    const update = rows.find((r) => r.action === "promise.update");
    expect(update).toMatchObject({ user_id: t.users.admin.id, record_id: String(ids.promiseId) });
    expect(update?.before).toMatchObject({ title: EXAMPLE_PROMISE.title, endDate: "2025-12-31", predecessorId: null });
    expect(update?.after).toMatchObject({ title: "Nytt namn", endDate: "2026-06-30", slug: before.body.slug });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["area.create", "promise.update", "promise.theme.create"]));
  });

  it("refuses an end before the start with 400 naming endDate, writing nothing", async () => {
    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    for (const body of [{ startDate: "2024-05-01", endDate: "2024-04-01" }, { endDate: "2024-01-01" }]) {
      const response = await t.request("PATCH", `/api/promises/${ids.promiseId}`, body);
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0]).toMatchObject({ path: "endDate", message: expect.stringContaining("Slutdatumet ligger före startdatumet") });
    }
    const badDate = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { startDate: "2024-02-30" });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues[0].path).toBe("startDate");
    const badStatus = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { status: "klar" });
    expect(badStatus.body.error.issues[0].path).toBe("status");
    expect(await t.snapshot()).toEqual(snapshot);
    expect(await auditSince(audit)).toEqual([]);
  });

  it("refuses a period that leaves activities outside it (422 naming the date and how many)", async () => {
    await log(ids.yearly, "2024-03-01");
    await log(ids.termly, "2024-03-05", 2);
    await log(ids.yearly, "2024-06-20");
    const snapshot = await t.snapshot();
    const response = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { startDate: "2024-04-01" });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "activities_outside_period" });
    expect(response.body.error.issues).toEqual([
      expect.objectContaining({ path: "startDate", message: expect.stringContaining("2 aktiviteter ligger före det nya startdatumet 2024-04-01") }),
    ]);
    const end = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { endDate: "2024-06-01" });
    expect(end.status).toBe(422);
    expect(end.body.error.issues[0]).toMatchObject({ path: "endDate", message: expect.stringContaining("1 aktivitet ligger efter") });
    expect(await t.snapshot()).toEqual(snapshot);
    // Inside the activities: allowed.
    expect((await t.request("PATCH", `/api/promises/${ids.promiseId}`, { startDate: "2024-03-01" })).status).toBe(200);
  });

  it("refuses removing a theme a commitment uses", async () => {
    const response = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { themes: ["Skola"] });
    expect(response.status).toBe(422);
    expect(response.body.error.issues[0]).toMatchObject({ path: "themes", code: "theme_in_use" });
  });

  it("is for managers and admins: coordinator and viewer 403, anonymous 401, 404 for an unknown promise", async () => {
    for (const [as, status] of [["coordinator", 403], ["viewer", 403], ["anonymous", 401], ["manager", 200]] as const) {
      const response = await t.request("PATCH", `/api/promises/${ids.promiseId}`, { title: `Av ${as}` }, {}, as);
      expect(response.status, as).toBe(status);
    }
    expect((await t.request("PATCH", "/api/promises/9999", { title: "X" })).status).toBe(404);
  });
});

describe("PATCH /api/commitments/:id", () => {
  it("changes the fields and organisations (unknown ones created), audited", async () => {
    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    const response = await t.request("PATCH", `/api/commitments/${ids.yearly}`, {
      title: "Minst 120 uppsökande per år",
      description: "Kvällar och helger.",
      theme: "Skola",
      activityType: "hotspot_patrol",
      unit: "pass",
      target: 120,
      organisations: ["Polisen", "Helt ny aktör"],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({
      id: ids.yearly,
      promiseId: ids.promiseId,
      title: "Minst 120 uppsökande per år",
      description: "Kvällar och helger.",
      theme: "Skola",
      activityType: "hotspot_patrol",
      unit: "pass",
      target: 120,
      cadence: "year",
      organisations: ["Helt ny aktör", "Polisen"],
    });
    const promise = await t.request("GET", `/api/promises/${ids.promiseId}`);
    expect(promise.body.commitments[0]).toEqual(response.body);
    expect(promise.body.themes).toEqual(["Fritid", "Skola"]);
    expect((await t.snapshot()).organisations).toBe((snapshot.organisations ?? 0) + 1);
    const actions = (await auditSince(audit)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["commitment.update", "organisation.create"]));
    const update = (await auditSince(audit)).find((r) => r.action === "commitment.update");
    expect(update?.before).toMatchObject({ target: 100 });
    expect(update?.after).toMatchObject({ target: 120 });
  });

  it("asks for confirmation before a new target or cadence of a commitment with activities; progress recomputes", async () => {
    await log(ids.yearly, "2024-03-01", 10);
    const voided = await log(ids.yearly, "2024-03-02", 5);
    await t.request("POST", `/api/activities/${voided}/void`, { reason: "Fel" });
    const progress = async () =>
      (await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`)).body.commitments.find(
        (c: { commitmentId: number }) => c.commitmentId === ids.yearly,
      );
    expect((await progress()).windows[0].target).toBeCloseTo((100 * 309) / 366);

    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    const refused = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { target: 50 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("confirmation_required");
    expect(refused.body.error.message).toMatch(/1 registrerad aktivitet.*räknas uppföljningen om/);
    const cadence = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { cadence: "month", confirm: false });
    expect(cadence.status).toBe(409);
    expect(await t.snapshot()).toEqual(snapshot);
    expect(await auditSince(audit)).toEqual([]);
    // Same value or a title only: no confirmation needed.
    expect((await t.request("PATCH", `/api/commitments/${ids.yearly}`, { target: 100, title: "Ny titel" })).status).toBe(200);

    const confirmed = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { target: 50, cadence: "period", confirm: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ target: 50, cadence: "period" });
    const after = await progress();
    expect(after).toMatchObject({ target: 50, cadence: "period" });
    expect(after.windows).toHaveLength(1);
    expect(after.windows[0]).toMatchObject({ start: "2024-02-27", end: "2025-12-31", target: 50, actual: 10 });
    const update = (await auditSince(audit)).filter((r) => r.action === "commitment.update").at(-1);
    expect(update?.before).toMatchObject({ target: 100, cadence: "year" });
    expect(update?.after).toMatchObject({ target: 50, cadence: "period" });

    // A commitment without activities changes without confirmation.
    expect((await t.request("PATCH", `/api/commitments/${ids.untargeted}`, { target: 10 })).status).toBe(200);
  });

  it("refuses bad input with 400 naming the field, writing nothing; permissions", async () => {
    const snapshot = await t.snapshot();
    for (const [body, path] of [
      [{ target: 0 }, "target"],
      [{ target: 1.5 }, "target"],
      [{ cadence: "week" }, "cadence"],
      [{ organisations: [] }, "organisations"],
      [{ title: "" }, "title"],
      [{ confirm: "ja" }, "confirm"],
    ] as const) {
      const response = await t.request("PATCH", `/api/commitments/${ids.yearly}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.issues[0].path).toBe(path);
    }
    const unknownType = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { activityType: "finns_inte" });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.error.issues[0].path).toBe("activityType");
    for (const [as, status] of [["coordinator", 403], ["viewer", 403], ["anonymous", 401]] as const) {
      expect((await t.request("PATCH", `/api/commitments/${ids.yearly}`, { title: "X" }, {}, as)).status).toBe(status);
    }
    expect(await t.snapshot()).toEqual(snapshot);
    expect((await t.request("PATCH", "/api/commitments/9999", { title: "X" })).status).toBe(404);
  });
});

describe("POST /api/promises/:id/renew", () => {
  it("makes a draft copy for the new period, linked to its predecessor, without activities; both periods' progress", async () => {
    await log(ids.yearly, "2024-03-01", 7);
    await log(ids.termly, "2024-03-05", 1);
    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    const response = await t.request("POST", `/api/promises/${ids.promiseId}/renew`, { startDate: "2026-01-01", endDate: "2027-12-31" });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const renewed = response.body;
    const old = (await t.request("GET", `/api/promises/${ids.promiseId}`)).body;
    expect(renewed).toEqual((await t.request("GET", `/api/promises/${renewed.id}`)).body);
    expect(renewed).toMatchObject({
      title: "Medborgarlöfte Testområdet 2026–2027",
      slug: "medborgarlofte-testomradet-2026-2027",
      status: "draft",
      area: old.area,
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      themes: old.themes,
      predecessorId: ids.promiseId,
      successorId: null,
    });
    expect(old.successorId).toBe(renewed.id);
    const strip = ({ id: _id, promiseId: _p, ...rest }: Record<string, unknown>) => rest;
    expect(renewed.commitments.map(strip)).toEqual(old.commitments.map(strip));
    expect(renewed.commitments.map((c: { id: number }) => c.id)).not.toEqual(old.commitments.map((c: { id: number }) => c.id));
    const after = await t.snapshot();
    expect(after.activities).toBe(snapshot.activities);
    expect(after.promises).toBe((snapshot.promises ?? 0) + 1);
    expect(after.commitments).toBe((snapshot.commitments ?? 0) + 3);
    const create = (await auditSince(audit)).find((r) => r.action === "promise.create");
    expect(create?.after).toMatchObject({ predecessorId: ids.promiseId, status: "draft" });

    const oldProgress = (await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`)).body;
    const newProgress = (await t.request("GET", `/api/promises/${renewed.id}/progress?asOf=2026-07-01`)).body;
    expect(oldProgress.commitments[0].total.actual).toBe(7);
    expect(newProgress.commitments[0]).toMatchObject({ cadence: "year", target: 100, total: { target: 200, actual: 0 } });
    expect(newProgress.commitments[1].windows.map((w: { start: string }) => w.start)).toEqual(["2026-01-01", "2026-08-15", "2027-01-01", "2027-08-15"]);

    // Renewed again with the same years: a new unique slug.
    const again = await t.request("POST", `/api/promises/${ids.promiseId}/renew`, { startDate: "2026-01-01", endDate: "2027-12-31" });
    expect(again.status).toBe(201);
    expect(again.body.slug).toBe("medborgarlofte-testomradet-2026-2027-2");
  });

  it("names the title after the new years, or adds (förnyat)", () => {
    const p = (s: string, e: string) => ({ startDate: s, endDate: e });
    expect(renewedTitle("Medborgarlöfte Nordost 2023–2024", p("2023-01-01", "2024-12-31"), p("2025-01-01", "2026-12-31"))).toBe("Medborgarlöfte Nordost 2025–2026");
    expect(renewedTitle("Löfte 2023-2024", p("2023-01-01", "2024-12-31"), p("2025-01-01", "2025-12-31"))).toBe("Löfte 2025");
    expect(renewedTitle("Löfte 2024", p("2024-01-01", "2024-12-31"), p("2025-01-01", "2026-12-31"))).toBe("Löfte 2025–2026");
    expect(renewedTitle("Löfte Nordost", p("2024-01-01", "2024-12-31"), p("2025-01-01", "2025-12-31"))).toBe("Löfte Nordost (förnyat)");
  });

  it("refuses a bad period (400, nothing written) and callers without promise.write", async () => {
    const snapshot = await t.snapshot();
    const bad = await t.request("POST", `/api/promises/${ids.promiseId}/renew`, { startDate: "2026-01-01", endDate: "2025-12-31" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({ path: "endDate", message: "Slutdatumet ligger före startdatumet." });
    const missing = await t.request("POST", `/api/promises/${ids.promiseId}/renew`, { endDate: "2025-12-31" });
    expect(missing.body.error.issues[0].path).toBe("startDate");
    for (const [as, status] of [["coordinator", 403], ["viewer", 403], ["anonymous", 401]] as const) {
      expect((await t.request("POST", `/api/promises/${ids.promiseId}/renew`, { startDate: "2026-01-01", endDate: "2026-12-31" }, {}, as)).status).toBe(status);
    }
    expect(await t.snapshot()).toEqual(snapshot);
    expect((await t.request("POST", "/api/promises/9999/renew", { startDate: "2026-01-01", endDate: "2026-12-31" })).status).toBe(404);
  });
});

describe("GET /api/promises/:id/export", () => {
  const dataDir = fileURLToPath(new URL("../../../../../data/promises", import.meta.url));
  const SEED_ONLY = ["source", "relativePeriod", "demoPlaces"];
  const files = readdirSync(dataDir).filter((f) => f.endsWith(".json"));

  it.each(files)("round trip of data/promises/%s: export, re-import under another slug, export again: identical", async (file) => {
    const raw = JSON.parse(readFileSync(`${dataDir}/${file}`, "utf8"));
    const body = Object.fromEntries(Object.entries(raw).filter(([key]) => !SEED_ONLY.includes(key)));
    if (raw.relativePeriod) Object.assign(body, { startDate: "2025-01-01", endDate: "2026-12-31" });
    body.commitments = raw.commitments.map(({ demo: _demo, ...c }: Record<string, unknown>) => c);
    const created = await t.request("POST", "/api/promises", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const exported = await t.request("GET", `/api/promises/${created.body.id}/export`);
    expect(exported.status).toBe(200);
    // What the file holds (organisations in name order, as the API lists them).
    const sortOrgs = (p: { commitments: { organisations: string[] }[] }) => ({
      ...p,
      commitments: p.commitments.map((c) => ({ ...c, organisations: [...c.organisations].sort() })),
    });
    expect(sortOrgs(exported.body)).toEqual(sortOrgs(body as never));

    const reimported = await t.request("POST", "/api/promises", { ...exported.body, slug: `${exported.body.slug}-kopia` });
    expect(reimported.status, JSON.stringify(reimported.body)).toBe(201);
    const again = await t.request("GET", `/api/promises/${reimported.body.id}/export`);
    expect(again.body.slug).toBe(`${exported.body.slug}-kopia`);
    expect({ ...again.body, slug: exported.body.slug }).toEqual(exported.body);
  });

  it("every signed-in role may export; anonymous 401; 404 unknown", async () => {
    for (const as of ["viewer", "coordinator", "manager"] as const) {
      expect((await t.request("GET", `/api/promises/${ids.promiseId}/export`, undefined, {}, as)).status).toBe(200);
    }
    expect((await t.request("GET", `/api/promises/${ids.promiseId}/export`, undefined, {}, "anonymous")).status).toBe(401);
    expect((await t.request("GET", "/api/promises/9999/export")).status).toBe(404);
    const [row] = await t.query<{ n: number }>(sql`SELECT count(*) AS n FROM promises`);
    expect(Number(row?.n)).toBe(1);
  });
});
