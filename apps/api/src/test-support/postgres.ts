import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Store } from "../db/client";
import { openPostgresStore } from "../db/postgres-store";

/**
 * The API tests on PostgreSQL (decision 012): `TEST_DATABASE_URL` names a throw-away server
 * (scripts/postgres.mjs starts one for `npm test`). Every test app gets a database of its own,
 * copied from a template that the global setup migrated once (CREATE DATABASE … TEMPLATE, some
 * 30 ms), and dropped again after its test (or its file, when made in beforeAll).
 */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/** The database every test database is copied from: migrated, no rows. */
export const TEMPLATE_DATABASE = "lk_template";

export const databaseUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

let admin: pg.Pool | undefined;
const adminPool = (serverUrl: string) => (admin ??= new pg.Pool({ connectionString: serverUrl, max: 2, idleTimeoutMillis: 1_000 }));

type Opened = { store: Store; drop: () => Promise<void> };

let inTest = false;
/** Set by the setup file around every test (its beforeEach … afterEach, the test's own hooks included). */
export const markInTest = (value: boolean) => {
  inTest = value;
};
/** A test app made now belongs to the running test, or (in beforeAll) to the file. */
export const currentScope = (): "test" | "file" => (inTest ? "test" : "file");
const open = { test: [] as Opened[], file: [] as Opened[] };

/** A fresh, migrated, empty PostgreSQL database for one test app, with a small pool. */
export async function openTestPostgresStore(serverUrl: string, { scope }: { scope: "test" | "file" }): Promise<Store> {
  const name = `lk_t_${randomBytes(6).toString("hex")}`;
  await adminPool(serverUrl).query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  const store = await openPostgresStore(databaseUrl(serverUrl, name), { max: 3 });
  const drop = async () => {
    await store.close().catch(() => {});
    await adminPool(serverUrl).query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  open[scope].push({ store, drop });
  return store;
}

/** Closes and drops the test databases of the scope that ended (setup file's afterEach / afterAll). */
export async function dropTestDatabases(scope: "test" | "file"): Promise<void> {
  const ending = open[scope].splice(0);
  for (const { drop } of ending) await drop();
  if (scope === "file" && admin) {
    await admin.end();
    admin = undefined;
  }
}
