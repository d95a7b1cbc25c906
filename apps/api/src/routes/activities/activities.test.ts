import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type Caller,
  createExamplePromise,
  createTestApp,
  PERSONNUMMER,
  type TestApp,
} from "../../test-support/test-app";
import { systemContext } from "../../db/audit-context";
import { createActivityBatch } from "../../services/activities";

let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;

beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const post = (body: unknown, headers?: Record<string, string>, as: Caller = "admin") => t.request("POST", "/api/activities", body, headers, as);

describe("POST /api/activities", () => {
  it("logs an activity and returns it with its id and local date", async () => {
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-03-14T18:30:00+01:00", quantity: 2, place: "Hammarkullen", note: "Lugnt på torget" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      commitmentId: ids.yearly,
      occurredAt: "2024-03-14T18:30:00+01:00",
      localDate: "2024-03-14",
      quantity: 2,
      organisation: "Fältenheten",
      place: "Hammarkullen",
      note: "Lugnt på torget",
      voidedAt: null,
      demo: false,
    });
    expect(response.body.id).toEqual(expect.any(Number));
  });

  it("stores the Stockholm date of a late-evening UTC timestamp on New Year's Eve", async () => {
    const later = await createTestApp({ now: new Date("2025-03-01T12:00:00Z") });
    const laterIds = await createExamplePromise(later);
    const response = await later.request("POST", "/api/activities", { commitmentId: laterIds.yearly, occurredAt: "2024-12-31T23:30:00Z" });
    expect(response.status).toBe(201);
    expect(response.body.localDate).toBe("2025-01-01");
    const progress = await later.request("GET", `/api/promises/${laterIds.promiseId}/progress?asOf=2025-01-01`);
    const windows = progress.body.commitments[0].windows;
    expect(windows.map((w: { actual: number }) => w.actual)).toEqual([0, 1]);
  });

  it("defaults the quantity to 1", async () => {
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02" });
    expect(response.body.quantity).toBe(1);
  });

  const refusals: [string, unknown, number, string, string | undefined][] = [
    ["malformed JSON", "{\"commitmentId\": 1,", 400, "invalid_json", undefined],
    ["a body that is not an object", "[1,2]", 400, "validation_error", "(body)"],
    ["a commitmentId of the wrong type", { commitmentId: "ett", occurredAt: "2024-05-02" }, 400, "validation_error", "commitmentId"],
    ["a missing occurredAt", { commitmentId: 1 }, 400, "validation_error", "occurredAt"],
    ["an impossible date", { commitmentId: 1, occurredAt: "2024-02-30" }, 400, "validation_error", "occurredAt"],
    ["a timestamp without offset", { commitmentId: 1, occurredAt: "2024-05-02T10:00:00" }, 400, "validation_error", "occurredAt"],
    ["a quantity of the wrong type", { commitmentId: 1, occurredAt: "2024-05-02", quantity: "två" }, 400, "validation_error", "quantity"],
    ["a fractional quantity", { commitmentId: 1, occurredAt: "2024-05-02", quantity: 1.5 }, 400, "validation_error", "quantity"],
    ["a note that is not text", { commitmentId: 1, occurredAt: "2024-05-02", note: 42 }, 400, "validation_error", "note"],
  ];
  it.each(refusals)("refuses %s with %i and writes nothing", async (_name, body, status, code, field) => {
    const before = await t.snapshot();
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toEqual(expect.any(String));
    if (field) expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses a body that is not sent as JSON", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities", JSON.stringify({ commitmentId: ids.yearly, occurredAt: "2024-05-02" }), { "content-type": "text/plain" });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("unsupported_content_type");
    expect(await t.snapshot()).toEqual(before);
  });

  it("answers 404 naming commitmentId for an unknown commitment, and writes nothing", async () => {
    const before = await t.snapshot();
    const response = await post({ commitmentId: 9999, occurredAt: "2024-05-02" });
    expect(response.status).toBe(404);
    expect(response.body.error.issues[0].path).toBe("commitmentId");
    expect(await t.snapshot()).toEqual(before);
  });

  const ruleCases: [string, Record<string, unknown>, string, string][] = [
    ["a date before the promise period", { occurredAt: "2024-02-26" }, "occurredAt", "outside_period"],
    ["a timestamp that is the day before the period in Stockholm", { occurredAt: "2024-02-26T22:59:59Z" }, "occurredAt", "outside_period"],
    ["a date after the promise period", { occurredAt: "2026-01-01" }, "occurredAt", "in_future"],
    ["a date in the future", { occurredAt: "2024-07-02" }, "occurredAt", "in_future"],
    ["a timestamp more than 5 minutes ahead of the server clock", { occurredAt: "2024-07-01T10:05:01Z" }, "occurredAt", "in_future"],
    ["quantity 0", { quantity: 0 }, "quantity", "quantity_out_of_range"],
    ["quantity 10 001", { quantity: 10_001 }, "quantity", "quantity_out_of_range"],
    ["a negative quantity", { quantity: -3 }, "quantity", "quantity_out_of_range"],
    ["an organisation that is not responsible", { organisation: "Polisen" }, "organisation", "organisation_not_responsible"],
    ...PERSONNUMMER.map((pnr): [string, Record<string, unknown>, string, string] => [`a personnummer (${pnr}) in the note`, { note: `Pratade med ${pnr} vid torget` }, "note", "personal_data"]),
    ["a personnummer in the place", { place: "Utanför hos 850709-9805" }, "place", "personal_data"],
  ];
  it.each(ruleCases)("refuses %s with 422 and writes nothing", async (_name, overrides, field, code) => {
    const before = await t.snapshot();
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", ...overrides });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.issues).toContainEqual(expect.objectContaining({ path: field, code }));
    expect(await t.snapshot()).toEqual(before);
  });

  it("accepts a timestamp up to 5 minutes ahead of the server clock (a phone's clock skew)", async () => {
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-07-01T10:04:59Z" });
    expect(response.status).toBe(201);
  });

  it("accepts quantities 1 and 10 000, and activities on the first and last day of the period", async () => {
    expect((await post({ commitmentId: ids.yearly, occurredAt: "2024-02-27", quantity: 1 })).status).toBe(201);
    expect((await post({ commitmentId: ids.yearly, occurredAt: "2024-07-01", quantity: 10_000 })).status).toBe(201);
    const late = await createTestApp({ now: new Date("2026-03-01T00:00:00Z") });
    const lateIds = await createExamplePromise(late);
    expect((await late.request("POST", "/api/activities", { commitmentId: lateIds.yearly, occurredAt: "2025-12-31T22:59:59Z" })).status).toBe(201);
  });

  it("lets ordinary digits through: dates, phone numbers, counts", async () => {
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", note: "Ring 070-685 20 45 eller 031-365 00 00 efter 2024-05-02, 70 deltagare" });
    expect(response.status).toBe(201);
  });

  it("refuses an activity on an archived promise", async () => {
    const archived = await t.request("POST", "/api/promises", {
      title: "Arkiverat löfte",
      area: "Testområdet",
      startDate: "2024-01-01",
      endDate: "2024-12-31",
      status: "archived",
      commitments: [{ title: "Något", activityType: "other", target: null, cadence: "period", organisations: ["Polisen"] }],
    });
    const before = await t.snapshot();
    const response = await post({ commitmentId: archived.body.commitments[0].id, occurredAt: "2024-05-02" });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("promise_archived");
    expect(await t.snapshot()).toEqual(before);
  });
});

describe("Idempotency-Key", () => {
  it("returns the first result for a retry with the same key and body, and creates nothing", async () => {
    const body = { commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 3 };
    const first = await post(body, { "idempotency-key": "k-1" });
    const retry = await post({ quantity: 3, occurredAt: "2024-05-02", commitmentId: ids.yearly }, { "idempotency-key": "k-1" });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await t.snapshot()).activities).toBe(1);
  });

  it("answers 409 for the same key with another body, and writes nothing", async () => {
    await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02" }, { "idempotency-key": "k-2" });
    const before = await t.snapshot();
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-03" }, { "idempotency-key": "k-2" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("idempotency_key_reused");
    expect(await t.snapshot()).toEqual(before);
  });

  it("creates exactly one activity when the same key is sent 50 times concurrently", async () => {
    const body = { commitmentId: ids.yearly, occurredAt: "2024-05-02" };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(body, { "idempotency-key": "same-key" })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect((await t.snapshot()).activities).toBe(1);
    expect(await t.dailyTotalsState()).toEqual([expect.objectContaining({ commitment_id: ids.yearly, local_date: "2024-05-02", quantity: 1, activity_count: 1 })]);
  });

  it("remembers nothing for a refused request, so a corrected retry with the key succeeds", async () => {
    expect((await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 0 }, { "idempotency-key": "k-3" })).status).toBe(422);
    expect((await t.snapshot()).idempotency_keys).toBe(0);
  });

  it("refuses a malformed key", async () => {
    const response = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02" }, { "idempotency-key": "a key with spaces" });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe("idempotency-key");
  });
});

describe("POST /api/activities/batch", () => {
  const row = (overrides: Record<string, unknown> = {}) => ({ commitmentId: ids.yearly, occurredAt: "2024-05-02", ...overrides });

  it("stores every row", async () => {
    const response = await t.request("POST", "/api/activities/batch", { activities: [row(), row({ quantity: 70, commitmentId: ids.untargeted, organisation: "Polisen" })] });
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(2);
    expect(response.body.ids).toHaveLength(2);
    const stored = await t.request("GET", "/api/activities");
    expect(stored.body.items.map((a: { id: number; quantity: number; organisation: string }) => [a.id, a.quantity, a.organisation])).toEqual([
      [response.body.ids[1], 70, "Polisen"],
      [response.body.ids[0], 1, "Fältenheten"],
    ]);
  });

  it("stores nothing when one row is bad, and names each bad row and why", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities/batch", {
      activities: [row(), row({ quantity: 0 }), row(), row({ note: "Kontakt 850709-9805" }), row({ commitmentId: 9999 }), row({ occurredAt: "2023-01-01" })],
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("batch_rejected");
    expect(response.body.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ["activities.1.quantity", "quantity_out_of_range"],
      ["activities.3.note", "personal_data"],
      ["activities.4.commitmentId", "not_found"],
      ["activities.5.occurredAt", "outside_period"],
    ]);
    expect(response.body.error.message).toContain("4 av 6");
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses rows of the wrong shape with 400 naming the row", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities/batch", { activities: [row(), row({ occurredAt: 20240502 })] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe("activities.1.occurredAt");
    expect(await t.snapshot()).toEqual(before);
  });

  it.each([
    ["malformed JSON", "{\"activities\": [", 400],
    ["an empty list", { activities: [] }, 400],
    ["a missing list", {}, 400],
    ["more than 10 000 rows", { activities: Array.from({ length: 10_001 }, () => ({ commitmentId: 1, occurredAt: "2024-05-02" })) }, 400],
  ])("refuses %s and writes nothing", async (_name, body, status) => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities/batch", body);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(await t.snapshot()).toEqual(before);
  });

  it("replays a batch retried with the same Idempotency-Key", async () => {
    const body = { activities: [row(), row()] };
    const first = await t.request("POST", "/api/activities/batch", body, { "idempotency-key": "import-v12" });
    const retry = await t.request("POST", "/api/activities/batch", body, { "idempotency-key": "import-v12" });
    expect(retry.body).toEqual(first.body);
    expect((await t.snapshot()).activities).toBe(2);
  });
});

describe("POST /api/activities/:id/void", () => {
  it("voids an activity: it stays visible, stops counting, and the daily total drops", async () => {
    const a = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 3 });
    await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 2 });
    const response = await t.request("POST", `/api/activities/${a.body.id}/void`, { reason: "Registrerad två gånger" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: a.body.id, voidReason: "Registrerad två gånger", voidedBy: "Anna Admin" });
    expect(response.body.voidedAt).toEqual(expect.any(String));
    expect(await t.dailyTotalsState()).toEqual([expect.objectContaining({ local_date: "2024-05-02", quantity: 2, activity_count: 1 })]);
    const list = await t.request("GET", `/api/activities?commitmentId=${ids.yearly}`);
    expect(list.body.items.map((i: { id: number; voidedAt: string | null }) => [i.id, i.voidedAt !== null])).toContainEqual([a.body.id, true]);
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    expect(progress.body.commitments[0].total.actual).toBe(2);
  });

  it("answers 409 when the activity is already voided, and changes nothing", async () => {
    const a = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02" });
    await t.request("POST", `/api/activities/${a.body.id}/void`, { reason: "Fel datum" });
    const before = await t.dailyTotalsState();
    const response = await t.request("POST", `/api/activities/${a.body.id}/void`, { reason: "Igen" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("already_voided");
    expect(await t.dailyTotalsState()).toEqual(before);
  });

  it.each([
    ["malformed JSON", "{reason:", 400, "invalid_json"],
    ["a missing reason", {}, 400, "validation_error"],
    ["an empty reason", { reason: "   " }, 400, "validation_error"],
    ["a reason of the wrong type", { reason: 5 }, 400, "validation_error"],
    ["a personnummer in the reason", { reason: "Gällde 850709-9805" }, 422, "personal_data"],
  ])("refuses %s and voids nothing", async (_name, body, status, code) => {
    const a = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02" });
    const response = await t.request("POST", `/api/activities/${a.body.id}/void`, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    const list = await t.request("GET", `/api/activities?commitmentId=${ids.yearly}`);
    expect(list.body.items[0].voidedAt).toBeNull();
  });

  it.each([
    ["an unknown id", "/api/activities/9999/void", 404],
    ["an id that is not a number", "/api/activities/abc/void", 400],
  ])("answers %s with its 4xx", async (_name, path, status) => {
    const response = await t.request("POST", path, { reason: "Fel" });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toEqual(expect.any(String));
  });
});

describe("POST /api/activities/:id/correct", () => {
  const correct = (id: number | string, body: unknown, as: Caller = "admin") => t.request("POST", `/api/activities/${id}/correct`, body, {}, as);
  const voidedAt = async (id: number) => {
    const [row] = await t.query<{ voided_at: string | null }>(sql`SELECT voided_at FROM activities WHERE id = ${id}`);
    if (!row) throw new Error(`activity ${id} is not stored`);
    return row.voided_at;
  };
  const original = async () => {
    const logged = await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02T18:30:00+02:00", quantity: 3, place: "Hammarkullen", note: "Lugnt på torget" }, undefined, "coordinator");
    if (logged.status !== 201) throw new Error(JSON.stringify(logged.body));
    return logged.body as { id: number };
  };

  it("keeps a correction of generated demo data marked as demo, so that removing the demo removes both", async () => {
    const now = new Date("2024-07-01T10:00:00Z");
    const [id] = await t.store.transaction(systemContext("seed", now), (db) =>
      createActivityBatch({
        db,
        inputs: [{ commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 1, organisation: "Fältenheten", place: null, note: null }],
        now,
        actor: { author: { kind: "system", name: "demo" }, demo: true },
      }),
    );
    if (id === undefined) throw new Error("the demo activity was logged");
    const response = await correct(id, { reason: "Fel dag", activity: { occurredAt: "2024-05-03" } });
    expect(response.status).toBe(201);
    expect(response.body.created).toMatchObject({ demo: true, replacesId: id });
  });

  it("voids the original and logs the correction, linked both ways, copying the fields it leaves out", async () => {
    const { id } = await original();
    const response = await correct(id, { reason: "Fel antal", activity: { quantity: 5 } });
    expect(response.status).toBe(201);
    const { voided, created } = response.body;
    expect(voided).toMatchObject({ id, quantity: 3, voidedAt: "2024-07-01T10:00:00.000Z", voidedBy: "Anna Admin", voidReason: "Fel antal", replacesId: null, replacedById: created.id });
    expect(created).toEqual({
      id: expect.any(Number),
      commitmentId: ids.yearly,
      occurredAt: "2024-05-02T18:30:00+02:00",
      localDate: "2024-05-02",
      quantity: 5,
      organisation: "Fältenheten",
      place: "Hammarkullen",
      note: "Lugnt på torget",
      loggedBy: "Anna Admin",
      createdAt: "2024-07-01T10:00:00.000Z",
      demo: false,
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
      replacesId: id,
      replacedById: null,
    });
    expect(created.id).not.toBe(id);
    const list = await t.request("GET", `/api/activities?commitmentId=${ids.yearly}`);
    expect(list.body.items.map((a: { id: number; replacesId: number | null; replacedById: number | null }) => [a.id, a.replacesId, a.replacedById])).toEqual([
      [created.id, id, null],
      [id, null, created.id],
    ]);
  });

  it("changes the date and clears the place with null, keeping the note", async () => {
    const { id } = await original();
    const response = await correct(id, { reason: "Fel dag", activity: { occurredAt: "2024-05-03", place: null } });
    expect(response.status).toBe(201);
    expect(response.body.created).toMatchObject({ occurredAt: "2024-05-03", localDate: "2024-05-03", quantity: 3, place: null, note: "Lugnt på torget" });
  });

  it("counts only the corrected activity in the progress and the daily totals afterwards", async () => {
    const { id } = await original();
    await post({ commitmentId: ids.yearly, occurredAt: "2024-05-02", quantity: 2 });
    expect((await correct(id, { reason: "Fel dag och antal", activity: { occurredAt: "2024-05-03", quantity: 5 } })).status).toBe(201);
    expect(await t.dailyTotalsState()).toEqual([
      expect.objectContaining({ commitment_id: ids.yearly, local_date: "2024-05-02", quantity: 2, activity_count: 1 }),
      expect.objectContaining({ commitment_id: ids.yearly, local_date: "2024-05-03", quantity: 5, activity_count: 1 }),
    ]);
    const totals = await t.request("GET", `/api/promises/${ids.promiseId}/daily-totals?asOf=2024-07-01`);
    expect(totals.body.commitments[0].days).toEqual([
      { date: "2024-05-02", quantity: 2 },
      { date: "2024-05-03", quantity: 5 },
    ]);
    const progress = await t.request("GET", `/api/promises/${ids.promiseId}/progress?asOf=2024-07-01`);
    expect(progress.body.commitments[0].total.actual).toBe(7);
  });

  it("records the void of the original and the correction that replaces it in the audit trail", async () => {
    const { id } = await original();
    const before = (await t.auditRows()).length;
    const response = await correct(id, { reason: "Fel antal", activity: { quantity: 5 } }, "coordinator");
    expect(response.status).toBe(201);
    expect((await t.auditRows()).slice(before)).toEqual([
      expect.objectContaining({
        action: "activity.void",
        record_type: "activity",
        record_id: String(id),
        user_id: t.users.coordinator.id,
        before: expect.objectContaining({ id, quantity: 3, voidedAt: null, replacesId: null }),
        after: expect.objectContaining({ id, quantity: 3, voidedAt: "2024-07-01T10:00:00.000Z", voidedBy: "Frida Fältassistent", voidReason: "Fel antal" }),
      }),
      expect.objectContaining({
        action: "activity.correct",
        record_type: "activity",
        record_id: String(response.body.created.id),
        user_id: t.users.coordinator.id,
        before: null,
        after: { commitmentId: ids.yearly, localDate: "2024-05-02", quantity: 5, organisationId: expect.any(Number), replacesId: id },
      }),
    ]);
  });

  it("answers 409 for an activity that is already voided, and writes nothing", async () => {
    const { id } = await original();
    await t.request("POST", `/api/activities/${id}/void`, { reason: "Dubbelregistrerad" });
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const response = await correct(id, { reason: "Fel antal", activity: { quantity: 5 } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("already_voided");
    expect(await t.snapshot()).toEqual(before);
    expect(await t.auditRows()).toHaveLength(auditBefore);
  });

  it("answers 409 for an original that has been corrected already: the correction is corrected instead", async () => {
    const { id } = await original();
    const first = await correct(id, { reason: "Fel antal", activity: { quantity: 5 } });
    expect((await correct(id, { reason: "Igen", activity: { quantity: 6 } })).status).toBe(409);
    const again = await correct(first.body.created.id, { reason: "Fortfarande fel antal", activity: { quantity: 6 } });
    expect(again.status).toBe(201);
    expect(again.body.created).toMatchObject({ quantity: 6, replacesId: first.body.created.id });
  });

  it.each([
    ["no field", {}],
    ["the fields it already has", { quantity: 3, place: " Hammarkullen ", organisation: "Fältenheten", occurredAt: "2024-05-02T18:30:00+02:00" }],
  ])("answers 422 for a correction that changes nothing (%s), and leaves the original as it was", async (_name, activity) => {
    const { id } = await original();
    const before = await t.snapshot();
    const response = await correct(id, { reason: "Kontroll", activity });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("correction_unchanged");
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["activity"]);
    expect(await t.snapshot()).toEqual(before);
    expect(await voidedAt(id)).toBeNull();
  });

  it.each([
    ["an unknown id", 9999, 404, "not_found"],
    ["an id that is not a number", "abc", 400, "validation_error"],
  ])("answers %s with its 4xx and writes nothing", async (_name, id, status, code) => {
    const before = await t.snapshot();
    const response = await correct(id, { reason: "Fel antal", activity: { quantity: 5 } });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses (403) a coordinator correcting another organisation's activity, writes nothing, and audits the denial", async () => {
    const police = await post({ commitmentId: ids.termly, occurredAt: "2024-05-02" });
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const response = await correct(police.body.id, { reason: "Fel antal", activity: { quantity: 5 } }, "coordinator");
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
    expect(await t.snapshot()).toEqual(before);
    expect(await voidedAt(police.body.id)).toBeNull();
    expect((await t.auditRows()).slice(auditBefore)).toEqual([
      expect.objectContaining({ action: "auth.denied", user_id: t.users.coordinator.id, record_type: "activity", record_id: String(police.body.id) }),
    ]);
  });

  it("refuses (403) a coordinator moving their activity to another responsible organisation's name, naming the field", async () => {
    const own = await post({ commitmentId: ids.untargeted, occurredAt: "2024-05-02" }, undefined, "policeCoordinator");
    expect(own.body.organisation).toBe("Polisen");
    const response = await correct(own.body.id, { reason: "Fel aktör", activity: { organisation: "Trygghetssamordningen" } }, "policeCoordinator");
    expect(response.status).toBe(403);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["activity.organisation"]);
    expect(await voidedAt(own.body.id)).toBeNull();
  });

  const refusals: [string, unknown, number, string, string][] = [
    ["quantity 0", { reason: "Fel antal", activity: { quantity: 0 } }, 422, "quantity_out_of_range", "activity.quantity"],
    ["quantity 10 001", { reason: "Fel antal", activity: { quantity: 10_001 } }, 422, "quantity_out_of_range", "activity.quantity"],
    ["a date in the future", { reason: "Fel dag", activity: { occurredAt: "2024-07-02" } }, 422, "in_future", "activity.occurredAt"],
    ["a date before the promise period", { reason: "Fel dag", activity: { occurredAt: "2024-02-26" } }, 422, "outside_period", "activity.occurredAt"],
    ["an organisation that is not responsible", { reason: "Fel aktör", activity: { organisation: "Polisen" } }, 422, "organisation_not_responsible", "activity.organisation"],
    ["a personnummer in the note", { reason: "Fel text", activity: { note: "Pratade med 850709-9805" } }, 422, "personal_data", "activity.note"],
    ["a personnummer in the place", { reason: "Fel plats", activity: { place: "Hos 19850709-9805" } }, 422, "personal_data", "activity.place"],
    ["a personnummer in the reason", { reason: "Gällde 850709-9805", activity: { quantity: 5 } }, 422, "personal_data", "reason"],
    ["a fractional quantity", { reason: "Fel antal", activity: { quantity: 1.5 } }, 400, "validation_error", "activity.quantity"],
    ["an impossible date", { reason: "Fel dag", activity: { occurredAt: "2024-02-30" } }, 400, "validation_error", "activity.occurredAt"],
    ["a note that is not text", { reason: "Fel text", activity: { note: 42 } }, 400, "validation_error", "activity.note"],
    ["a missing reason", { activity: { quantity: 5 } }, 400, "validation_error", "reason"],
    ["an empty reason", { reason: "  ", activity: { quantity: 5 } }, 400, "validation_error", "reason"],
    ["a missing activity", { reason: "Fel antal" }, 400, "validation_error", "activity"],
  ];
  it.each(refusals)("refuses %s with %i naming the field, and neither voids nor logs anything", async (_name, body, status, code, field) => {
    const { id } = await original();
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const response = await correct(id, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await t.snapshot()).toEqual(before);
    expect(await t.auditRows()).toHaveLength(auditBefore);
    expect(await voidedAt(id)).toBeNull();
  });

  it("asks why the activity is corrected, in those words", async () => {
    const { id } = await original();
    const response = await correct(id, { reason: "", activity: { quantity: 5 } });
    expect(response.body.error.issues).toEqual([{ path: "reason", code: "too_small", message: "Ange varför registreringen rättas (reason)." }]);
  });
});

describe("GET /api/activities", () => {
  it("lists newest first and pages through every activity exactly once", async () => {
    const dates = ["2024-03-01", "2024-05-02", "2024-04-10", "2024-05-02", "2024-06-30", "2024-03-01", "2024-04-11"];
    const created: number[] = [];
    for (const occurredAt of dates) created.push((await post({ commitmentId: ids.yearly, occurredAt })).body.id);
    const seen: { id: number; localDate: string }[] = [];
    let cursor: string | null = null;
    do {
      const response: Awaited<ReturnType<TestApp["request"]>> = await t.request("GET", `/api/activities?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen.map((a) => a.id).sort()).toEqual([...created].sort());
    const order = seen.map((a) => `${a.localDate}#${String(a.id).padStart(6, "0")}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it("filters by commitment and by date range", async () => {
    await post({ commitmentId: ids.yearly, occurredAt: "2024-03-01" });
    await post({ commitmentId: ids.yearly, occurredAt: "2024-05-01" });
    await post({ commitmentId: ids.termly, occurredAt: "2024-05-01" });
    const response = await t.request("GET", `/api/activities?commitmentId=${ids.yearly}&from=2024-04-01&to=2024-05-31`);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ commitmentId: ids.yearly, localDate: "2024-05-01" });
    expect(response.body.nextCursor).toBeNull();
  });

  it.each([
    ["an unknown commitment", "?commitmentId=9999", 404, "commitmentId"],
    ["a commitmentId that is not a number", "?commitmentId=abc", 400, "commitmentId"],
    ["an invalid from date", "?from=2024-13-01", 400, "from"],
    ["from after to", "?from=2024-05-01&to=2024-04-01", 400, "from"],
    ["limit 0", "?limit=0", 400, "limit"],
    ["limit 501", "?limit=501", 400, "limit"],
    ["a forged cursor", "?cursor=bm9wZQ", 400, "cursor"],
  ])("answers %s with its 4xx naming the field", async (_name, query, status, field) => {
    const response = await t.request("GET", `/api/activities${query}`);
    expect(response.status).toBe(status);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  });
});
