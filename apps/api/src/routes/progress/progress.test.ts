import { beforeEach, describe, expect, it } from "vitest";
import { requestCsv } from "../../test-support/csv";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const NO_STATUSES = { tracking: 0, met: 0, missed: 0, upcoming: 0, on_track: 0, at_risk: 0, behind: 0 };

async function logBatch(activities: { commitmentId: number; occurredAt: string; quantity?: number; organisation?: string }[]) {
  const response = await t.request("POST", "/api/activities/batch", { activities });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.ids as number[];
}

/** The SPEC §3 worked example: 30 activities on "minst 100 per år" by 2024-07-01. */
async function workedExample() {
  const ids = await createExamplePromise(t);
  await logBatch(Array.from({ length: 30 }, (_, i) => ({ commitmentId: ids.yearly, occurredAt: i < 15 ? "2024-03-01" : "2024-07-01" })));
  return ids;
}

describe("GET /api/progress", () => {
  it("counts each promise's commitments per status, every status present, in the order of the promise list", async () => {
    const example = await workedExample();
    // Created second but starts first: the list is ordered by period.
    const earlier = await t.request("POST", "/api/promises", {
      title: "Medborgarlöfte Äldre området 2023–2024",
      area: "Äldre området",
      startDate: "2023-01-01",
      endDate: "2024-12-31",
      commitments: [
        { title: "Minst 10 per år", activityType: "outreach", target: 10, cadence: "year", organisations: ["Fältenheten"] },
        { title: "En trygghetsvandring", activityType: "safety_walk", target: 1, cadence: "period", organisations: ["Polisen"] },
      ],
    });
    expect(earlier.status).toBe(201);
    await logBatch([{ commitmentId: earlier.body.commitments[1].id, occurredAt: "2024-05-20" }]);

    const response = await t.request("GET", "/api/progress?asOf=2024-07-01", undefined, {}, "viewer");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      asOf: "2024-07-01",
      promises: [
        // Nothing logged in 2024 on "minst 10 per år" by July: behind; the walk is done: met.
        { promiseId: earlier.body.id, statusCounts: { ...NO_STATUSES, behind: 1, met: 1 } },
        // The worked example at_risk, the SSPF term ended with no meeting, Trygg i-samverkan tracked.
        { promiseId: example.promiseId, statusCounts: { ...NO_STATUSES, at_risk: 1, missed: 1, tracking: 1 } },
      ],
    });
  });

  it("agrees with each promise's progress of the same day", async () => {
    const ids = await workedExample();
    await logBatch([{ commitmentId: ids.termly, occurredAt: "2024-03-05", quantity: 2 }]);
    for (const asOf of ["2024-01-01", "2024-03-10", "2024-07-01"]) {
      const summary = await t.request("GET", `/api/progress?asOf=${asOf}`);
      const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=${asOf}`);
      const counted = { ...NO_STATUSES };
      for (const c of progress.body.commitments as { status: keyof typeof NO_STATUSES }[]) counted[c.status] += 1;
      expect(summary.body.promises).toEqual([{ promiseId: ids.promiseId, statusCounts: counted }]);
    }
  });

  it("counts every targeted commitment as upcoming before the period starts", async () => {
    const ids = await workedExample();
    const response = await t.request("GET", "/api/progress?asOf=2024-01-01");
    expect(response.body.promises).toEqual([{ promiseId: ids.promiseId, statusCounts: { ...NO_STATUSES, upcoming: 2, tracking: 1 } }]);
  });

  it("defaults asOf to today in Stockholm and answers an empty list when there are no promises", async () => {
    const response = await t.request("GET", "/api/progress");
    expect(response).toMatchObject({ status: 200, body: { asOf: "2024-07-01", promises: [] } });
  });
});

describe("GET /api/promises/:id/daily-totals", () => {
  async function logged() {
    const ids = await createExamplePromise(t);
    const [, , , voidedAlone, voidedBeside] = await logBatch([
      { commitmentId: ids.yearly, occurredAt: "2024-03-01", quantity: 3 },
      { commitmentId: ids.yearly, occurredAt: "2024-03-01T20:00:00+01:00", quantity: 2 },
      // 23:30 UTC on 31 March is 01:30 on 1 April in Stockholm (CEST).
      { commitmentId: ids.yearly, occurredAt: "2024-03-31T23:30:00Z" },
      { commitmentId: ids.yearly, occurredAt: "2024-05-10", quantity: 4 },
      { commitmentId: ids.yearly, occurredAt: "2024-06-30", quantity: 1 },
      { commitmentId: ids.yearly, occurredAt: "2024-06-30", quantity: 2 },
      { commitmentId: ids.untargeted, occurredAt: "2024-04-02", organisation: "Polisen" },
    ]);
    for (const id of [voidedAlone, voidedBeside]) {
      expect((await t.request("POST", `/api/activities/${id}/void`, { reason: "Dubbelregistrerad" })).status).toBe(200);
    }
    return ids;
  }

  it("gives per commitment the days with something done, oldest first, by Stockholm date, without voided activities", async () => {
    const ids = await logged();
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/daily-totals?asOf=2024-07-01`, undefined, {}, "viewer");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      promiseId: ids.promiseId,
      asOf: "2024-07-01",
      from: "2024-02-27",
      to: "2024-07-01",
      commitments: [
        {
          commitmentId: ids.yearly,
          days: [
            { date: "2024-03-01", quantity: 5 },
            { date: "2024-04-01", quantity: 1 },
            { date: "2024-06-30", quantity: 2 },
          ],
        },
        { commitmentId: ids.termly, days: [] },
        { commitmentId: ids.untargeted, days: [{ date: "2024-04-02", quantity: 1 }] },
      ],
    });
  });

  it("adds up to the progress of the same day", async () => {
    const ids = await logged();
    const totals = await t.request("GET", `/api/promises/${ids.promiseId}/daily-totals?asOf=2024-06-01`);
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`);
    const sums = totals.body.commitments.map((c: { days: { quantity: number }[] }) => c.days.reduce((sum, d) => sum + d.quantity, 0));
    expect(sums).toEqual([6, 0, 1]);
    expect(sums).toEqual(progress.body.commitments.map((c: { total: { actual: number } }) => c.total.actual));
  });

  it.each([
    ["a day inside the period stops there", "2024-04-01", "2024-04-01", [{ date: "2024-03-01", quantity: 5 }, { date: "2024-04-01", quantity: 1 }]],
    ["a day after the period stops at its end", "2026-03-01", "2025-12-31", [{ date: "2024-03-01", quantity: 5 }, { date: "2024-04-01", quantity: 1 }, { date: "2024-06-30", quantity: 2 }]],
    ["a day before the period has no days", "2024-01-15", "2024-01-15", []],
  ])("as of %s", async (_name, asOf, to, yearlyDays) => {
    const ids = await logged();
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/daily-totals?asOf=${asOf}`);
    expect(response.body).toMatchObject({ asOf, from: "2024-02-27", to });
    expect(response.body.commitments[0].days).toEqual(yearlyDays);
  });

  it("defaults asOf to today in Stockholm", async () => {
    const ids = await createExamplePromise(t);
    const response = await t.request("GET", `/api/promises/${ids.promiseId}/daily-totals`);
    expect(response.body).toMatchObject({ asOf: "2024-07-01", to: "2024-07-01" });
  });
});

describe("GET /api/promises/:id/progress.csv", () => {
  const HEADER =
    "Fokusområde;Åtagande;Enhet;Takt;Fönster från;Fönster till;Mål i fönstret;Utfört i fönstret;Förväntat hittills;Status;Prognos vid fönstrets slut;Behöver per vecka;Mål hela perioden;Utfört hela perioden;Ansvariga aktörer";

  it("exports the SPEC worked example for Excel in Swedish: BOM, semicolons, decimal comma, CRLF", async () => {
    const ids = await workedExample();
    const csv = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=2024-07-01`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="medborgarlofte-testomradet-2024-2025-lage-2024-07-01.csv"');
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.hasBom).toBe(true);
    expect(csv.lines).toEqual([
      HEADER,
      // Target 84.4 → 85, expected 34.4 → 35, forecast 73.6 → 74, 2.08 per week → 2,1.
      "Fritid;Minst 100 uppsökande per år;tillfällen;år;2024-02-27;2024-12-31;85;30;35;Risk;74;2,1;185;30;Fältenheten",
      // Between terms: the spring term that ended, pro-rated 2 × 110/167 = 1.3 → 2; period 7.3 → 8.
      ";Minst 2 SSPF-möten per termin;möten;termin;2024-02-27;2024-06-15;2;0;2;Ej uppnått;;;8;0;Polisen",
      ";Trygg i-samverkan;tillfällen;hela perioden;2024-02-27;2025-12-31;;0;;Följs (utan mål);;;;0;Polisen, Trygghetssamordningen",
    ]);
  });

  it.each([
    ["I fas", 35],
    ["Efter plan", 25],
    ["Uppnått", 85],
  ])("writes the status in Swedish: %s", async (word, quantity) => {
    const ids = await createExamplePromise(t);
    await logBatch([{ commitmentId: ids.yearly, occurredAt: "2024-05-01", quantity }]);
    const csv = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=2024-07-01`);
    expect(csv.lines[1]?.split(";")[9]).toBe(word);
  });

  it("shows before the period the first window and after it the last, as the status rule does", async () => {
    const ids = await workedExample();
    const before = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=2024-01-10`);
    expect(before.lines[1]).toBe("Fritid;Minst 100 uppsökande per år;tillfällen;år;2024-02-27;2024-12-31;85;0;0;Kommande;;;185;0;Fältenheten");
    expect(before.headers.get("content-disposition")).toContain("-lage-2024-01-10.csv");
    const after = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=2026-01-10`);
    expect(after.lines[1]).toBe("Fritid;Minst 100 uppsökande per år;tillfällen;år;2025-01-01;2025-12-31;100;0;100;Ej uppnått;;;185;30;Fältenheten");
  });

  it("agrees with the JSON progress of the same day", async () => {
    const ids = await createExamplePromise(t);
    await logBatch([
      { commitmentId: ids.yearly, occurredAt: "2024-03-15", quantity: 7 },
      { commitmentId: ids.yearly, occurredAt: "2024-05-20", quantity: 11 },
      { commitmentId: ids.termly, occurredAt: "2024-04-10" },
      { commitmentId: ids.untargeted, occurredAt: "2024-05-02", quantity: 3, organisation: "Polisen" },
    ]);
    const asOf = "2024-06-01";
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=${asOf}`);
    const csv = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=${asOf}`);
    const rows = csv.lines.slice(1).map((line) => line.split(";"));
    expect(rows).toHaveLength(3);
    const cell = (value: number | null) => (value === null ? "" : String(value).replace(".", ","));
    progress.body.commitments.forEach(
      (
        c: {
          title: string;
          status: string;
          current: { start: string; end: string; target: number | null; actual: number; expectedToDate: number | null; forecast: number | null; neededPerWeek: number | null };
          total: { target: number | null; actual: number };
        },
        i: number,
      ) => {
        const w = c.current; // every window is current on 2024-06-01 (spring term, 2024, the period)
        expect(rows[i]?.slice(1, 2)).toEqual([c.title]);
        expect(rows[i]?.slice(4, 9)).toEqual([
          w.start,
          w.end,
          cell(w.target === null ? null : Math.ceil(w.target)),
          cell(w.actual),
          cell(w.expectedToDate === null ? null : Math.ceil(w.expectedToDate)),
        ]);
        expect(rows[i]?.slice(10, 14)).toEqual([
          cell(w.forecast === null ? null : Math.round(w.forecast)),
          cell(w.neededPerWeek === null ? null : Math.ceil(w.neededPerWeek * 10) / 10),
          cell(c.total.target === null ? null : Math.ceil(c.total.target)),
          cell(c.total.actual),
        ]);
      },
    );
    // Worked out by hand for the yearly commitment: 96 of 309 days gone, expected 100 × 96/366 =
    // 26.2 → 27, 18/26.2 = 0.69 < 0.75, forecast 18 × 309/96 = 57.9, need (84.4 − 18)/(213/7) = 2.18.
    expect(rows[0]).toEqual(["Fritid", "Minst 100 uppsökande per år", "tillfällen", "år", "2024-02-27", "2024-12-31", "85", "18", "27", "Efter plan", "58", "2,2", "185", "18", "Fältenheten"]);
  });

  it("escapes titles a spreadsheet would run as formulas and keeps å, ä and ö", async () => {
    const created = await t.request("POST", "/api/promises", {
      ...EXAMPLE_PROMISE,
      slug: "formler",
      commitments: [
        { title: '=HYPERLINK("http://example.invalid";"Klicka")', activityType: "outreach", target: null, cadence: "period", organisations: ["Fältenheten"], theme: "+Skola" },
        { title: "-1 pass", activityType: "outreach", target: null, cadence: "period", organisations: ["@Öppna förskolan"] },
      ],
    });
    expect(created.status).toBe(201);
    const csv = await requestCsv(t, `/api/promises/${created.body.id}/progress.csv?asOf=2024-07-01`);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="formler-lage-2024-07-01.csv"');
    expect(csv.lines.slice(1)).toEqual([
      `'+Skola;"'=HYPERLINK(""http://example.invalid"";""Klicka"")";tillfällen;hela perioden;2024-02-27;2025-12-31;;0;;Följs (utan mål);;;;0;Fältenheten`,
      `;'-1 pass;tillfällen;hela perioden;2024-02-27;2025-12-31;;0;;Följs (utan mål);;;;0;'@Öppna förskolan`,
    ]);
  });

  it("leaves the JSON progress route beside it unchanged", async () => {
    const ids = await workedExample();
    const json = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.body.commitments[0].status).toBe("at_risk");
    const csv = await requestCsv(t, `/api/promises/${ids.promiseId}/progress.csv?asOf=2024-07-01`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });
});

describe("the dashboard's progress reads", () => {
  const paths = (promiseId: number) => [`/api/progress`, `/api/promises/${promiseId}/daily-totals`, `/api/promises/${promiseId}/progress.csv`];

  it("are open to every signed-in role, the viewer too, and refuse anonymous callers with 401", async () => {
    const ids = await createExamplePromise(t);
    for (const path of paths(ids.promiseId)) {
      for (const as of ["viewer", "coordinator", "manager", "admin"] as const) {
        expect((await requestCsv(t, path, as)).status, `${path} as ${as}`).toBe(200);
      }
      const anonymous = await t.request("GET", path, undefined, {}, "anonymous");
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.error.code).toBe("unauthenticated");
    }
  });

  it.each([
    ["an unknown promise's daily totals", "/api/promises/999/daily-totals", 404, undefined],
    ["an unknown promise's CSV", "/api/promises/999/progress.csv", 404, undefined],
    ["an impossible asOf in the summary", "/api/progress?asOf=2024-13-01", 400, "asOf"],
    ["an impossible asOf in the daily totals", "/api/promises/1/daily-totals?asOf=2024-13-01", 400, "asOf"],
    ["an impossible asOf in the CSV", "/api/promises/1/progress.csv?asOf=2024-02-30", 400, "asOf"],
    ["an id that is not a number", "/api/promises/abc/daily-totals", 400, "id"],
    ["a CSV id that is not a number", "/api/promises/abc/progress.csv", 400, "id"],
  ])("answer %s with its 4xx naming the field, and write nothing", async (_name, path, status, field) => {
    await createExamplePromise(t);
    const before = await t.snapshot();
    const response = await t.request("GET", path);
    expect(response.status).toBe(status);
    if (status === 404) expect(response.body.error).toMatchObject({ code: "not_found", message: "Medborgarlöftet finns inte." });
    if (field) expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
    expect(await t.snapshot()).toEqual(before);
  });
});
