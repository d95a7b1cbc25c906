import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { killAllServerProcesses, startServerProcess } from "../test-support/server-process";
import { daysAgo, prepareServerDatabase } from "../test-support/server-database";

/*
 * The real server process (node --import tsx src/index.ts) on a database file, sent SIGTERM
 * while many batch writes are in flight. Graceful means: every request sent before the signal
 * is answered 2xx and stored, a new connection after it is refused, the process exits 0, and the
 * database it leaves opens cleanly with nothing missing.
 */

/** Concurrent requests, each on its own connection, each a batch of ROWS activities. */
const REQUESTS = 24;
const ROWS = 1_500;

const dir = mkdtempSync(join(tmpdir(), "lofteskollen-shutdown-"));
const databasePath = join(dir, "shutdown.db");

afterAll(async () => {
  await killAllServerProcesses();
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { status: number; ids: number[] } | { error: string };
type Sent = { sentAt: Promise<number>; outcome: Promise<Outcome> };

/** One POST on a connection of its own; `sentAt` settles when the whole body is handed to the OS. */
function post(url: string, token: string, body: unknown): Sent {
  let markSent: (at: number) => void = () => {};
  const sentAt = new Promise<number>((resolve) => (markSent = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => resolve({ error: error.message }));
        res.on("close", () => (res.complete ? undefined : resolve({ error: "response cut off" })));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const ids = res.statusCode === 201 ? (JSON.parse(text) as { ids: number[] }).ids : [];
          resolve({ status: res.statusCode ?? 0, ids });
        });
      },
    );
    req.on("finish", () => markSent(Date.now()));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(payload);
  });
  return { sentAt, outcome };
}

/** Tries a new TCP connection and a request on it: the error code, or the status if it was answered. */
function tryNewConnection(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/api/health`, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(`answered ${res.statusCode}`);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("graceful shutdown of the real server process", () => {
  it("answers every request sent before SIGTERM, refuses new connections, exits 0 and leaves a clean database with every acknowledged activity", async () => {
    const now = new Date();
    const { token, commitmentIds } = await prepareServerDatabase(databasePath, {
      now,
      title: "Avstängningstest",
      commitments: [{ title: "Uppsökande", activityType: "outreach", target: 100_000, cadence: "period", organisations: ["Fältenheten"] }],
    });
    const [commitmentId] = commitmentIds;
    if (commitmentId === undefined) throw new Error("the promise has no commitment");
    const server = await startServerProcess({ databasePath, env: { SHUTDOWN_TIMEOUT_SECONDS: "20", LOG_LEVEL: "info" } });

    const batch = (n: number) => ({
      activities: Array.from({ length: ROWS }, (_, row) => ({
        commitmentId,
        occurredAt: daysAgo(now, (n * ROWS + row) % 80),
        quantity: 1 + (row % 5),
        place: `Plats ${n}-${row}`,
      })),
    });
    const sent = Array.from({ length: REQUESTS }, (_, n) => post(`${server.url}/api/activities/batch`, token, batch(n)));

    // Every request is on its way before the signal; the server is still busy with most of them.
    await Promise.all(sent.map((s) => s.sentAt));
    let answeredBeforeSignal = 0;
    for (const s of sent) void s.outcome.then(() => answeredBeforeSignal++);
    await sleep(0);
    const answeredAtSignal = answeredBeforeSignal;
    const signalAt = Date.now();
    process.kill(server.pid, "SIGTERM");

    // Once the server says it no longer accepts connections, a new one is refused.
    while (!server.output().includes("tar inte emot nya anslutningar") && Date.now() - signalAt < 10_000) await sleep(5);
    expect(await tryNewConnection(server.url)).toBe("ECONNREFUSED");

    const outcomes = await Promise.all(sent.map((s) => s.outcome));
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise((resolve) => (timer = setTimeout(() => resolve("still running"), 20_000)))]);
    clearTimeout(timer);
    const exitedAfterMs = Date.now() - signalAt;

    expect(outcomes.filter((o) => !("status" in o) || o.status !== 201), server.output()).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(20_000);

    // The test shut down a busy server: no answer had come back when the signal was sent.
    expect(answeredAtSignal).toBeLessThan(REQUESTS);

    // The database it left: checkpointed (no WAL left over), undamaged, every acknowledged row in it.
    const wal = `${databasePath}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const acknowledged = outcomes.flatMap((o) => ("ids" in o ? o.ids : []));
      expect(acknowledged).toHaveLength(REQUESTS * ROWS);
      const stored = new Set(db.prepare("SELECT id FROM activities WHERE commitment_id = ?").pluck().all(commitmentId) as number[]);
      expect(stored.size).toBe(REQUESTS * ROWS);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      db.close();
    }
  }, 30_000);
});
