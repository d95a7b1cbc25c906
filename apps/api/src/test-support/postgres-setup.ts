// Vitest setup file of the API project: on the PostgreSQL run, the test databases a test made are
// dropped after it, those a file made in beforeAll after the file.
import { afterAll, afterEach, beforeEach } from "vitest";

if (process.env.TEST_DATABASE_URL) {
  const { dropTestDatabases, markInTest } = await import("./postgres");
  // Registered first: this beforeEach runs before the file's own, this afterEach after them.
  beforeEach(() => markInTest(true));
  afterEach(async () => {
    markInTest(false);
    await dropTestDatabases("test");
  });
  afterAll(() => dropTestDatabases("file"));
}
