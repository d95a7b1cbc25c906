import { fileURLToPath } from "node:url";
import type { Role } from "@lofteskollen/domain";
import { type AppOptions, createApp } from "../app";
import { type SQLWrapper, sql } from "drizzle-orm";
import { systemContext } from "../db/audit-context";
import { executeSql, openStore, queryRows, type Store } from "../db/client";
import { loadData } from "../seed/load-data";
import { hashPasswordSync } from "../security/passwords";
import { createApiToken } from "../services/api-tokens";
import { createUser } from "../services/users";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));

/** The server clock the tests run at: 2024-07-01 12:00 in Stockholm (CEST). */
export const TEST_NOW = new Date("2024-07-01T10:00:00Z");

/** The password of every test user. */
export const TEST_PASSWORD = "en lång testfras för inloggning";
// argon2id costs ~50 ms: hash once per test file, not once per user.
let testPasswordHash: string | undefined;
const passwordHash = () => (testPasswordHash ??= hashPasswordSync(TEST_PASSWORD));

/** The users every test app has, one per role; two coordinators at different organisations. */
export const TEST_USERS = {
  admin: { email: "admin@test.invalid", name: "Anna Admin", role: "admin", organisations: [] },
  manager: { email: "chef@test.invalid", name: "Maja Chef", role: "manager", organisations: [] },
  coordinator: { email: "falt@test.invalid", name: "Frida Fältassistent", role: "coordinator", organisations: ["Fältenheten"] },
  policeCoordinator: { email: "polis@test.invalid", name: "Per Kommunpolis", role: "coordinator", organisations: ["Polisen"] },
  viewer: { email: "lasare@test.invalid", name: "Lars Läsare", role: "viewer", organisations: [] },
} as const satisfies Record<string, { email: string; name: string; role: Role; organisations: readonly string[] }>;

export type TestUser = keyof typeof TEST_USERS;
export type Caller = TestUser | "anonymous";

type TestAppOptions = { now?: Date } & Omit<AppOptions, "store" | "now">;

/**
 * The database of a test app: a private in-memory SQLite database, or on the PostgreSQL run
 * (TEST_DATABASE_URL) a fresh PostgreSQL database, dropped after the test (made in beforeAll:
 * after the file).
 */
async function openTestStore(): Promise<Store> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openStore(":memory:");
  const { currentScope, openTestPostgresStore } = await import("./postgres");
  return openTestPostgresStore(serverUrl, { scope: currentScope() });
}

/**
 * The real app on a private database with the reference data (activity types, terms) and one
 * user per role, each with an API token. `request` acts as the admin unless told otherwise
 * (`as`), or anonymously. Raw SQL, where a test must look under the API: `query` and `execute`.
 */
export async function createTestApp({ now = TEST_NOW, ...options }: TestAppOptions = {}) {
  const store = await openTestStore();
  await loadData({ store, dataDir, demo: false, now });
  let clock = now;
  const app = createApp({ store, now: () => clock, ...options });

  const users = {} as Record<TestUser, { id: number; token: string }>;
  await store.transaction(systemContext("seed", now), async (db) => {
    for (const [key, user] of Object.entries(TEST_USERS) as [TestUser, (typeof TEST_USERS)[TestUser]][]) {
      const created = await createUser({ db, input: { ...user, organisations: [...user.organisations], passwordHash: passwordHash() } });
      const { token } = await createApiToken({ db, userId: created.id, name: "test", now });
      users[key] = { id: created.id, token };
    }
  });

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    as: Caller = "admin",
  ) => {
    const auth: Record<string, string> = as === "anonymous" ? {} : { authorization: `Bearer ${users[as].token}` };
    const init: RequestInit = { method, headers: { ...auth, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await app.request(path, init);
    const text = await response.text();
    // JSON answers parsed; a CSV download stays text.
    const isJson = /json/.test(response.headers.get("content-type") ?? "");
    return { status: response.status, headers: response.headers, body: text ? (isJson ? (JSON.parse(text) as any) : text) : null };
  };
  /** The same request, as another caller. */
  const requestAs = (as: Caller) => (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(method, path, body, headers, as);

  /** Rows of a raw query (drizzle's `sql` template) on the test database, column names as in SQL. */
  const query = <T = Record<string, any>>(statement: SQLWrapper) => queryRows<T>(store.db, statement);
  /** Runs a raw statement that returns no rows (a sabotage trigger, a direct change). */
  const execute = (statement: SQLWrapper) => executeSql(store.db, statement);

  /** Row counts of every table that a write could touch: equal before and after = nothing written. */
  const snapshot = async () => {
    const tables = ["areas", "organisations", "promises", "themes", "commitments", "commitment_organisations", "activities", "commitment_daily_totals", "updates", "idempotency_keys", "users", "user_organisations", "api_tokens", "sessions", "promise_snapshots"];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await query<{ n: number | string }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
      counts[table] = Number(row?.n);
    }
    return counts;
  };
  /** The daily totals, as plain numbers, in key order. */
  const dailyTotalsState = async () =>
    (
      await query<{ commitment_id: number; local_date: string; quantity: number | string; activity_count: number | string }>(
        sql`SELECT * FROM commitment_daily_totals ORDER BY commitment_id, local_date`,
      )
    ).map((row) => ({ ...row, quantity: Number(row.quantity), activity_count: Number(row.activity_count) }));

  /** Audit rows, oldest first, as plain objects. */
  const auditRows = async () =>
    (await query<AuditRow>(sql`SELECT * FROM audit_log ORDER BY id`)).map((row) => ({
      ...row,
      before: row.before ? JSON.parse(row.before) : null,
      after: row.after ? JSON.parse(row.after) : null,
    }));
  /**
   * Makes every INSERT into `table` fail with `message`, as a broken disk would: a trigger in the
   * engine's own SQL. For tests of what a failed write leaves behind.
   */
  const failInserts = async (table: string, message: string) => {
    const name = `fail_${table}`;
    if (store.engine === "sqlite") {
      await execute(sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`));
    } else {
      await execute(sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`));
      await execute(sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`));
    }
  };
  const setNow = (date: Date) => {
    clock = date;
  };

  return { app, store, request, requestAs, users, query, execute, failInserts, snapshot, dailyTotalsState, auditRows, setNow };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A raw row of audit_log (column names as in SQL). */
type AuditRow = {
  id: number;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  before: string | null;
  after: string | null;
  address: string | null;
};

/** The SPEC worked example's promise: 2024-02-27 – 2025-12-31, with a few commitments. */
export const EXAMPLE_PROMISE = {
  title: "Medborgarlöfte Testområdet 2024–2025",
  area: "Testområdet",
  startDate: "2024-02-27",
  endDate: "2025-12-31",
  status: "published",
  themes: ["Fritid"],
  commitments: [
    { title: "Minst 100 uppsökande per år", activityType: "outreach", unit: "tillfällen", target: 100, cadence: "year", organisations: ["Fältenheten"], theme: "Fritid" },
    { title: "Minst 2 SSPF-möten per termin", activityType: "sspf_meeting", unit: "möten", target: 2, cadence: "term", organisations: ["Polisen"] },
    { title: "Trygg i-samverkan", activityType: "samverkan_meeting", target: null, cadence: "period", organisations: ["Trygghetssamordningen", "Polisen"] },
  ],
} as const;

export async function createExamplePromise(t: TestApp) {
  const response = await t.request("POST", "/api/promises", EXAMPLE_PROMISE);
  if (response.status !== 201) throw new Error(`could not create the test promise: ${JSON.stringify(response.body)}`);
  const promise = response.body as { id: number; commitments: { id: number }[] };
  const [yearly, termly, untargeted] = promise.commitments.map((c) => c.id);
  if (!yearly || !termly || !untargeted) throw new Error("the test promise lacks commitments");
  return { promiseId: promise.id, yearly, termly, untargeted };
}

/** Valid personnummer (correct check digit), as a person might type them. */
export const PERSONNUMMER = ["19850709-9805", "850709-9805", "198507099805", "8507099805"];
