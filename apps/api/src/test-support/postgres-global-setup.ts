// Vitest global setup of the API project: on the PostgreSQL run (TEST_DATABASE_URL set), makes
// the template database that every test database is copied from, migrated once.
export default async function setup() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const { default: pg } = await import("pg");
  const { openPostgresStore } = await import("../db/postgres-store");
  const { databaseUrl, TEMPLATE_DATABASE } = await import("./postgres");
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const store = await openPostgresStore(databaseUrl(serverUrl, TEMPLATE_DATABASE), { max: 1 });
    await store.close();
  } finally {
    await admin.end();
  }
}
