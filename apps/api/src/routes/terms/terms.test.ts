import { beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app";

/** Issue 7: the term calendar (SPEC §3), GET /api/terms?year= and PUT /api/terms. */
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const termsAudit = async (after: number) => (await t.auditRows()).filter((r) => r.id > after && r.record_type === "term");
const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;

describe("GET /api/terms", () => {
  it("lists the stored terms of a year, and the default rule for a year nobody entered", async () => {
    const stored = await t.request("GET", "/api/terms?year=2024", undefined, {}, "viewer");
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual([
      { id: expect.any(Number), name: "vt 2024", startDate: "2024-01-01", endDate: "2024-06-15", default: false },
      { id: expect.any(Number), name: "ht 2024", startDate: "2024-08-15", endDate: "2024-12-31", default: false },
    ]);
    // The seed loads 2015–2040 (data/term-calendar.json); 2050 has none stored.
    const none = await t.request("GET", "/api/terms?year=2050");
    expect(none.body).toEqual([
      { id: null, name: "vt 2050", startDate: "2050-01-01", endDate: "2050-06-15", default: true },
      { id: null, name: "ht 2050", startDate: "2050-08-15", endDate: "2050-12-31", default: true },
    ]);
  });

  it("400 for a bad year, 401 anonymous", async () => {
    const bad = await t.request("GET", "/api/terms?year=tjugo");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("year");
    expect((await t.request("GET", "/api/terms?year=2024", undefined, {}, "anonymous")).status).toBe(401);
  });
});

describe("PUT /api/terms", () => {
  const TERMLY = {
    title: "Terminslöfte 2024",
    area: "Terminsområdet",
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    commitments: [{ title: "Minst 2 SSPF-möten per termin", activityType: "sspf_meeting", target: 2, cadence: "term", organisations: ["Polisen"] }],
  };

  it("replaces the terms of the years it covers, audited; term commitments' windows follow", async () => {
    const created = await t.request("POST", "/api/promises", TERMLY);
    const promiseId = created.body.id;
    const log = await t.request("POST", "/api/activities", { commitmentId: created.body.commitments[0].id, occurredAt: "2024-06-10" });
    expect(log.status).toBe(201);
    const windows = async () =>
      (await t.request("GET", `/api/promises/${promiseId}/progress?asOf=2024-07-01`)).body.commitments[0].windows.map(
        (w: { start: string; end: string; actual: number }) => [w.start, w.end, w.actual],
      );
    expect(await windows()).toEqual([
      ["2024-01-01", "2024-06-15", 1],
      ["2024-08-15", "2024-12-31", 0],
    ]);
    const other = (await t.request("GET", "/api/terms?year=2025")).body;

    const audit = await lastAuditId();
    const response = await t.request("PUT", "/api/terms", {
      terms: [
        { name: "vt 2024", startDate: "2024-01-08", endDate: "2024-06-07" },
        { name: "ht 2024", startDate: "2024-08-19", endDate: "2024-12-20" },
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.map((x: { name: string; startDate: string; endDate: string }) => [x.name, x.startDate, x.endDate])).toEqual([
      ["vt 2024", "2024-01-08", "2024-06-07"],
      ["ht 2024", "2024-08-19", "2024-12-20"],
    ]);
    expect((await t.request("GET", "/api/terms?year=2024")).body).toEqual(response.body);
    expect((await t.request("GET", "/api/terms?year=2025")).body).toEqual(other);
    // The activity of 10 June is now between terms: it counts in the total only.
    expect(await windows()).toEqual([
      ["2024-01-08", "2024-06-07", 0],
      ["2024-08-19", "2024-12-20", 0],
    ]);
    const rows = await termsAudit(audit);
    expect(rows.map((r) => r.action)).toEqual(["term.update", "term.update"]);
    expect(rows[0]?.before).toMatchObject({ name: "vt 2024", startDate: "2024-01-01" });
    expect(rows[0]?.after).toMatchObject({ name: "vt 2024", startDate: "2024-01-08" });

    // A year given one term loses its other: 2027's ht is deleted.
    const fewer = await t.request("PUT", "/api/terms", { terms: [{ name: "vt 2027", startDate: "2027-01-01", endDate: "2027-06-30" }] });
    expect(fewer.status).toBe(200);
    expect((await t.request("GET", "/api/terms?year=2027")).body.map((x: { name: string }) => x.name)).toEqual(["vt 2027"]);
    expect((await termsAudit(audit)).map((r) => r.action).slice(2)).toEqual(["term.delete", "term.update"]);
  });

  it("refuses bad terms with 400 naming the field, writing nothing", async () => {
    const before = await t.request("GET", "/api/terms");
    const audit = await lastAuditId();
    for (const [terms, path] of [
      [[{ name: "vt 2024", startDate: "2024-06-01", endDate: "2024-01-01" }], "terms.0.endDate"],
      [[{ name: "vår 2024", startDate: "2024-01-01", endDate: "2024-06-01" }], "terms.0.name"],
      [[{ name: "vt 2024", startDate: "2025-01-01", endDate: "2025-06-01" }], "terms.0.startDate"],
      [
        [
          { name: "vt 2024", startDate: "2024-01-01", endDate: "2024-06-15" },
          { name: "ht 2024", startDate: "2024-06-01", endDate: "2024-12-31" },
        ],
        "terms.1.startDate",
      ],
      [
        [
          { name: "vt 2024", startDate: "2024-01-01", endDate: "2024-03-15" },
          { name: "vt 2024", startDate: "2024-04-01", endDate: "2024-06-01" },
        ],
        "terms.1.name",
      ],
      [[], "terms"],
      [[{ name: "vt 2024", startDate: "2024-13-01", endDate: "2024-06-01" }], "terms.0.startDate"],
    ] as const) {
      const response = await t.request("PUT", "/api/terms", { terms });
      expect(response.status, JSON.stringify(terms)).toBe(400);
      expect(response.body.error.issues.map((i: { path: string }) => i.path), JSON.stringify(terms)).toContain(path);
    }
    expect((await t.request("GET", "/api/terms")).body).toEqual(before.body);
    expect(await termsAudit(audit)).toEqual([]);
  });

  it("is for admins only: manager, coordinator and viewer 403, anonymous 401", async () => {
    const body = { terms: [{ name: "vt 2024", startDate: "2024-01-02", endDate: "2024-06-15" }] };
    for (const [as, status] of [["manager", 403], ["coordinator", 403], ["viewer", 403], ["anonymous", 401]] as const) {
      expect((await t.request("PUT", "/api/terms", body, {}, as)).status, as).toBe(status);
    }
    expect((await t.request("GET", "/api/terms?year=2024")).body[0].startDate).toBe("2024-01-01");
  });
});
