import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { csvBytes, TEMPLATE_HEADER_ROW } from "../../test-support/import-files";
import {
  type Caller,
  createExamplePromise,
  createTestApp,
  EXAMPLE_PROMISE,
  type TestApp,
} from "../../test-support/test-app";

/**
 * The role × endpoint matrix (issue 3): every endpoint, every caller, and the status each gets.
 * Coordinators: "coordinator" acts for Fältenheten, "policeCoordinator" for Polisen.
 * A refused request must write nothing (row counts of every table unchanged) and be audited.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof createExamplePromise>>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await createExamplePromise(t);
});

const CALLERS: Caller[] = ["anonymous", "viewer", "coordinator", "policeCoordinator", "manager", "admin"];

type Expectation = Partial<Record<Caller, number>> & { otherwise: number };
type Case = {
  name: string;
  /** Builds the request; runs fresh for every caller (e.g. a new activity to void each time). */
  request: () => Promise<[method: string, path: string, body?: unknown]>;
  expect: Expectation;
};

const logFor = async (commitmentId: number, organisation?: string) => {
  const response = await t.request("POST", "/api/activities", { commitmentId, occurredAt: "2024-03-01", organisation });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id as number;
};

/** A new organisation or area (as the admin), for a case that changes or merges one. */
const referenceId = async (list: "organisations" | "areas", name: string) => {
  const response = await t.request("POST", `/api/${list}`, { name });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id as number;
};

/** A new activity type (as the admin), for a case that changes or merges one: its code. */
const activityTypeCode = async (label: string) => {
  const response = await t.request("POST", "/api/activity-types", { label });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.code as string;
};

/** A new viewer (as the admin), for a case that changes a user: its id. */
let temporaryUsers = 0;
const TEMPORARY_PASSWORD = "ett långt nytt lösenord";
const temporaryUserEmail = () => `tillfallig-${++temporaryUsers}@test.invalid`;
const temporaryUser = async (email = temporaryUserEmail()) => {
  const response = await t.request("POST", "/api/users", { email, name: "Tillfällig", role: "viewer", password: TEMPORARY_PASSWORD });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id as number;
};
/** A new viewer signed in once: its id and the handle of that session. */
const signedInTemporaryUser = async () => {
  const email = temporaryUserEmail();
  const id = await temporaryUser(email);
  const signIn = await t.request("POST", "/api/auth/sign-in", { email, password: TEMPORARY_PASSWORD }, {}, "anonymous");
  if (signIn.status !== 200) throw new Error(JSON.stringify(signIn.body));
  const [session] = (await t.request("GET", `/api/users/${id}/sessions`)).body as { id: string }[];
  if (!session) throw new Error("the temporary user has no session");
  return { id, sessionId: session.id };
};

const exampleSlug = async () => (await t.request("GET", `/api/promises/${ids.promiseId}`)).body.slug as string;

/** A CSV import of one row on `commitmentId`, a new one every call (a repeated row would be a duplicate). */
let imported = 0;
const importFile = (commitmentId: number, organisation = "") => ({
  format: "csv",
  content: csvBytes([TEMPLATE_HEADER_ROW, [commitmentId, "2024-03-01", 1, organisation, "", `Importerad rad ${++imported}`]]).toString("base64"),
});

const reads = (name: string, path: () => string): Case => ({
  name: `GET ${name}`,
  request: async () => ["GET", path()],
  expect: { anonymous: 401, otherwise: 200 },
});

const cases: Case[] = [
  { name: "GET /api/health", request: async () => ["GET", "/api/health"], expect: { otherwise: 200 } },
  reads("/api/promises", () => "/api/promises"),
  reads("/api/promises/:id", () => `/api/promises/${ids.promiseId}`),
  reads("/api/promises/:id/progress", () => `/api/promises/${ids.promiseId}/progress?asOf=2024-06-01`),
  reads("/api/progress", () => "/api/progress?asOf=2024-06-01"),
  reads("/api/promises/:id/daily-totals", () => `/api/promises/${ids.promiseId}/daily-totals?asOf=2024-06-01`),
  reads("/api/promises/:id/progress.csv", () => `/api/promises/${ids.promiseId}/progress.csv?asOf=2024-06-01`),
  reads("/api/commitments/:id/organisations", () => `/api/commitments/${ids.yearly}/organisations`),
  reads("/api/commitments/:id/activities.csv", () => `/api/commitments/${ids.yearly}/activities.csv`),
  reads("/api/activities", () => `/api/activities?commitmentId=${ids.yearly}`),
  reads("/api/commitments/:id/updates", () => `/api/commitments/${ids.yearly}/updates`),
  reads("/api/activity-types", () => "/api/activity-types"),
  reads("/api/openapi.json", () => "/api/openapi.json"),
  reads("/api/auth/me", () => "/api/auth/me"),
  reads("/api/tokens", () => "/api/tokens"),
  reads("/api/imports/template.csv", () => "/api/imports/template.csv"),
  {
    name: "POST /api/promises",
    request: async () => ["POST", "/api/promises", { ...EXAMPLE_PROMISE, slug: undefined, title: `Löfte ${Math.random()}` }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities on a Fältenheten commitment",
    request: async () => ["POST", "/api/activities", { commitmentId: ids.yearly, occurredAt: "2024-03-01" }],
    expect: { anonymous: 401, admin: 201, coordinator: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities on a Polisen commitment",
    request: async () => ["POST", "/api/activities", { commitmentId: ids.termly, occurredAt: "2024-03-01" }],
    expect: { anonymous: 401, admin: 201, policeCoordinator: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities on a shared commitment in another responsible organisation's name",
    request: async () => ["POST", "/api/activities", { commitmentId: ids.untargeted, occurredAt: "2024-03-01", organisation: "Trygghetssamordningen" }],
    expect: { anonymous: 401, admin: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities/batch with one row of another organisation",
    request: async () => [
      "POST",
      "/api/activities/batch",
      { activities: [{ commitmentId: ids.yearly, occurredAt: "2024-03-01" }, { commitmentId: ids.termly, occurredAt: "2024-03-01" }] },
    ],
    expect: { anonymous: 401, admin: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities/:id/void of a Fältenheten activity",
    request: async () => ["POST", `/api/activities/${await logFor(ids.yearly)}/void`, { reason: "Dubbelregistrerad" }],
    expect: { anonymous: 401, admin: 200, manager: 200, coordinator: 200, otherwise: 403 },
  },
  {
    name: "POST /api/activities/:id/void of a Polisen activity on a shared commitment",
    request: async () => ["POST", `/api/activities/${await logFor(ids.untargeted, "Polisen")}/void`, { reason: "Fel datum" }],
    expect: { anonymous: 401, admin: 200, manager: 200, policeCoordinator: 200, otherwise: 403 },
  },
  {
    name: "POST /api/activities/:id/correct of a Fältenheten activity",
    request: async () => ["POST", `/api/activities/${await logFor(ids.yearly)}/correct`, { reason: "Fel antal", activity: { quantity: 2 } }],
    // Needs activity.void and activity.log: a manager may void but not log.
    expect: { anonymous: 401, admin: 201, coordinator: 201, otherwise: 403 },
  },
  {
    name: "POST /api/activities/:id/correct of a Polisen activity on a shared commitment",
    request: async () => ["POST", `/api/activities/${await logFor(ids.untargeted, "Polisen")}/correct`, { reason: "Fel dag", activity: { occurredAt: "2024-03-02" } }],
    expect: { anonymous: 401, admin: 201, policeCoordinator: 201, otherwise: 403 },
  },
  {
    name: "POST /api/imports/preview of a file for a Fältenheten commitment",
    request: async () => ["POST", "/api/imports/preview", importFile(ids.yearly)],
    // Another organisation's coordinator sees the file, its rows marked as not theirs (below).
    expect: { anonymous: 401, admin: 200, coordinator: 200, policeCoordinator: 200, otherwise: 403 },
  },
  {
    name: "POST /api/imports of a file for a Fältenheten commitment",
    request: async () => ["POST", "/api/imports", importFile(ids.yearly)],
    // Another organisation's coordinator: every row refused, so nothing is stored (422).
    expect: { anonymous: 401, admin: 201, coordinator: 201, policeCoordinator: 422, otherwise: 403 },
  },
  {
    name: "POST /api/imports of a file for a Polisen row on a shared commitment",
    request: async () => ["POST", "/api/imports", importFile(ids.untargeted, "Polisen")],
    expect: { anonymous: 401, admin: 201, policeCoordinator: 201, coordinator: 422, otherwise: 403 },
  },
  {
    name: "POST /api/commitments/:id/updates on a Fältenheten commitment",
    request: async () => ["POST", `/api/commitments/${ids.yearly}/updates`, { date: "2024-06-01", text: "Färre pass i juni." }],
    expect: { anonymous: 401, admin: 201, manager: 201, coordinator: 201, otherwise: 403 },
  },
  // Issue 6: the public API is open to everyone; publishing is for managers and admins.
  { name: "GET /api/public/promises", request: async () => ["GET", "/api/public/promises"], expect: { otherwise: 200 } },
  {
    name: "GET /api/public/promises/:slug/progress",
    request: async () => ["GET", `/api/public/promises/${await exampleSlug()}/progress?asOf=2024-06-01`],
    expect: { otherwise: 200 },
  },
  {
    name: "GET /api/public/promises/:slug/data.csv",
    request: async () => ["GET", `/api/public/promises/${await exampleSlug()}/data.csv?asOf=2024-06-01`],
    expect: { otherwise: 200 },
  },
  { name: "GET /api/public/data-dictionary", request: async () => ["GET", "/api/public/data-dictionary"], expect: { otherwise: 200 } },
  {
    name: "POST /api/promises/:id/snapshots",
    request: async () => ["POST", `/api/promises/${ids.promiseId}/snapshots`, { asOf: "2024-06-01", title: "Medborgardialog" }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "PATCH /api/updates/:id",
    request: async () => {
      const created = await t.request("POST", `/api/commitments/${ids.yearly}/updates`, { date: "2024-06-01", text: "Intern rapport." });
      return ["PATCH", `/api/updates/${created.body.id}`, { public: true }];
    },
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "POST /api/promises/:id/unpublish",
    request: async () => ["POST", `/api/promises/${ids.promiseId}/unpublish`],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    // After the unpublish above, so that the example promise ends published, as the cases before expect.
    name: "POST /api/promises/:id/publish",
    request: async () => ["POST", `/api/promises/${ids.promiseId}/publish`],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  // Issue 7: editing, renewing and exporting promises (managers and admins), the term calendar (admins).
  reads("/api/promises/:id/export", () => `/api/promises/${ids.promiseId}/export`),
  reads("/api/terms", () => "/api/terms?year=2024"),
  {
    name: "PATCH /api/promises/:id",
    request: async () => ["PATCH", `/api/promises/${ids.promiseId}`, { summary: `Sammanfattning ${Math.random()}` }],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "PATCH /api/commitments/:id",
    request: async () => ["PATCH", `/api/commitments/${ids.untargeted}`, { description: `Beskrivning ${Math.random()}` }],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "POST /api/promises/:id/renew",
    request: async () => ["POST", `/api/promises/${ids.promiseId}/renew`, { startDate: "2026-01-01", endDate: "2027-12-31" }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "POST /api/promises/:id/commitments",
    request: async () => [
      "POST",
      `/api/promises/${ids.promiseId}/commitments`,
      { title: `Nytt åtagande ${Math.random()}`, activityType: "outreach", target: 5, cadence: "year", organisations: ["Polisen"] },
    ],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "DELETE /api/commitments/:id",
    request: async () => {
      const added = await t.request("POST", `/api/promises/${ids.promiseId}/commitments`, {
        title: `Tas bort ${Math.random()}`,
        activityType: "outreach",
        target: null,
        cadence: "period",
        organisations: ["Polisen"],
      });
      if (added.status !== 201) throw new Error(JSON.stringify(added.body));
      return ["DELETE", `/api/commitments/${added.body.id}`];
    },
    expect: { anonymous: 401, admin: 204, manager: 204, otherwise: 403 },
  },
  {
    name: "PUT /api/promises/:id/commitment-order",
    request: async () => {
      const promise = await t.request("GET", `/api/promises/${ids.promiseId}`);
      const commitmentIds = (promise.body.commitments as { id: number }[]).map((c) => c.id).reverse();
      return ["PUT", `/api/promises/${ids.promiseId}/commitment-order`, { commitmentIds }];
    },
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "PUT /api/terms",
    request: async () => ["PUT", "/api/terms", { terms: [{ name: "vt 2041", startDate: "2041-01-01", endDate: "2041-06-15" }] }],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  // Issue 7, part 3: the reference lists (managers and admins).
  { name: "GET /api/organisations", request: async () => ["GET", "/api/organisations"], expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 } },
  {
    name: "POST /api/organisations",
    request: async () => ["POST", "/api/organisations", { name: `Aktör ${Math.random()}` }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "PATCH /api/organisations/:id",
    request: async () => ["PATCH", `/api/organisations/${await referenceId("organisations", `Aktör ${Math.random()}`)}`, { archived: true }],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "POST /api/organisations/:id/merge",
    request: async () => [
      "POST",
      `/api/organisations/${await referenceId("organisations", `Dubblett ${Math.random()}`)}/merge`,
      { into: await referenceId("organisations", `Mål ${Math.random()}`) },
    ],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  { name: "GET /api/areas", request: async () => ["GET", "/api/areas"], expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 } },
  {
    name: "POST /api/areas",
    request: async () => ["POST", "/api/areas", { name: `Område ${Math.random()}` }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "PATCH /api/areas/:id",
    request: async () => ["PATCH", `/api/areas/${await referenceId("areas", `Område ${Math.random()}`)}`, { name: `Omdöpt ${Math.random()}` }],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "POST /api/areas/:id/merge",
    request: async () => [
      "POST",
      `/api/areas/${await referenceId("areas", `Dubblett ${Math.random()}`)}/merge`,
      { into: await referenceId("areas", `Mål ${Math.random()}`) },
    ],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  // Issue 7: the activity types list (managers and admins change it; everyone signed in reads it, above).
  {
    name: "POST /api/activity-types",
    request: async () => ["POST", "/api/activity-types", { label: `Typ ${Math.random()}` }],
    expect: { anonymous: 401, admin: 201, manager: 201, otherwise: 403 },
  },
  {
    name: "PATCH /api/activity-types/:code",
    request: async () => ["PATCH", `/api/activity-types/${await activityTypeCode(`Typ ${Math.random()}`)}`, { archived: true }],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "POST /api/activity-types/:code/merge",
    request: async () => [
      "POST",
      `/api/activity-types/${await activityTypeCode(`Dubblett ${Math.random()}`)}/merge`,
      { into: await activityTypeCode(`Mål ${Math.random()}`) },
    ],
    expect: { anonymous: 401, admin: 200, manager: 200, otherwise: 403 },
  },
  {
    name: "GET /api/users",
    request: async () => ["GET", "/api/users"],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "POST /api/users",
    request: async () => [
      "POST",
      "/api/users",
      { email: `ny-${Math.random()}@test.invalid`, name: "Ny Användare", role: "viewer", password: "ett långt nytt lösenord" },
    ],
    expect: { anonymous: 401, admin: 201, otherwise: 403 },
  },
  {
    name: "POST /api/users/:id/disable",
    request: async () => {
      const created = await t.request("POST", "/api/users", {
        email: `tillfällig-${Math.random()}@test.invalid`.replace("ä", "a"),
        name: "Tillfällig",
        role: "viewer",
        password: "ett långt nytt lösenord",
      });
      return ["POST", `/api/users/${created.body.id}/disable`, {}];
    },
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  // Issue 7, part 5: users administration (admins only), each case on a user of its own.
  { name: "GET /api/users/:id", request: async () => ["GET", `/api/users/${await temporaryUser()}`], expect: { anonymous: 401, admin: 200, otherwise: 403 } },
  {
    name: "PATCH /api/users/:id",
    request: async () => ["PATCH", `/api/users/${await temporaryUser()}`, { name: "Omdöpt", role: "coordinator", organisations: ["Polisen"] }],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "POST /api/users/:id/enable",
    request: async () => {
      const id = await temporaryUser();
      await t.request("POST", `/api/users/${id}/disable`, {});
      return ["POST", `/api/users/${id}/enable`, {}];
    },
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "POST /api/users/:id/password",
    request: async () => ["POST", `/api/users/${await temporaryUser()}/password`, { password: "ett annat långt lösenord" }],
    expect: { anonymous: 401, admin: 204, otherwise: 403 },
  },
  {
    name: "GET /api/users/:id/sessions",
    request: async () => ["GET", `/api/users/${(await signedInTemporaryUser()).id}/sessions`],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "DELETE /api/users/:id/sessions",
    request: async () => ["DELETE", `/api/users/${(await signedInTemporaryUser()).id}/sessions`],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "DELETE /api/users/:id/sessions/:sessionId",
    request: async () => {
      const { id, sessionId } = await signedInTemporaryUser();
      return ["DELETE", `/api/users/${id}/sessions/${sessionId}`];
    },
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "GET /api/users/:id/tokens",
    request: async () => ["GET", `/api/users/${await temporaryUser()}/tokens`],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "POST /api/users/:id/tokens",
    request: async () => ["POST", `/api/users/${await temporaryUser()}/tokens`, { name: "Skript" }],
    // The matrix calls with tokens, and a token may not mint tokens: the admin too is refused
    // here (with a session, 201: users.test.ts).
    expect: { anonymous: 401, otherwise: 403 },
  },
  {
    name: "GET /api/audit",
    request: async () => ["GET", "/api/audit"],
    expect: { anonymous: 401, admin: 200, otherwise: 403 },
  },
  {
    name: "POST /api/tokens/:id/revoke of another user's token",
    request: async () => {
      const [token] = await t.query<{ id: number }>(sql`SELECT id FROM api_tokens WHERE user_id = ${t.users.viewer.id} AND revoked_at IS NULL`);
      if (!token) throw new Error("the viewer has no token");
      // Not the viewer's own: everyone but the viewer and an admin is revoking someone else's token.
      return ["POST", `/api/tokens/${token.id}/revoke`, {}];
    },
    // The viewer is excluded below: revoking its own token would lock it out of the rest of the matrix.
    expect: { anonymous: 401, admin: 200, otherwise: 404 },
  },
];

describe("the role × endpoint matrix", () => {
  for (const testCase of cases) {
    for (const caller of CALLERS) {
      const expected = testCase.expect[caller] ?? testCase.expect.otherwise;
      if (testCase.name.startsWith("POST /api/tokens/:id/revoke") && (caller === "viewer" || caller === "admin")) continue;
      it(`${testCase.name} as ${caller} → ${expected}`, async () => {
        const [method, path, body] = await testCase.request();
        const before = await t.snapshot();
        const auditBefore = (await t.auditRows()).length;
        const response = await t.request(method, path, body, {}, caller);
        expect(response.status, JSON.stringify(response.body)).toBe(expected);
        if (expected === 401 || expected === 403 || expected === 404) {
          expect(await t.snapshot()).toEqual(before);
          expect(response.body.error.message).toEqual(expect.any(String));
        }
        if (expected === 403) {
          const denial = (await t.auditRows()).slice(auditBefore);
          expect(denial).toEqual([expect.objectContaining({ action: "auth.denied", user_id: t.users[caller as Exclude<Caller, "anonymous">].id })]);
        }
      });
    }
  }
});

describe("ids swapped in the URL or the body", () => {
  it("a coordinator cannot void another organisation's activity by guessing its id", async () => {
    const policeActivity = await logFor(ids.termly);
    const before = await t.snapshot();
    const response = await t.request("POST", `/api/activities/${policeActivity}/void`, { reason: "Fel" }, {}, "coordinator");
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
    expect(await t.snapshot()).toEqual(before);
    const [activity] = await t.query<{ voided_at: string | null }>(sql`SELECT voided_at FROM activities WHERE id = ${policeActivity}`);
    expect(activity?.voided_at).toBeNull();
  });

  it("a coordinator cannot log for another organisation's commitment by changing commitmentId", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/activities", { commitmentId: ids.termly, occurredAt: "2024-03-02" }, {}, "coordinator");
    expect(response.status).toBe(403);
    expect(response.body.error.issues[0].path).toBe("commitmentId");
    expect(await t.snapshot()).toEqual(before);
  });

  it("a coordinator's import of another organisation's rows shows each as not theirs and stores none of them", async () => {
    const shown = await t.request("POST", "/api/imports/preview", importFile(ids.termly), {}, "coordinator");
    expect(shown.body.rows.map((r: { status: string; problems: { field: string; code: string }[] }) => [r.status, r.problems.map((p) => `${p.field}:${p.code}`)])).toEqual([
      ["error", ["commitment:forbidden"]],
    ]);
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/imports", importFile(ids.termly), {}, "coordinator");
    expect(response.status).toBe(422);
    expect(response.body.error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([["rows.2.commitment", "forbidden"]]);
    expect(await t.snapshot()).toEqual(before);
  });

  it("a coordinator of a shared commitment logs in their own organisation's name by default", async () => {
    const response = await t.request("POST", "/api/activities", { commitmentId: ids.untargeted, occurredAt: "2024-03-02" }, {}, "policeCoordinator");
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ organisation: "Polisen", loggedBy: "Per Kommunpolis" });
  });

  it("a refused batch names each row that is not the coordinator's and stores none of them", async () => {
    const before = await t.snapshot();
    const response = await t.request(
      "POST",
      "/api/activities/batch",
      { activities: [{ commitmentId: ids.yearly, occurredAt: "2024-03-01" }, { commitmentId: ids.termly, occurredAt: "2024-03-01" }, { commitmentId: ids.termly, occurredAt: "2024-03-02" }] },
      {},
      "coordinator",
    );
    expect(response.status).toBe(403);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["activities.1.commitmentId", "activities.2.commitmentId"]);
    expect(await t.snapshot()).toEqual(before);
  });

  it("a user without access to the promise route cannot reach it with a token of a disabled user", async () => {
    const disable = await t.request("POST", `/api/users/${t.users.policeCoordinator.id}/disable`, {});
    expect(disable.status).toBe(200);
    const response = await t.request("GET", "/api/promises", undefined, {}, "policeCoordinator");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_token");
  });
});
