import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "./postgres";

/*
 * Throw-away PostgreSQL databases for the PostgreSQL tests of src/db (migrations-pg, triggers-pg), each a database of its own.
 * TEST_DATABASE_URL names a server where the user may CREATE DATABASE (scripts/postgres.mjs starts
 * one); without it those tests are skipped. Each database is created fresh from template0 with the
 * C collation, and dropped by `dropAll`.
 */

/** The server the PostgreSQL tests run against, or undefined: then they are skipped. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export type TestDatabase = {
  name: string;
  url: string;
  /** A pool on the database (closed by dropAll). */
  pool: pg.Pool;
  /** Another pool, closed by dropAll too (e.g. a second process's). */
  newPool(max?: number): pg.Pool;
};

export type TestDatabases = {
  create(options?: { locale?: string; icuLocale?: string }): Promise<TestDatabase>;
  dropAll(): Promise<void>;
};

/** Databases for one test file: `create()` in a test or beforeAll, `dropAll()` in afterAll. */
export function testDatabases(): TestDatabases {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const serverUrl = testDatabaseUrl;
  const pools: pg.Pool[] = [];
  const names: string[] = [];
  const admin = () => new pg.Client({ connectionString: serverUrl });
  const urlOf = (name: string) => databaseUrl(serverUrl, name);
  return {
    async create({ locale = "C", icuLocale } = {}) {
      const name = `lk_${randomBytes(6).toString("hex")}`;
      const client = admin();
      await client.connect();
      try {
        const provider = icuLocale ? ` LOCALE_PROVIDER icu ICU_LOCALE '${icuLocale}'` : "";
        await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${locale}' LC_CTYPE '${locale}'${provider}`);
      } finally {
        await client.end();
      }
      names.push(name);
      const url = urlOf(name);
      const newPool = (max = 4) => {
        const pool = new pg.Pool({ connectionString: url, max });
        pool.on("error", () => {});
        pools.push(pool);
        return pool;
      };
      return { name, url, pool: newPool(), newPool };
    },
    async dropAll() {
      await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => {})));
      const client = admin();
      await client.connect();
      try {
        for (const name of names.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Work in one transaction on its own connection, attributed to `actor` as the app's writes are (set_config, transaction-local). */
export async function inTransaction<T>(
  pool: pg.Pool,
  context: { at: string; userId: number | null; actor: string; address: string | null } | null,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    try {
      if (context) {
        await client.query(
          "SELECT set_config('lofteskollen.at', $1, true), set_config('lofteskollen.user_id', $2, true), set_config('lofteskollen.actor', $3, true), set_config('lofteskollen.address', $4, true)",
          [context.at, context.userId === null ? "" : String(context.userId), context.actor, context.address ?? ""],
        );
      }
      const value = await work(client);
      await client.query("COMMIT");
      return value;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    client.release();
  }
}
