import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activityTypeCodeFrom } from "../../services/activity-types";
import { createExamplePromise, createTestApp, type TestApp } from "../../test-support/test-app";

/** Issue 7: the activity types list — add, rename, merge duplicates (commitments follow), archive. */
let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;
beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

type Type = { code: string; label: string; archived: boolean; archivedAt: string | null; builtIn: boolean; commitments: number; activities: number };
const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;
const auditSince = async (after: number) => (await t.auditRows()).filter((r) => r.id > after);
const types = async () => (await t.request("GET", "/api/activity-types")).body as Type[];
const type = async (code: string) => (await types()).find((x) => x.code === code);
/** The activity types table, every column: with the audit trail, what a refused write must leave as it was. */
const typeRows = async () => await t.query(sql`SELECT code, label, archived_at FROM activity_types ORDER BY code`);
const log = async (commitmentId: number, quantity = 1) => {
  const response = await t.request("POST", "/api/activities", { commitmentId, occurredAt: "2024-03-01", quantity });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
};
const add = async (label: string, code?: string) => {
  const response = await t.request("POST", "/api/activity-types", { label, code });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body as Type;
};
/** A promise with one commitment of `activityType`. */
const promiseWith = async (activityType: string) => {
  const response = await t.request("POST", "/api/promises", {
    title: `Löfte med ${activityType}`,
    area: "Testområdet",
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    commitments: [{ title: `Åtagande med ${activityType}`, activityType, target: 4, cadence: "year", organisations: ["Polisen"] }],
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return { promiseId: response.body.id as number, commitmentId: response.body.commitments[0].id as number };
};

describe("the list", () => {
  it("lists every type by its Swedish label, with how many commitments have it and how many activities were logged on them", async () => {
    await log(ids.yearly, 3);
    await log(ids.yearly);
    await log(ids.termly);
    const list = await types();
    expect(list.map((x) => x.label)).toEqual([...list.map((x) => x.label)].sort((a, b) => a.localeCompare(b, "sv")));
    expect(list.find((x) => x.code === "outreach")).toEqual({
      code: "outreach",
      label: "Uppsökande arbete",
      archived: false,
      archivedAt: null,
      builtIn: true,
      commitments: 1,
      activities: 2,
    });
    expect(list.find((x) => x.code === "sspf_meeting")).toMatchObject({ commitments: 1, activities: 1 });
    expect(list.find((x) => x.code === "safety_walk")).toMatchObject({ commitments: 0, activities: 0 });
  });

  it("is readable by every signed-in role, not anonymously", async () => {
    for (const caller of ["viewer", "coordinator", "manager"] as const) {
      expect((await t.request("GET", "/api/activity-types", undefined, {}, caller)).status).toBe(200);
    }
    expect((await t.request("GET", "/api/activity-types", undefined, {}, "anonymous")).status).toBe(401);
  });
});

describe("adding", () => {
  it("makes the code from the label (å, ä → a, ö → o, the rest → _)", () => {
    expect(activityTypeCodeFrom("Trygghetsvandring")).toBe("trygghetsvandring");
    expect(activityTypeCodeFrom("  Möte på äldreboende, höst 2024! ")).toBe("mote_pa_aldreboende_host_2024");
    expect(activityTypeCodeFrom("Café-träff")).toBe("cafe_traff");
    expect(activityTypeCodeFrom("🚓 !!")).toBe("");
    expect(activityTypeCodeFrom("å".repeat(80))).toHaveLength(50);
  });

  it("adds one with a code made from its label, audited, offered at once for a new commitment", async () => {
    const audit = await lastAuditId();
    const created = await t.request("POST", "/api/activity-types", { label: " Skolbesök åk 9 " });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ code: "skolbesok_ak_9", label: "Skolbesök åk 9", archived: false, archivedAt: null, builtIn: false, commitments: 0, activities: 0 });
    const rows = await auditSince(audit);
    expect(rows.map((r) => [r.action, r.record_type, r.record_id])).toEqual([["activity_type.create", "activity_type", "skolbesok_ak_9"]]);
    expect(rows[0]?.after).toEqual({ code: "skolbesok_ak_9", label: "Skolbesök åk 9", archivedAt: null });
    await promiseWith("skolbesok_ak_9");
    expect(await type("skolbesok_ak_9")).toMatchObject({ commitments: 1 });
  });

  it("takes a code when given; another label making a taken code gets a number", async () => {
    expect(await add("Nattvandring", "night_walk")).toMatchObject({ code: "night_walk", label: "Nattvandring" });
    expect(await add("Möte")).toMatchObject({ code: "mote" });
    expect(await add("Mote")).toMatchObject({ code: "mote_2" });
    expect(await add("MÖTE!")).toMatchObject({ code: "mote_3" });
  });

  it("refuses a taken label (case ignored) or code with 409 suggesting a merge, writing nothing", async () => {
    const before = await typeRows();
    const audit = await lastAuditId();
    const label = await t.request("POST", "/api/activity-types", { label: "uppsökande ARBETE" });
    expect(label.status).toBe(409);
    expect(label.body.error).toMatchObject({ code: "label_taken", issues: [{ path: "label", code: "label_taken" }] });
    expect(label.body.error.message).toMatch(/Uppsökande arbete.*outreach.*Slå ihop/);
    const code = await t.request("POST", "/api/activity-types", { label: "Uppsökande (ny)", code: "outreach" });
    expect(code.status).toBe(409);
    expect(code.body.error).toMatchObject({ code: "code_taken", issues: [{ path: "code", code: "code_taken" }] });
    expect(await typeRows()).toEqual(before);
    expect(await lastAuditId()).toBe(audit);
  });
});

describe("renaming and archiving", () => {
  it("renames the label only: the code stays, commitments show the new label, audited", async () => {
    const audit = await lastAuditId();
    const renamed = await t.request("PATCH", "/api/activity-types/outreach", { label: "Uppsökande fältarbete" });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ code: "outreach", label: "Uppsökande fältarbete", commitments: 1 });
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["activity_type.update"]);
    expect(rows[0]?.before).toEqual({ code: "outreach", label: "Uppsökande arbete", archivedAt: null });
    expect(rows[0]?.after).toEqual({ code: "outreach", label: "Uppsökande fältarbete", archivedAt: null });
    expect((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.commitments[0].activityType).toBe("outreach");
  });

  it("refuses a label another type has (409), a new code (400 code) and bad input (400 naming the field), writing nothing", async () => {
    const before = await typeRows();
    const audit = await lastAuditId();
    const taken = await t.request("PATCH", "/api/activity-types/outreach", { label: "ssPF-möte" });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: "label_taken", issues: [{ path: "label" }] });
    expect(taken.body.error.message).toMatch(/Slå ihop/);
    for (const [method, path, body, field] of [
      ["POST", "/api/activity-types", { label: "" }, "label"],
      ["POST", "/api/activity-types", { label: "   " }, "label"],
      ["POST", "/api/activity-types", { label: 7 }, "label"],
      ["POST", "/api/activity-types", { label: "x".repeat(201) }, "label"],
      ["POST", "/api/activity-types", { label: "Ny typ", code: "Ny typ" }, "code"],
      ["POST", "/api/activity-types", { label: "Ny typ", code: "ny-typ" }, "code"],
      ["POST", "/api/activity-types", { label: "Ny typ", code: "a".repeat(51) }, "code"],
      // Nothing in the label to make a code of: the caller is asked for one.
      ["POST", "/api/activity-types", { label: "🚓" }, "code"],
      ["PATCH", "/api/activity-types/outreach", { label: "" }, "label"],
      ["PATCH", "/api/activity-types/outreach", { archived: "ja" }, "archived"],
      ["PATCH", "/api/activity-types/outreach", { code: "outreach_2" }, "code"],
    ] as const) {
      const response = await t.request(method, path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.issues[0].path, `${path} ${JSON.stringify(body)}`).toBe(field);
      expect(response.body.error.issues[0].message).toMatch(/[a-zåäö]/);
    }
    const unknown = await t.request("PATCH", "/api/activity-types/no_such_type", { label: "Något" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe("Aktivitetstypen finns inte.");
    expect(await typeRows()).toEqual(before);
    expect(await lastAuditId()).toBe(audit);
  });

  it("archives and unarchives, audited with archivedAt; the commitments that have the type keep it", async () => {
    const audit = await lastAuditId();
    const archived = await t.request("PATCH", "/api/activity-types/outreach", { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ code: "outreach", archived: true, archivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), commitments: 1 });
    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["activity_type.update"]);
    expect(rows[0]?.after).toMatchObject({ code: "outreach", archivedAt: archived.body.archivedAt });
    expect((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.commitments[0].activityType).toBe("outreach");
    // Still listed (a commitment has it), marked archived.
    expect(await type("outreach")).toMatchObject({ archived: true });
    // Archiving again changes nothing.
    expect((await t.request("PATCH", "/api/activity-types/outreach", { archived: true })).body.archivedAt).toBe(archived.body.archivedAt);
    expect(await auditSince(audit)).toHaveLength(1);
    const back = await t.request("PATCH", "/api/activity-types/outreach", { archived: false });
    expect(back.body).toMatchObject({ archived: false, archivedAt: null });
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["activity_type.update", "activity_type.update"]);
  });
});

describe("merging", () => {
  it("moves the duplicate's commitments (and so their activities) to the other type, deletes the duplicate, in one audited write", async () => {
    const duplicate = await add("Uppsökande", "uppsokande");
    const { promiseId, commitmentId } = await promiseWith("uppsokande");
    await log(commitmentId, 2);
    await log(commitmentId);
    await log(ids.yearly);
    const outreach = await type("outreach");
    expect(await type("uppsokande")).toMatchObject({ commitments: 1, activities: 2 });
    const totals = await t.dailyTotalsState();
    const progress = (await t.request("GET", `/api/promises/${promiseId}/progress?asOf=2024-06-01`)).body;

    const audit = await lastAuditId();
    const merged = await t.request("POST", `/api/activity-types/${duplicate.code}/merge`, { into: "outreach" });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual({ ...outreach, commitments: 2, activities: 3 });
    expect(await type("uppsokande")).toBeUndefined();
    expect((await t.request("GET", `/api/promises/${promiseId}`)).body.commitments[0].activityType).toBe("outreach");
    const left = await t.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM commitments WHERE activity_type = 'uppsokande'`);
    expect(Number(left[0]?.n)).toBe(0);
    // The activities stay where they were: totals and progress unchanged.
    expect(await t.dailyTotalsState()).toEqual(totals);
    expect((await t.request("GET", `/api/promises/${promiseId}/progress?asOf=2024-06-01`)).body).toEqual(progress);

    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action)).toEqual(["commitment.update", "activity_type.delete"]);
    expect(rows[0]).toMatchObject({ record_id: String(commitmentId), before: { activityType: "uppsokande" }, after: { activityType: "outreach" } });
    expect(rows[1]).toMatchObject({ record_id: "uppsokande", before: { code: "uppsokande", label: "Uppsökande" } });
    // Every row of the merge was written at the same moment, by the same person: one write.
    expect(new Set(rows.map((r) => `${r.at} ${r.user_id}`)).size).toBe(1);
    expect(rows[0]?.user_id).toBe(t.users.admin.id);
  });

  it("archives a type that always exists instead of deleting it, so files naming its code still mean it", async () => {
    const custom = await add("Fältarbete");
    const audit = await lastAuditId();
    const merged = await t.request("POST", "/api/activity-types/outreach/merge", { into: custom.code });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ code: custom.code, commitments: 1 });
    expect(await type("outreach")).toMatchObject({ archived: true, builtIn: true, commitments: 0 });
    expect((await t.request("GET", `/api/promises/${ids.promiseId}`)).body.commitments[0].activityType).toBe(custom.code);
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["commitment.update", "activity_type.update"]);
  });

  it("refuses a merge into itself or into an archived type (400 into), into nothing (404 into), or of nothing (404), writing nothing", async () => {
    await add("Uppsökande", "uppsokande");
    await t.request("PATCH", "/api/activity-types/safety_walk", { archived: true });
    const before = await typeRows();
    const snapshot = await t.snapshot();
    const audit = await lastAuditId();
    const self = await t.request("POST", "/api/activity-types/uppsokande/merge", { into: "uppsokande" });
    expect(self.status).toBe(400);
    expect(self.body.error.issues[0]).toMatchObject({ path: "into", code: "same_record" });
    const archived = await t.request("POST", "/api/activity-types/outreach/merge", { into: "safety_walk" });
    expect(archived.status).toBe(400);
    expect(archived.body.error.issues[0]).toMatchObject({ path: "into", code: "archived" });
    expect(archived.body.error.message).toMatch(/Trygghetsvandring.*arkiverad/);
    const none = await t.request("POST", "/api/activity-types/outreach/merge", { into: "no_such_type" });
    expect(none.status).toBe(404);
    expect(none.body.error.issues[0].path).toBe("into");
    expect((await t.request("POST", "/api/activity-types/no_such_type/merge", { into: "outreach" })).status).toBe(404);
    for (const body of [{}, { into: "" }, { into: 5 }]) {
      const response = await t.request("POST", "/api/activity-types/outreach/merge", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.issues[0].path).toBe("into");
    }
    expect(await typeRows()).toEqual(before);
    expect(await t.snapshot()).toEqual(snapshot);
    expect(await lastAuditId()).toBe(audit);
  });
});

describe("permissions", () => {
  it("coordinators and viewers get 403 and write nothing; managers may", async () => {
    const before = await typeRows();
    for (const caller of ["coordinator", "viewer"] as const) {
      expect((await t.request("POST", "/api/activity-types", { label: "Ny" }, {}, caller)).status).toBe(403);
      expect((await t.request("PATCH", "/api/activity-types/outreach", { archived: true }, {}, caller)).status).toBe(403);
      expect((await t.request("POST", "/api/activity-types/outreach/merge", { into: "other" }, {}, caller)).status).toBe(403);
    }
    expect((await t.request("POST", "/api/activity-types", { label: "Ny" }, {}, "anonymous")).status).toBe(401);
    expect(await typeRows()).toEqual(before);
    expect((await t.request("POST", "/api/activity-types", { label: "Chefens typ" }, {}, "manager")).status).toBe(201);
  });
});
