import { beforeEach, describe, expect, it } from "vitest";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, type TestApp } from "../../test-support/test-app";

/** Issue 7: adding, removing and reordering the commitments of an existing promise; archived organisations and areas. */
let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;

beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const auditSince = async (id: number) => (await t.auditRows()).filter((r) => r.id > id);
const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;
const commitmentTitles = async () =>
  ((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.commitments as { title: string }[]).map((c) => c.title);
const organisationId = async (name: string) =>
  ((await t.request("GET", "/api/organisations")).body as { id: number; name: string }[]).find((o) => o.name === name)?.id;

const NEW_COMMITMENT = {
  title: "Minst 10 föräldravandringar per år",
  description: "Helgkvällar i centrum.",
  theme: "Föräldrar",
  activityType: "outreach",
  unit: "vandringar",
  target: 10,
  cadence: "year",
  organisations: ["Polisen", "Föräldranätverket"],
};

describe("POST /api/promises/:id/commitments", () => {
  it("adds a commitment last, with a new theme and organisation, audited; its progress starts at zero", async () => {
    const audit = await lastAuditId();
    const response = await t.request("POST", `/api/promises/${ids.promiseId}/commitments`, NEW_COMMITMENT);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      promiseId: ids.promiseId,
      title: NEW_COMMITMENT.title,
      description: NEW_COMMITMENT.description,
      theme: "Föräldrar",
      activityType: "outreach",
      unit: "vandringar",
      target: 10,
      cadence: "year",
      organisations: ["Föräldranätverket", "Polisen"],
    });
    const promise = (await t.request("GET", `/api/promises/${ids.promiseId}`)).body;
    expect(promise.commitments.map((c: { title: string }) => c.title)).toEqual([...EXAMPLE_PROMISE.commitments.map((c) => c.title), NEW_COMMITMENT.title]);
    expect(promise.themes).toEqual(["Fritid", "Föräldrar"]);
    const actions = (await auditSince(audit)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["commitment.create", "organisation.create", "commitment.organisation.add", "promise.theme.create"]));

    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`);
    const added = progress.body.commitments.find((c: { commitmentId: number }) => c.commitmentId === response.body.id);
    expect(added).toMatchObject({ target: 10, total: { actual: 0 }, current: { actual: 0 } });
    const logged = await t.request("POST", "/api/activities", { commitmentId: response.body.id, occurredAt: "2024-05-04T20:00:00+02:00", quantity: 2 });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  });

  it("refuses bad input at the field (400/422), an archived organisation and an unknown type, writing nothing", async () => {
    const polisen = await organisationId("Polisen");
    expect((await t.request("PATCH", `/api/organisations/${polisen}`, { archived: true })).status).toBe(200);
    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    const cases: [unknown, number, string, RegExp][] = [
      [{ ...NEW_COMMITMENT, title: "" }, 400, "title", /Titeln får inte vara tomt/],
      [{ ...NEW_COMMITMENT, target: 0 }, 400, "target", /större än 0/],
      [{ ...NEW_COMMITMENT, cadence: "vecka" }, 400, "cadence", /Takt/],
      [{ ...NEW_COMMITMENT, organisations: [] }, 400, "organisations", /minst en ansvarig aktör/],
      [{ ...NEW_COMMITMENT, activityType: "okänd" }, 422, "activityType", /Aktivitetstypen "okänd" finns inte/],
      [{ ...NEW_COMMITMENT, organisations: ["Föräldranätverket", "Polisen"] }, 422, "organisations.1", /Aktören "Polisen" är arkiverad/],
    ];
    for (const [body, status, path, message] of cases) {
      const response = await t.request("POST", `/api/promises/${ids.promiseId}/commitments`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error.issues[0].path, JSON.stringify(response.body)).toBe(path);
      expect(response.body.error.issues[0].message).toMatch(message);
    }
    expect(await t.snapshot()).toEqual(snapshot);
    expect(await auditSince(audit)).toEqual([]);
  });

  it("is for managers and admins; 404 for an unknown promise", async () => {
    for (const [as, status] of [["coordinator", 403], ["viewer", 403], ["anonymous", 401], ["manager", 201]] as const) {
      const response = await t.request("POST", `/api/promises/${ids.promiseId}/commitments`, NEW_COMMITMENT, {}, as);
      expect(response.status, as).toBe(status);
    }
    expect((await t.request("POST", "/api/promises/9999/commitments", NEW_COMMITMENT)).status).toBe(404);
  });
});

describe("DELETE /api/commitments/:id", () => {
  it("removes a commitment nothing was recorded against, with its organisations, audited", async () => {
    const audit = await lastAuditId();
    const response = await t.request("DELETE", `/api/commitments/${ids.untargeted}`);
    expect(response.status, JSON.stringify(response.body)).toBe(204);
    expect(await commitmentTitles()).toEqual([EXAMPLE_PROMISE.commitments[0].title, EXAMPLE_PROMISE.commitments[1].title]);
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["commitment.delete", "commitment.organisation.remove"]));
    expect(rows.find((r) => r.action === "commitment.delete")?.before).toMatchObject({ title: "Trygg i-samverkan" });
    expect((await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`)).body.commitments).toHaveLength(2);
    expect((await t.request("DELETE", `/api/commitments/${ids.untargeted}`)).status).toBe(404);
  });

  it("refuses a commitment with activities, even voided ones, or updates (409), and the last one of a promise", async () => {
    const logged = await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-05-04T20:00:00+02:00", quantity: 1 });
    expect(logged.status).toBe(201);
    expect((await t.request("POST", `/api/activities/${logged.body.id}/void`, { reason: "Fel åtagande" })).status).toBe(200);
    const snapshot = await t.snapshot();
    const inUse = await t.request("DELETE", `/api/commitments/${ids.yearly}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: "commitment_in_use", message: expect.stringMatching(/har 1 registrerad aktivitet och kan inte tas bort/) });
    expect(await t.snapshot()).toEqual(snapshot);

    expect((await t.request("DELETE", `/api/commitments/${ids.untargeted}`)).status).toBe(204);
    expect((await t.request("DELETE", `/api/commitments/${ids.termly}`)).status).toBe(204);
    const last = await t.request("DELETE", `/api/commitments/${ids.yearly}`);
    expect(last.status).toBe(409);
    expect(await commitmentTitles()).toEqual([EXAMPLE_PROMISE.commitments[0].title]);
  });

  it("is for managers and admins", async () => {
    for (const [as, status] of [["coordinator", 403], ["viewer", 403], ["anonymous", 401], ["manager", 204]] as const) {
      expect((await t.request("DELETE", `/api/commitments/${ids.untargeted}`, undefined, {}, as)).status, as).toBe(status);
    }
  });
});

describe("PUT /api/promises/:id/commitment-order", () => {
  it("puts the commitments in the new order everywhere: detail, progress, export; audited", async () => {
    const audit = await lastAuditId();
    const order = [ids.untargeted, ids.yearly, ids.termly];
    const response = await t.request("PUT", `/api/promises/${ids.promiseId}/commitment-order`, { commitmentIds: order });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.commitments.map((c: { id: number }) => c.id)).toEqual(order);
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`);
    expect(progress.body.commitments.map((c: { commitmentId: number }) => c.commitmentId)).toEqual(order);
    const exported = await t.request("GET", `/api/promises/${ids.promiseId}/export`);
    expect(exported.body.commitments.map((c: { title: string }) => c.title)).toEqual(["Trygg i-samverkan", EXAMPLE_PROMISE.commitments[0].title, EXAMPLE_PROMISE.commitments[1].title]);
    expect((await auditSince(audit)).filter((r) => r.action === "commitment.update").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses an order that leaves out, repeats or borrows a commitment (400 naming it), writing nothing", async () => {
    const other = (await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, title: "Ett annat löfte", slug: "ett-annat" })).body.commitments[0].id;
    const snapshot = await t.snapshot();
    const cases: [unknown, string, RegExp][] = [
      [{ commitmentIds: [ids.yearly, ids.termly] }, "commitmentIds", new RegExp(`${ids.untargeted} saknas`)],
      [{ commitmentIds: [ids.yearly, ids.yearly, ids.termly, ids.untargeted] }, "commitmentIds.1", /två gånger/],
      [{ commitmentIds: [ids.yearly, ids.termly, ids.untargeted, other] }, "commitmentIds.3", /hör inte till det här medborgarlöftet/],
      [{ commitmentIds: [] }, "commitmentIds", /minst ett åtagande/],
      [{ commitmentIds: "1,2,3" }, "commitmentIds", /lista/],
    ];
    for (const [body, path, message] of cases) {
      const response = await t.request("PUT", `/api/promises/${ids.promiseId}/commitment-order`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.issues[0].path).toBe(path);
      expect(response.body.error.issues[0].message).toMatch(message);
    }
    expect(await t.snapshot()).toEqual(snapshot);
    expect((await t.request("PUT", "/api/promises/9999/commitment-order", { commitmentIds: [1] })).status).toBe(404);
    expect((await t.request("PUT", `/api/promises/${ids.promiseId}/commitment-order`, { commitmentIds: [ids.yearly] }, {}, "coordinator")).status).toBe(403);
  });
});

describe("archived activity types take no new commitments", () => {
  it("refuses an archived type for a new promise, a new commitment and a changed one, but keeps it where it is", async () => {
    expect((await t.request("PATCH", "/api/activity-types/sspf_meeting", { archived: true })).status).toBe(200);
    const snapshot = await t.snapshot();
    const created = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, title: "Nytt löfte", slug: "nytt-lofte" });
    expect(created.status).toBe(422);
    expect(created.body.error.issues[0]).toMatchObject({ path: "commitments.1.activityType", code: "activity_type_archived" });
    expect(created.body.error.issues[0].message).toMatch(/Aktivitetstypen "SSPF-möte" är arkiverad/);
    const added = await t.request("POST", `/api/promises/${ids.promiseId}/commitments`, { ...NEW_COMMITMENT, activityType: "sspf_meeting" });
    expect(added.status).toBe(422);
    expect(added.body.error.issues[0]).toMatchObject({ path: "activityType", code: "activity_type_archived" });
    const changed = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { activityType: "sspf_meeting" });
    expect(changed.status).toBe(422);
    expect(await t.snapshot()).toEqual(snapshot);
    // The termly commitment has the type already: it keeps it through other changes.
    const kept = await t.request("PATCH", `/api/commitments/${ids.termly}`, { activityType: "sspf_meeting", title: "SSPF varje termin" });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.activityType).toBe("sspf_meeting");
  });
});

describe("archived organisations and areas take nothing new", () => {
  it("POST /api/promises refuses an archived organisation or area at its field; PATCH commitment keeps an archived one it has but refuses a new one", async () => {
    const polisen = await organisationId("Polisen");
    expect((await t.request("PATCH", `/api/organisations/${polisen}`, { archived: true })).status).toBe(200);
    const created = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, title: "Nytt löfte", slug: "nytt-lofte" });
    expect(created.status).toBe(422);
    expect(created.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["commitments.1.organisations.0", "commitments.2.organisations.1"]);
    expect(created.body.error.issues[0].message).toMatch(/Aktören "Polisen" är arkiverad/);

    // The termly commitment has Polisen already: a change of title keeps it.
    const kept = await t.request("PATCH", `/api/commitments/${ids.termly}`, { title: "Två SSPF-möten", organisations: ["Polisen"] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    const added = await t.request("PATCH", `/api/commitments/${ids.yearly}`, { organisations: ["Fältenheten", "Polisen"] });
    expect(added.status).toBe(422);
    expect(added.body.error.issues[0]).toMatchObject({ path: "organisations.1", code: "organisation_archived" });

    const areas = (await t.request("GET", "/api/areas")).body as { id: number; name: string }[];
    const area = areas.find((a) => a.name === "Testområdet");
    expect((await t.request("PATCH", `/api/areas/${area?.id}`, { archived: true })).status).toBe(200);
    const inArchivedArea = await t.request("POST", "/api/promises", {
      ...EXAMPLE_PROMISE,
      slug: "i-arkiverat-omrade",
      commitments: [EXAMPLE_PROMISE.commitments[0]],
    });
    expect(inArchivedArea.status).toBe(422);
    expect(inArchivedArea.body.error.issues[0]).toMatchObject({ path: "area", code: "area_archived" });
    // The promise that already has the area keeps it; moving another promise there is refused.
    expect((await t.request("PATCH", `/api/promises/${ids.promiseId}`, { area: "Testområdet", title: "Samma område" })).status).toBe(200);
    const other = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, area: "Annat område", slug: "annat", commitments: [EXAMPLE_PROMISE.commitments[0]] });
    expect(other.status).toBe(201);
    const moved = await t.request("PATCH", `/api/promises/${other.body.id}`, { area: "Testområdet" });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues[0].path).toBe("area");
  });
});
