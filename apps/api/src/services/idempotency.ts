import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type Db, preparedPerDb } from "../db/client";
import { AppError } from "../lib/errors";

const statements = preparedPerDb((db) => {
  const { idempotencyKeys } = db.$tables;
  return {
    find: db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, sql.placeholder("key"))).prepare("idempotency_find"),
    store: db
      .insert(idempotencyKeys)
      .values({
        key: sql.placeholder("key"),
        route: sql.placeholder("route"),
        requestHash: sql.placeholder("requestHash"),
        statusCode: sql.placeholder("statusCode"),
        responseBody: sql.placeholder("responseBody"),
      })
      .prepare("idempotency_store"),
  };
});

export type StoredResponse = { status: 200 | 201; body: unknown; replayed: boolean };

/** A stable hash of a validated request body: the same JSON in any key order hashes the same. */
export function hashRequest(route: string, body: unknown): string {
  return createHash("sha256").update(route).update("\n").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs `create` once per Idempotency-Key (SPEC §4): a retry with the same key and body gets the
 * first response and creates nothing; the same key with another body is 409. Must be called
 * inside a write transaction, with that write's `db` (the one `create` writes through too), which
 * makes the check and the insert one atomic step.
 * Failed requests are not remembered: they wrote nothing, so a retry may succeed.
 */
export async function withIdempotency(
  db: Db,
  key: string | undefined,
  route: string,
  body: unknown,
  create: () => { status: 200 | 201; body: unknown } | Promise<{ status: 200 | 201; body: unknown }>,
): Promise<StoredResponse> {
  if (!key) return { ...(await create()), replayed: false };
  const requestHash = hashRequest(route, body);
  const [existing] = await statements(db).find.execute({ key });
  if (existing) {
    if (existing.route !== route || existing.requestHash !== requestHash) {
      throw new AppError(
        409,
        "idempotency_key_reused",
        "Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för en ny registrering.",
        [{ path: "Idempotency-Key", code: "idempotency_key_reused", message: "Nyckeln hör till en annan begäran." }],
      );
    }
    return {
      status: existing.statusCode as 200 | 201,
      body: JSON.parse(existing.responseBody) as unknown,
      replayed: true,
    };
  }
  const result = await create();
  await statements(db).store.execute({ key, route, requestHash, statusCode: result.status, responseBody: JSON.stringify(result.body) });
  return { ...result, replayed: false };
}
