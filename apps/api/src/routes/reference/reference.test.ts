import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createExamplePromise, createTestApp, type TestApp } from "../../test-support/test-app";

/** Issue 7, part 3: the organisations and areas lists — add, rename, merge duplicates, archive. */
let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;
beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

type Org = { id: number; name: string; kind: string; archived: boolean; commitments: number; activities: number };
type AreaRow = { id: number; name: string; parentId: number | null; archived: boolean; promises: number };
const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;
const auditSince = async (after: number) => (await t.auditRows()).filter((r) => r.id > after);
const organisations = async () => (await t.request("GET", "/api/organisations")).body as Org[];
const org = async (name: string) => {
  const found = (await organisations()).find((o) => o.name === name);
  if (!found) throw new Error(`no organisation ${name}`);
  return found;
};
const areas = async () => (await t.request("GET", "/api/areas")).body as AreaRow[];
const log = async (commitmentId: number, organisation: string, quantity = 1) => {
  const response = await t.request("POST", "/api/activities", { commitmentId, occurredAt: "2024-03-01", organisation, quantity });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
};

describe("organisations", () => {
  it("lists every organisation with its commitments and activities", async () => {
    await log(ids.untargeted, "Polisen", 3);
    await log(ids.termly, "Polisen");
    const list = await organisations();
    expect(list.map((o) => o.name)).toEqual([...list.map((o) => o.name)].sort((a, b) => a.localeCompare(b, "sv")));
    expect(list.find((o) => o.name === "Polisen")).toEqual({ id: expect.any(Number), name: "Polisen", kind: "police", archived: false, commitments: 2, activities: 2 });
    expect(list.find((o) => o.name === "Fältenheten")).toMatchObject({ commitments: 1, activities: 0 });
  });

  it("adds one, audited; the same name again is 409", async () => {
    const audit = await lastAuditId();
    const created = await t.request("POST", "/api/organisations", { name: " Bostadsbolaget ", kind: "housing" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), name: "Bostadsbolaget", kind: "housing", archived: false, commitments: 0, activities: 0 });
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["organisation.create"]);
    const again = await t.request("POST", "/api/organisations", { name: "bostadsbolaget" });
    expect(again.status).toBe(409);
    expect(again.body.error.issues[0].path).toBe("name");
  });

  it("renames, audited; a name another organisation has is 409 suggesting a merge, writing nothing", async () => {
    const polisen = await org("Polisen");
    const audit = await lastAuditId();
    const renamed = await t.request("PATCH", `/api/organisations/${polisen.id}`, { name: "Polisen Syd" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: polisen.id, name: "Polisen Syd", commitments: 2 });
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["organisation.update"]);
    expect(rows[0]?.before).toEqual({ id: polisen.id, name: "Polisen", kind: "police", archivedAt: null });
    expect(rows[0]?.after).toMatchObject({ name: "Polisen Syd" });
    // The promise shows the new name.
    expect((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.commitments[1].organisations).toEqual(["Polisen Syd"]);

    const before = await t.snapshot();
    const after = await lastAuditId();
    const taken = await t.request("PATCH", `/api/organisations/${polisen.id}`, { name: "Fältenheten" });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: "name_taken", issues: [{ path: "name", code: "name_taken" }] });
    expect(taken.body.error.message).toMatch(/Slå ihop/);
    expect(await t.snapshot()).toEqual(before);
    expect(await lastAuditId()).toBe(after);
  });

  it("archives and unarchives, audited with archivedAt", async () => {
    const polisen = await org("Polisen");
    const audit = await lastAuditId();
    const archived = await t.request("PATCH", `/api/organisations/${polisen.id}`, { archived: true });
    expect(archived.body).toMatchObject({ archived: true, commitments: 2 });
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["organisation.update"]);
    expect(rows[0]?.after).toMatchObject({ archivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // Archiving again changes nothing.
    expect((await t.request("PATCH", `/api/organisations/${polisen.id}`, { archived: true })).status).toBe(200);
    expect(await auditSince(audit)).toHaveLength(1);
    expect((await t.request("PATCH", `/api/organisations/${polisen.id}`, { archived: false })).body.archived).toBe(false);
  });

  it("merges a duplicate: commitments, activities and users follow, a shared link is not doubled, totals unchanged, audited", async () => {
    // "Polisområde Syd" is a duplicate of Polisen: on a commitment with Polisen, and on one of its own.
    const created = await t.request("POST", "/api/promises", {
      title: "Dubblettlöftet",
      area: "Testområdet",
      startDate: "2024-01-01",
      endDate: "2024-12-31",
      commitments: [
        { title: "Gemensam", activityType: "samverkan_meeting", target: null, cadence: "period", organisations: ["Polisen", "Polisområde Syd"] },
        { title: "Egen", activityType: "sspf_meeting", target: 2, cadence: "year", organisations: ["Polisområde Syd"] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [shared, own] = created.body.commitments.map((c: { id: number }) => c.id);
    await log(shared, "Polisområde Syd", 2);
    await log(own, "Polisområde Syd");
    await log(shared, "Polisen");
    const duplicate = await org("Polisområde Syd");
    const polisen = await org("Polisen");
    const user = await t.request("POST", "/api/users", {
      email: "syd@test.invalid",
      name: "Samordnare Syd",
      role: "coordinator",
      organisations: ["Polisområde Syd"],
      password: "ett långt nytt lösenord",
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    expect(duplicate).toMatchObject({ commitments: 2, activities: 2 });
    const totals = await t.dailyTotalsState();
    const progress = (await t.request("GET", `/api/promises/${created.body.id}/progress?asOf=2024-06-01`)).body;

    const audit = await lastAuditId();
    const merged = await t.request("POST", `/api/organisations/${duplicate.id}/merge`, { into: polisen.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual({ ...polisen, commitments: 4, activities: 3 });
    expect((await organisations()).some((o) => o.name === "Polisområde Syd")).toBe(false);
    const detail = (await t.request("GET", `/api/promises/${created.body.id}`)).body;
    expect(detail.commitments.map((c: { organisations: string[] }) => c.organisations)).toEqual([["Polisen"], ["Polisen"]]);
    const activityOrgs = await t.query<{ organisation_id: number }>(sql`SELECT DISTINCT organisation_id FROM activities WHERE commitment_id IN (${shared}, ${own})`);
    expect(activityOrgs.map((r) => r.organisation_id)).toEqual([polisen.id]);
    const userLinks = await t.query<{ organisation_id: number }>(sql`SELECT organisation_id FROM user_organisations WHERE user_id = ${user.body.id}`);
    expect(userLinks.map((r) => r.organisation_id)).toEqual([polisen.id]);
    expect(await t.dailyTotalsState()).toEqual(totals);
    expect((await t.request("GET", `/api/promises/${created.body.id}/progress?asOf=2024-06-01`)).body).toEqual(progress);

    const actions = (await auditSince(audit)).map((r) => r.action);
    expect(actions.filter((a) => a === "activity.update")).toHaveLength(2);
    expect(actions).toContain("commitment.organisation.remove");
    expect(actions).toContain("commitment.organisation.update");
    expect(actions).toContain("user.organisation.update");
    expect(actions.at(-1)).toBe("organisation.delete");
  });

  it("refuses a merge into itself (400 into) or into nothing (404 into), writing nothing", async () => {
    const polisen = await org("Polisen");
    const before = await t.snapshot();
    const audit = await lastAuditId();
    const self = await t.request("POST", `/api/organisations/${polisen.id}/merge`, { into: polisen.id });
    expect(self.status).toBe(400);
    expect(self.body.error.issues[0].path).toBe("into");
    const none = await t.request("POST", `/api/organisations/${polisen.id}/merge`, { into: 9999 });
    expect(none.status).toBe(404);
    expect(none.body.error.issues[0].path).toBe("into");
    expect((await t.request("POST", "/api/organisations/9999/merge", { into: polisen.id })).status).toBe(404);
    expect(await t.snapshot()).toEqual(before);
    expect(await lastAuditId()).toBe(audit);
  });

  it("400 naming the field for bad input, writing nothing", async () => {
    const polisen = await org("Polisen");
    const before = await t.snapshot();
    const audit = await lastAuditId();
    for (const [method, path, body, field] of [
      ["POST", "/api/organisations", { name: "" }, "name"],
      ["POST", "/api/organisations", { name: "Ny", kind: "church" }, "kind"],
      ["PATCH", `/api/organisations/${polisen.id}`, { name: "   " }, "name"],
      ["PATCH", `/api/organisations/${polisen.id}`, { archived: "ja" }, "archived"],
      ["POST", `/api/organisations/${polisen.id}/merge`, { into: "Polisen" }, "into"],
      ["POST", `/api/organisations/${polisen.id}/merge`, {}, "into"],
    ] as const) {
      const response = await t.request(method, path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.issues[0].path).toBe(field);
    }
    expect(await t.snapshot()).toEqual(before);
    expect(await lastAuditId()).toBe(audit);
  });
});

describe("areas", () => {
  it("lists, adds (409 for a taken name), renames and archives, audited", async () => {
    expect(await areas()).toEqual([{ id: expect.any(Number), name: "Testområdet", parentId: null, archived: false, promises: 1 }]);
    const audit = await lastAuditId();
    const created = await t.request("POST", "/api/areas", { name: "Södra", parentId: null });
    expect(created.status).toBe(201);
    expect((await t.request("POST", "/api/areas", { name: "södra" })).status).toBe(409);
    const renamed = await t.request("PATCH", `/api/areas/${created.body.id}`, { name: "Södra innerstaden" });
    expect(renamed.body).toMatchObject({ name: "Södra innerstaden", promises: 0 });
    expect((await t.request("PATCH", `/api/areas/${created.body.id}`, { name: "Testområdet" })).status).toBe(409);
    expect((await t.request("PATCH", `/api/areas/${created.body.id}`, { archived: true })).body.archived).toBe(true);
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["area.create", "area.update", "area.update"]);
    expect(rows[2]?.after).toMatchObject({ name: "Södra innerstaden", archivedAt: expect.any(String) });
  });

  it("merges a duplicate: its promises and sub-areas follow, the target keeps its parent, audited", async () => {
    const city = (await t.request("POST", "/api/areas", { name: "Staden" })).body as AreaRow;
    const target = (await t.request("POST", "/api/areas", { name: "Centrum", parentId: city.id })).body as AreaRow;
    const duplicate = (await areas()).find((a) => a.name === "Testområdet") as AreaRow;
    const child = (await t.request("POST", "/api/areas", { name: "Kvarteret", parentId: duplicate.id })).body as AreaRow;
    const progress = (await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`)).body;
    const audit = await lastAuditId();
    const merged = await t.request("POST", `/api/areas/${duplicate.id}/merge`, { into: target.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual({ id: target.id, name: "Centrum", parentId: city.id, archived: false, promises: 1 });
    expect((await areas()).find((a) => a.id === child.id)?.parentId).toBe(target.id);
    expect((await areas()).some((a) => a.id === duplicate.id)).toBe(false);
    expect((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.area).toBe("Centrum");
    expect((await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`)).body.commitments).toEqual(progress.commitments);
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["promise.update", "area.update", "area.delete"]);
  });

  it("400 naming the field for bad input, writing nothing", async () => {
    const [area] = await areas();
    const before = await t.snapshot();
    const audit = await lastAuditId();
    for (const [method, path, body, field] of [
      ["POST", "/api/areas", { name: 5 }, "name"],
      ["POST", "/api/areas", { name: "Ny", parentId: -1 }, "parentId"],
      ["PATCH", `/api/areas/${area?.id}`, { name: "" }, "name"],
      ["POST", `/api/areas/${area?.id}/merge`, { into: area?.id }, "into"],
    ] as const) {
      const response = await t.request(method, path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.issues[0].path).toBe(field);
    }
    expect((await t.request("POST", "/api/areas", { name: "Ny", parentId: 9999 })).body.error.issues[0].path).toBe("parentId");
    expect(await t.snapshot()).toEqual(before);
    expect(await lastAuditId()).toBe(audit);
  });
});

describe("permissions", () => {
  it("coordinators and viewers get 403 and write nothing; managers may", async () => {
    const polisen = await org("Polisen");
    const before = await t.snapshot();
    for (const caller of ["coordinator", "viewer"] as const) {
      expect((await t.request("GET", "/api/organisations", undefined, {}, caller)).status).toBe(403);
      expect((await t.request("POST", "/api/organisations", { name: "X" }, {}, caller)).status).toBe(403);
      expect((await t.request("PATCH", `/api/organisations/${polisen.id}`, { archived: true }, {}, caller)).status).toBe(403);
      expect((await t.request("POST", "/api/areas", { name: "X" }, {}, caller)).status).toBe(403);
    }
    expect(await t.snapshot()).toEqual(before);
    expect((await t.request("POST", "/api/organisations", { name: "Chefens" }, {}, "manager")).status).toBe(201);
    expect((await t.request("GET", "/api/areas", undefined, {}, "anonymous")).status).toBe(401);
  });
});
