import { readFileSync } from "node:fs";
import type { Health } from "@lofteskollen/contracts";
import type { Store } from "../db/client";

/** The API's version, from apps/api/package.json (read once). */
export const API_VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * Whether the database answers, and how far it is migrated. Cheap enough for a load balancer to
 * ask every few seconds: one read of the migrations table, which also proves the database answers (the code's own
 * migrations are read from disk once per process).
 */
export async function checkHealth({ store }: { store: Pick<Store, "migrationStatus" | "expectedMigration"> }): Promise<Health> {
  try {
    const { applied, expected, upToDate } = await store.migrationStatus();
    return { status: "ok", database: { reachable: true, migration: { applied, expected, upToDate } }, version: API_VERSION };
  } catch {
    // Closed, locked past busy_timeout, or the file is gone: whatever the cause, it cannot answer.
    return {
      status: "unavailable",
      database: { reachable: false, migration: { applied: null, expected: store.expectedMigration, upToDate: false } },
      version: API_VERSION,
    };
  }
}
