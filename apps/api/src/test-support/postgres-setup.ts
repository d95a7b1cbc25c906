// Vitest setup file of the API project: on the PostgreSQL run, the test databases a test made are
// dropped after it, those a file made in beforeAll after the file.
import { afterAll, afterEach } from "vitest";

if (process.env.TEST_DATABASE_URL) {
  const { dropTestDatabases } = await import("./postgres");
  afterEach(() => dropTestDatabases("test"));
  afterAll(() => dropTestDatabases("file"));
}
