import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { systemContext } from "../../db/audit-context";
import { executeSql } from "../../db/client";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE, TEST_PASSWORD, TEST_USERS, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;
beforeEach(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const newRows = async (from: number) => (await t.auditRows()).slice(from);

/**
 * The database's own message for a statement that fails: drizzle wraps the driver's error
 * ("Failed to run the query …") and keeps it as the cause. Null when the statement succeeds.
 */
const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return cause instanceof Error ? cause.message : String(cause);
    },
  );

describe("the audit trail", () => {
  it("records who logged an activity, from where, when, and what was stored", async () => {
    const before = (await t.auditRows()).length;
    const proxied = await t.request(
      "POST",
      "/api/activities",
      { commitmentId: ids.yearly, occurredAt: "2024-03-14", quantity: 3, place: "Hammarkullen" },
      {},
      "coordinator",
    );
    expect(proxied.status).toBe(201);
    expect(await newRows(before)).toEqual([
      expect.objectContaining({
        action: "activity.create",
        record_type: "activity",
        record_id: String(proxied.body.id),
        user_id: t.users.coordinator.id,
        actor: expect.stringMatching(new RegExp(`^user:${t.users.coordinator.id}/token:\\d+$`)),
        at: "2024-07-01T10:00:00.000Z",
        before: null,
        // The activity row itself is immutable; its audit row keeps what it counted for.
        after: { commitmentId: ids.yearly, localDate: "2024-03-14", quantity: 3, organisationId: expect.any(Number), replacesId: null },
      }),
    ]);
  });

  it("records a void with the activity before and after", async () => {
    const logged = await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-14" });
    const before = (await t.auditRows()).length;
    await t.request("POST", `/api/activities/${logged.body.id}/void`, { reason: "Dubbelregistrerad" }, {}, "manager");
    const [row] = await newRows(before);
    expect(row).toMatchObject({
      action: "activity.void",
      record_id: String(logged.body.id),
      user_id: t.users.manager.id,
      before: expect.objectContaining({ voidedAt: null }),
      after: expect.objectContaining({ voidReason: "Dubbelregistrerad", voidedBy: "Maja Chef" }),
    });
  });

  it("records a promise with each of its commitments, and an update", async () => {
    const before = (await t.auditRows()).length;
    const created = await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, slug: "ett-till" }, {}, "manager");
    expect(created.status).toBe(201);
    const actions = (await newRows(before)).map((r) => r.action);
    expect(actions.filter((a) => a === "promise.create")).toHaveLength(1);
    expect(actions.filter((a) => a === "commitment.create")).toHaveLength(3);
    expect(actions).toContain("commitment.organisation.add");
    const update = await t.request("POST", `/api/commitments/${ids.yearly}/updates`, { date: "2024-06-30", text: "Färre pass i juni", public: true }, {}, "coordinator");
    expect(update.status).toBe(201);
    expect((await t.auditRows()).at(-1)).toMatchObject({ action: "update.create", record_type: "update", record_id: String(update.body.id) });
  });

  it("records a new user without the password hash, and a disabled user", async () => {
    const before = (await t.auditRows()).length;
    const created = await t.request("POST", "/api/users", { email: "ny@test.invalid", name: "Ny", role: "viewer", password: "ett långt nytt lösenord" });
    await t.request("POST", `/api/users/${created.body.id}/disable`, {});
    const rows = await newRows(before);
    expect(rows.map((r) => r.action)).toEqual(["user.create", "user.disable"]);
    expect(JSON.stringify(rows)).not.toContain("argon2");
    expect(rows[1]).toMatchObject({ before: expect.objectContaining({ disabledAt: null }), after: expect.objectContaining({ disabledAt: expect.any(String), passwordChanged: 0 }) });
  });

  it("records sign-ins, failed sign-ins (without the attempted text) and sign-outs", async () => {
    const before = (await t.auditRows()).length;
    await t.request("POST", "/api/auth/sign-in", { email: TEST_USERS.viewer.email, password: "inte rätt lösenord" }, {}, "anonymous");
    await t.request("POST", "/api/auth/sign-in", { email: "mitt hemliga lösenord", password: "x" }, {}, "anonymous");
    const signedIn = await t.request("POST", "/api/auth/sign-in", { email: TEST_USERS.viewer.email, password: TEST_PASSWORD }, {}, "anonymous");
    const cookie = signedIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    await t.request("POST", "/api/auth/sign-out", undefined, { cookie }, "anonymous");
    const rows = await newRows(before);
    expect(rows.map((r) => [r.action, r.record_id, r.user_id])).toEqual([
      ["auth.sign_in_failed", String(t.users.viewer.id), null],
      ["auth.sign_in_failed", null, null],
      ["auth.sign_in", String(t.users.viewer.id), t.users.viewer.id],
      ["auth.sign_out", String(t.users.viewer.id), t.users.viewer.id],
    ]);
    expect(JSON.stringify(rows)).not.toContain("hemliga");
  });

  it("records an authorization denial with what was attempted", async () => {
    const policeActivity = await t.request("POST", "/api/activities", { commitmentId: ids.termly, occurredAt: "2024-03-14" });
    const before = (await t.auditRows()).length;
    await t.request("POST", `/api/activities/${policeActivity.body.id}/void`, { reason: "Fel" }, {}, "coordinator");
    expect(await newRows(before)).toEqual([
      expect.objectContaining({
        action: "auth.denied",
        user_id: t.users.coordinator.id,
        record_type: "activity",
        record_id: String(policeActivity.body.id),
        after: { method: "POST", path: `/api/activities/${policeActivity.body.id}/void`, permission: "activity.void" },
      }),
    ]);
  });

  it("makes a write without its audit row impossible: an unattributed write fails and stores nothing", async () => {
    const count = async () => Number((await t.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM activities`))[0]?.n);
    const before = await count();
    expect(
      await failureOf(
        t.execute(
          sql`INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by) VALUES (${ids.yearly}, '2024-03-01', '2024-03-01', 1, 'x')`,
        ),
      ),
    ).toMatch(/no audit context/);
    expect(await count()).toEqual(before);
  });

  it("rolls back the change when its audit row cannot be written", async () => {
    const before = await t.snapshot();
    // Sabotage the audit table so the trigger's INSERT fails (CHECK), then try a legitimate write.
    await t.failInserts("audit_log", "audit store unavailable");
    expect(
      await failureOf(t.store.transaction(systemContext("cli"), (db) => executeSql(db, sql`INSERT INTO areas (name) VALUES ('Bergsjön')`))),
    ).toMatch(/audit store unavailable/);
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses UPDATE and DELETE on the audit table", async () => {
    expect((await t.auditRows()).length).toBeGreaterThan(0);
    expect(await failureOf(t.execute(sql`UPDATE audit_log SET actor = 'someone else'`))).toMatch(/append-only/);
    expect(await failureOf(t.execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
  });
});

describe("GET /api/audit", () => {
  it("filters by record and pages newest first", async () => {
    const a = await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-14" });
    await t.request("POST", `/api/activities/${a.body.id}/void`, { reason: "Fel" });
    const first = await t.request("GET", `/api/audit?recordType=activity&recordId=${a.body.id}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { action: string }) => e.action)).toEqual(["activity.void"]);
    const second = await t.request("GET", `/api/audit?recordType=activity&recordId=${a.body.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(["activity.create"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("filters by user and by Stockholm day", async () => {
    await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-14" }, {}, "coordinator");
    const byUser = await t.request("GET", `/api/audit?userId=${t.users.coordinator.id}`);
    expect(byUser.body.items.map((e: { action: string; userName: string }) => [e.action, e.userName])).toEqual([["activity.create", "Frida Fältassistent"]]);
    const today = await t.request("GET", "/api/audit?from=2024-07-01&to=2024-07-01&recordType=activity");
    expect(today.body.items).toHaveLength(1);
    const yesterday = await t.request("GET", "/api/audit?to=2024-06-30&recordType=activity");
    expect(yesterday.body.items).toHaveLength(0);
    // 00:30 in Stockholm on 2 July is 22:30 UTC on 1 July: it belongs to 2 July.
    t.setNow(new Date("2024-07-01T22:30:00Z"));
    await t.request("POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-07-01" });
    const july2 = await t.request("GET", "/api/audit?from=2024-07-02&to=2024-07-02&recordType=activity");
    expect(july2.body.items.map((e: { at: string }) => e.at)).toEqual(["2024-07-01T22:30:00.000Z"]);
    const july1 = await t.request("GET", "/api/audit?from=2024-07-01&to=2024-07-01&recordType=activity");
    expect(july1.body.items).toHaveLength(1);
  });

  it("names a bad filter with 400", async () => {
    for (const [query, field] of [
      ["recordType=nonsense", "recordType"],
      ["from=2024-13-01", "from"],
      ["cursor=abc", "cursor"],
      ["from=2024-07-02&to=2024-07-01", "from"],
    ]) {
      const response = await t.request("GET", `/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });
});

describe("a batch import in the audit trail", () => {
  it("is one activity.import row saying who imported how many for which commitments, linked from every row", async () => {
    const before = (await t.auditRows()).length;
    const response = await t.request(
      "POST",
      "/api/activities/batch",
      { activities: [{ commitmentId: ids.yearly, occurredAt: "2024-03-01", quantity: 2 }, { commitmentId: ids.yearly, occurredAt: "2024-03-02" }, { commitmentId: ids.untargeted, occurredAt: "2024-03-02", organisation: "Polisen" }] },
      {},
      "admin",
    );
    expect(response.status).toBe(201);
    const rows = await newRows(before);
    expect(rows).toEqual([
      expect.objectContaining({
        action: "activity.import",
        record_type: "activity",
        user_id: t.users.admin.id,
        after: { activities: 3, commitments: { [ids.yearly]: { activities: 2, quantity: 3 }, [ids.untargeted]: { activities: 1, quantity: 1 } } },
      }),
    ]);
    const activityIds = (response.body.ids as number[]).map((id) => sql`${id}`);
    const linked = await t.query(sql`SELECT DISTINCT audit_id FROM activities WHERE id IN (${sql.join(activityIds, sql`, `)})`);
    expect(linked).toEqual([{ audit_id: rows[0]?.id }]);
  });

  it("shows the import when filtering by one of its activities, and that activity's void after it", async () => {
    const batch = await t.request("POST", "/api/activities/batch", { activities: [{ commitmentId: ids.yearly, occurredAt: "2024-03-01" }, { commitmentId: ids.yearly, occurredAt: "2024-03-02" }] });
    const second = batch.body.ids[1];
    await t.request("POST", `/api/activities/${second}/void`, { reason: "Fel dag" });
    const history = await t.request("GET", `/api/audit?recordType=activity&recordId=${second}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(["activity.void", "activity.import"]);
  });

  it("refuses a row that claims to belong to an import without an audit context or an existing audit row", async () => {
    const insert = (auditId: number) =>
      sql`INSERT INTO activities (commitment_id, occurred_at, local_date, quantity, logged_by, audit_id) VALUES (${ids.yearly}, '2024-03-01', '2024-03-01', 1, 'x', ${auditId})`;
    const anyAuditRow = ((await t.auditRows())[0]?.id ?? 1) as number;
    expect(await failureOf(t.execute(insert(anyAuditRow)))).toMatch(/no audit context/);
    expect(await failureOf(t.store.transaction(systemContext("cli"), (db) => executeSql(db, insert(999_999))))).toMatch(/FOREIGN KEY|foreign key/);
  });
});
