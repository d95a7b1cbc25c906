import { beforeEach, describe, expect, it } from "vitest";
import { requestCsv } from "../../test-support/csv";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;
beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

type NewActivity = { commitmentId: number; occurredAt: string; quantity?: number; organisation?: string; place?: string; note?: string };

async function log(activity: NewActivity) {
  const response = await t.request("POST", "/api/activities", activity);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id as number;
}

async function voidActivity(id: number, reason = "Dubbelregistrerad") {
  expect((await t.request("POST", `/api/activities/${id}/void`, { reason })).status).toBe(200);
}

describe("GET /api/commitments/:id/organisations", () => {
  it("sums the non-voided activities per organisation, largest first, those logged without one as null", async () => {
    // "Trygg i-samverkan" has two responsible organisations: the admin may log in either name, or in none.
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-01", quantity: 5, organisation: "Trygghetssamordningen" });
    await voidActivity(await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-02", quantity: 10, organisation: "Trygghetssamordningen" }));
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-03", quantity: 2, organisation: "Polisen" });
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-06-30", quantity: 1, organisation: "Polisen" });
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-04-01", quantity: 3 });
    // Another commitment's activities are not this one's.
    await log({ commitmentId: ids.termly, occurredAt: "2024-04-01", quantity: 9 });

    const response = await t.request("GET", `/api/commitments/${ids.untargeted}/organisations`, undefined, {}, "viewer");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      commitmentId: ids.untargeted,
      from: "2024-02-27",
      to: "2025-12-31",
      organisations: [
        { organisation: "Trygghetssamordningen", quantity: 5, activities: 1 },
        // A tie on quantity: named organisations before "no organisation".
        { organisation: "Polisen", quantity: 3, activities: 2 },
        { organisation: null, quantity: 3, activities: 1 },
      ],
    });
  });

  it("counts only the days from `from` to `to`, both inclusive, each defaulting to the promise period", async () => {
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-01", quantity: 2, organisation: "Polisen" });
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-04-30", quantity: 1, organisation: "Polisen" });
    // 22:30 UTC on 30 April is 1 May in Stockholm: outside a range that ends on 30 April.
    await log({ commitmentId: ids.untargeted, occurredAt: "2024-04-30T22:30:00Z", quantity: 5, organisation: "Trygghetssamordningen" });
    const path = `/api/commitments/${ids.untargeted}/organisations`;

    const range = await t.request("GET", `${path}?from=2024-03-02&to=2024-04-30`);
    expect(range.body).toEqual({ commitmentId: ids.untargeted, from: "2024-03-02", to: "2024-04-30", organisations: [{ organisation: "Polisen", quantity: 1, activities: 1 }] });
    const fromOnly = await t.request("GET", `${path}?from=2024-04-30`);
    expect(fromOnly.body).toMatchObject({ from: "2024-04-30", to: "2025-12-31" });
    expect(fromOnly.body.organisations).toEqual([
      { organisation: "Trygghetssamordningen", quantity: 5, activities: 1 },
      { organisation: "Polisen", quantity: 1, activities: 1 },
    ]);
    const oneDay = await t.request("GET", `${path}?from=2024-03-01&to=2024-03-01`);
    expect(oneDay.body.organisations).toEqual([{ organisation: "Polisen", quantity: 2, activities: 1 }]);
  });

  it("orders organisations with the same quantity by name as Swedish does: å, ä, ö after z", async () => {
    const names = ["Östra föreningen", "Ängsskolan", "Zeta AB", "Åbyhemmet", "Bo-bolaget"];
    const created = await t.request("POST", "/api/promises", {
      ...EXAMPLE_PROMISE,
      slug: "alfabetet",
      commitments: [{ title: "Samverkan", activityType: "other", target: null, cadence: "period", organisations: names }],
    });
    const commitmentId = created.body.commitments[0].id as number;
    for (const organisation of names) await log({ commitmentId, occurredAt: "2024-05-05", organisation });
    const response = await t.request("GET", `/api/commitments/${commitmentId}/organisations`);
    expect(response.body.organisations.map((o: { organisation: string }) => o.organisation)).toEqual([
      "Bo-bolaget",
      "Zeta AB",
      "Åbyhemmet",
      "Ängsskolan",
      "Östra föreningen",
    ]);
  });

  it("answers an empty list for a commitment with nothing logged", async () => {
    const response = await t.request("GET", `/api/commitments/${ids.termly}/organisations`);
    expect(response.body).toEqual({ commitmentId: ids.termly, from: "2024-02-27", to: "2025-12-31", organisations: [] });
  });
});

describe("GET /api/commitments/:id/activities.csv", () => {
  const HEADER = "Id;Datum;Tidpunkt;Antal;Aktör;Plats;Anteckning;Registrerad av;Registrerad;Demo;Makulerad;Makulerad av;Anledning";
  const LOGGED_AT = "2024-07-01T10:00:00.000Z"; // the test clock

  it("exports every activity newest first, voided ones marked, for Excel in Swedish", async () => {
    const first = await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-31T22:30:00Z", quantity: 2, organisation: "Polisen", place: "Hammarkullen; torget" });
    const second = await log({ commitmentId: ids.untargeted, occurredAt: "2024-04-02", organisation: "Trygghetssamordningen", note: "Möte på skolgården" });
    const third = await log({ commitmentId: ids.untargeted, occurredAt: "2024-03-15T18:30:00+01:00", quantity: 4 });
    await voidActivity(second, "Fel åtagande");
    await log({ commitmentId: ids.yearly, occurredAt: "2024-04-03", note: "Annat åtagande" });

    const csv = await requestCsv(t, `/api/commitments/${ids.untargeted}/activities.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="medborgarlofte-testomradet-2024-2025-atagande-${ids.untargeted}-aktiviteter.csv"`,
    );
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.hasBom).toBe(true);
    expect(csv.lines).toEqual([
      HEADER,
      `${second};2024-04-02;2024-04-02;1;Trygghetssamordningen;;Möte på skolgården;Anna Admin;${LOGGED_AT};nej;${LOGGED_AT};Anna Admin;Fel åtagande`,
      // The local date is Stockholm's (1 April), the time as it was sent.
      `${first};2024-04-01;2024-03-31T22:30:00Z;2;Polisen;"Hammarkullen; torget";;Anna Admin;${LOGGED_AT};nej;;;`,
      `${third};2024-03-15;2024-03-15T18:30:00+01:00;4;;;;Anna Admin;${LOGGED_AT};nej;;;`,
    ]);
  });

  it("escapes cells a spreadsheet would run as formulas (OWASP) and keeps quotes and line breaks inside one cell", async () => {
    const notes = ["=SUM(A1)", "+46 70 000", "-1", "@x", '=HYPERLINK("http://example.invalid")', "Två rader\noch en till"];
    const activityIds: number[] = [];
    for (const [i, note] of notes.entries()) {
      activityIds.push(await log({ commitmentId: ids.yearly, occurredAt: `2024-05-0${i + 1}`, note, place: i === 0 ? "=1+1" : undefined }));
    }
    await voidActivity(activityIds[0] ?? 0, "-makulerad");
    const csv = await requestCsv(t, `/api/commitments/${ids.yearly}/activities.csv`);
    // Newest first: the last note first. Each dangerous cell starts with ' so it stays text.
    expect(csv.lines.slice(1).map((line) => line.split(";")[0])).toEqual([...activityIds].reverse().map(String));
    expect(csv.lines.slice(1).reverse()).toEqual([
      `${activityIds[0]};2024-05-01;2024-05-01;1;Fältenheten;'=1+1;'=SUM(A1);Anna Admin;${LOGGED_AT};nej;${LOGGED_AT};Anna Admin;'-makulerad`,
      `${activityIds[1]};2024-05-02;2024-05-02;1;Fältenheten;;'+46 70 000;Anna Admin;${LOGGED_AT};nej;;;`,
      `${activityIds[2]};2024-05-03;2024-05-03;1;Fältenheten;;'-1;Anna Admin;${LOGGED_AT};nej;;;`,
      `${activityIds[3]};2024-05-04;2024-05-04;1;Fältenheten;;'@x;Anna Admin;${LOGGED_AT};nej;;;`,
      `${activityIds[4]};2024-05-05;2024-05-05;1;Fältenheten;;"'=HYPERLINK(""http://example.invalid"")";Anna Admin;${LOGGED_AT};nej;;;`,
      `${activityIds[5]};2024-05-06;2024-05-06;1;Fältenheten;;"Två rader\noch en till";Anna Admin;${LOGGED_AT};nej;;;`,
    ]);
  });

  it("limits the export to the days from `from` to `to`, both inclusive", async () => {
    const march = await log({ commitmentId: ids.yearly, occurredAt: "2024-03-31" });
    const april = await log({ commitmentId: ids.yearly, occurredAt: "2024-04-30" });
    await log({ commitmentId: ids.yearly, occurredAt: "2024-05-01" });
    const csv = await requestCsv(t, `/api/commitments/${ids.yearly}/activities.csv?from=2024-03-31&to=2024-04-30`);
    expect(csv.lines.slice(1).map((line) => line.split(";")[0])).toEqual([String(april), String(march)]);
  });

  it("writes only the header for a commitment with nothing logged", async () => {
    const csv = await requestCsv(t, `/api/commitments/${ids.termly}/activities.csv`);
    expect(csv.hasBom).toBe(true);
    expect(csv.text).toBe(`${HEADER}\r\n`);
  });
});

describe("the commitment reports", () => {
  it("are open to every signed-in role, the viewer too, and refuse anonymous callers with 401", async () => {
    for (const path of [`/api/commitments/${ids.yearly}/organisations`, `/api/commitments/${ids.yearly}/activities.csv`]) {
      for (const as of ["viewer", "coordinator", "policeCoordinator", "manager", "admin"] as const) {
        expect((await requestCsv(t, path, as)).status, `${path} as ${as}`).toBe(200);
      }
      const anonymous = await t.request("GET", path, undefined, {}, "anonymous");
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.error.code).toBe("unauthenticated");
    }
  });

  it.each([
    ["an unknown commitment's organisations", "/api/commitments/999/organisations", 404, "id"],
    ["an unknown commitment's activities", "/api/commitments/999/activities.csv", 404, "id"],
    ["from after to", "/api/commitments/1/organisations?from=2024-05-01&to=2024-04-30", 400, "from"],
    ["from after to in the export", "/api/commitments/1/activities.csv?from=2024-05-01&to=2024-04-30", 400, "from"],
    ["an impossible date", "/api/commitments/1/organisations?to=2024-13-01", 400, "to"],
    ["an id that is not a number", "/api/commitments/abc/organisations", 400, "id"],
    ["an export id that is not a number", "/api/commitments/abc/activities.csv", 400, "id"],
  ])("answer %s with its 4xx naming the field, and write nothing", async (_name, path, status, field) => {
    const before = await t.snapshot();
    const response = await t.request("GET", path);
    expect(response.status).toBe(status);
    if (status === 404) expect(response.body.error).toMatchObject({ code: "not_found", message: "Åtagandet finns inte." });
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
    expect(await t.snapshot()).toEqual(before);
  });
});
