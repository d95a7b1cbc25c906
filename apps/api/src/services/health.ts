import { readFileSync } from "node:fs";
import type { Health } from "@lofteskollen/contracts";
import type { Store } from "../db/client";
import { expectedMigration, migrationStatus } from "../db/migrations";

/** The API's version, from apps/api/package.json (read once). */
export const API_VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * Whether the database answers, and how far it is migrated. Cheap enough for a load balancer to
 * ask every few seconds: `SELECT 1` and one read of the migrations table (the code's own
 * migrations are read from disk once per process).
 */
export function checkHealth({ store }: { store: Pick<Store, "sqlite"> }): Health {
  try {
    store.sqlite.prepare("SELECT 1").get();
    const { applied, expected, upToDate } = migrationStatus(store.sqlite);
    return { status: "ok", database: { reachable: true, migration: { applied, expected, upToDate } }, version: API_VERSION };
  } catch {
    // Closed, locked past busy_timeout, or the file is gone: whatever the cause, it cannot answer.
    return {
      status: "unavailable",
      database: { reachable: false, migration: { applied: null, expected: expectedMigration(), upToDate: false } },
      version: API_VERSION,
    };
  }
}
