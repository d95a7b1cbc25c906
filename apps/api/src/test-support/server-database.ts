import { fileURLToPath } from "node:url";
import { type CreatePromiseInput, CreatePromiseSchema } from "@lofteskollen/contracts";
import { systemContext } from "../db/audit-context";
import { openStore } from "../db/client";
import { loadData } from "../seed/load-data";
import { hashPasswordSync } from "../security/passwords";
import { createApiToken } from "../services/api-tokens";
import { createPromise } from "../services/promises";
import { createUser } from "../services/users";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
/** The date `days` days before `now` (negative: after), as YYYY-MM-DD. */
export const daysAgo = (now: Date, days: number) => isoDate(new Date(now.getTime() - days * 86_400_000));

/**
 * Prepares a database file for a real server process (test-support/server-process.ts) before its
 * first start: the reference data, an admin with an API token, and a published promise with
 * `commitments` whose period runs from 90 days before `now` to 90 days after, so that activities
 * dated today are accepted. Closes the database again.
 */
export async function prepareServerDatabase(
  databasePath: string,
  { now, title, commitments }: { now: Date; title: string; commitments: CreatePromiseInput["commitments"] },
): Promise<{ token: string; commitmentIds: number[] }> {
  const store = openStore(databasePath);
  try {
    await loadData({ store, dataDir, demo: false, now });
    return await store.transaction(systemContext("cli", now), async (db) => {
      const admin = await createUser({
        db,
        input: { email: "drift@test.invalid", name: "Drift Admin", role: "admin", organisations: [], passwordHash: hashPasswordSync("en lång fras för drifttesterna") },
      });
      const { token } = await createApiToken({ db, userId: admin.id, name: title, now });
      const promise = await createPromise({
        db,
        input: CreatePromiseSchema.parse({
          title,
          area: "Testområdet",
          startDate: daysAgo(now, 90),
          endDate: daysAgo(now, -90),
          status: "published",
          commitments,
        }),
      });
      return { token, commitmentIds: promise.commitments.map((commitment) => commitment.id) };
    });
  } finally {
    store.closeNow();
  }
}
