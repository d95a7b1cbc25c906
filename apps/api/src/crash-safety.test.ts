import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isPortTaken, killAllServerProcesses, type ServerProcess, startServerProcess } from "./test-support/server-process";
import { daysAgo, prepareServerDatabase } from "./test-support/server-database";

/*
 * Crash safety: the real server process, SIGKILLed ten times while several clients write to it.
 * A 2xx means "stored": after every kill and restart, each acknowledged activity must be in the
 * database exactly once (a retry with the same Idempotency-Key must not store it again), the
 * daily totals (docs/decisions/001) must equal the activities, and SQLite must find no damage.
 * The kill moments come from a seeded generator: replay a failure with CRASH_SEED=<seed>.
 */

const KILLS = 10;
const WRITERS = 6;
/** Load between a restart (or the first start) and the next kill, in ms. */
const LOAD_MS = { min: 100, max: 700 };
/** A client gives up on one request after this many transport failures: something is stuck. */
const MAX_ATTEMPTS = 25;

const dir = mkdtempSync(join(tmpdir(), "lofteskollen-crash-"));
const databasePath = join(dir, "crash.db");

afterAll(async () => {
  await killAllServerProcesses();
  rmSync(dir, { recursive: true, force: true });
});

/** mulberry32: small, seedable, good enough to pick moments and quantities. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type Row = { commitmentId: number; occurredAt: string; quantity: number; place: string };
type Operation = { key: string; path: string; body: unknown; rows: Row[] };
type Acknowledged = { id: number; row: Row };

type Reply = { status: number; replayed: boolean; text: string };

/** One POST on the writer's own keep-alive connection. Rejects only when the transport fails. */
function postJson(agent: Agent, url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      { method: "POST", agent, timeout: 15_000, headers: { "content-type": "application/json", "content-length": String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        // An answer cut off half-way is no acknowledgement.
        res.on("close", () => (res.complete ? undefined : reject(new Error("response cut off"))));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, replayed: res.headers["idempotent-replayed"] === "true", text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in 15 s")));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Closed while the server is down: clients wait at it instead of hammering a closed port. */
function createGate() {
  let open = true;
  const waiting: (() => void)[] = [];
  return {
    close: () => {
      open = false;
    },
    open: () => {
      open = true;
      for (const resume of waiting.splice(0)) resume();
    },
    wait: () => (open ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("crash safety of the real server process", () => {
  it(
    `keeps every acknowledged activity exactly once, with matching daily totals and an intact database, through ${KILLS} SIGKILLs under load`,
    { timeout: 120_000 },
    async ({ onTestFailed }) => {
      const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
      // Two streams: the kill moments replay exactly whatever the writers draw in between.
      const killMoments = seededRandom(seed);
      const random = seededRandom(seed ^ 0x5bd1e995);
      const started = Date.now();
      const now = new Date();
      const { token, commitmentIds } = await prepareServerDatabase(databasePath, {
        now,
        title: "Kraschtest",
        commitments: [
          { title: "Uppsökande", activityType: "outreach", target: 1000, cadence: "period", organisations: ["Fältenheten"] },
          { title: "Samverkansmöten", activityType: "samverkan_meeting", target: null, cadence: "period", organisations: ["Polisen"] },
        ],
      });

      let server: ServerProcess = await startServerProcess({ databasePath });
      const restart = async () => {
        try {
          server = await startServerProcess({ databasePath, port: server.port });
        } catch (error) {
          // Another program took the port while the server was down: go on at another one.
          if (!(await isPortTaken(server.port))) throw error;
          server = await startServerProcess({ databasePath });
        }
      };

      const gate = createGate();
      const acknowledged = new Map<string, Acknowledged>(); // by place, the unique marker
      const unexpected: { key: string; status: number; text: string }[] = [];
      const interruptedPerKill = Array.from({ length: KILLS + 1 }, () => 0);
      const stats = { operations: 0, batches: 0, retriedOperations: 0, replayed: 0 };
      let kills = 0;
      let stopping = false;

      onTestFailed(() => {
        console.error(
          `crash-safety failed. Replay with CRASH_SEED=${seed}. Stats: ${JSON.stringify({ kills, acknowledged: acknowledged.size, ...stats, interruptedPerKill })}\nLast server output:\n${server.output()}`,
        );
      });

      const operation = (writer: number, n: number): Operation => {
        const row = (marker: string): Row => ({
          commitmentId: commitmentIds[random.int(0, commitmentIds.length - 1)] ?? 0,
          occurredAt: daysAgo(now, random.int(1, 7)),
          quantity: random.int(1, 9),
          place: marker,
        });
        const key = `crash-${seed}-w${writer}-${n}`;
        if (random.next() < 0.12) {
          const rows = Array.from({ length: random.int(2, 25) }, (_, i) => row(`crash-w${writer}-${n}-${i}`));
          return { key, path: "/api/activities/batch", body: { activities: rows }, rows };
        }
        const single = row(`crash-w${writer}-${n}`);
        return { key, path: "/api/activities", body: single, rows: [single] };
      };

      /** Sends one operation until it is answered, retrying after a failure with the same key. */
      const deliver = async (agent: Agent, op: Operation) => {
        for (let attempt = 1; ; attempt += 1) {
          await gate.wait();
          let reply: Reply;
          try {
            reply = await postJson(agent, `${server.url}${op.path}`, op.body, { authorization: `Bearer ${token}`, "idempotency-key": op.key });
          } catch (error) {
            interruptedPerKill[kills] = (interruptedPerKill[kills] ?? 0) + 1;
            if (attempt >= MAX_ATTEMPTS) throw new Error(`${op.key} failed ${attempt} times; last: ${String(error)}`);
            await sleep(10);
            continue;
          }
          if (attempt > 1) stats.retriedOperations += 1;
          if (reply.replayed) stats.replayed += 1;
          if (reply.status !== 201) {
            unexpected.push({ key: op.key, status: reply.status, text: reply.text.slice(0, 500) });
            return;
          }
          const body = JSON.parse(reply.text) as { id?: number; place?: string; ids?: number[] };
          const ids = op.path.endsWith("/batch") ? (body.ids ?? []) : [body.id ?? 0];
          if (ids.length !== op.rows.length || (body.place !== undefined && body.place !== op.rows[0]?.place)) {
            unexpected.push({ key: op.key, status: reply.status, text: reply.text.slice(0, 500) });
            return;
          }
          op.rows.forEach((row, i) => acknowledged.set(row.place, { id: ids[i] ?? 0, row }));
          return;
        }
      };

      const writer = async (w: number) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          // A client finishes what it started: every operation ends acknowledged (or unexpected).
          for (let n = 0; !stopping; n += 1) {
            const op = operation(w, n);
            stats.operations += 1;
            if (op.rows.length > 1) stats.batches += 1;
            await deliver(agent, op);
          }
        } finally {
          agent.destroy();
        }
      };

      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      // A writer that throws must stop the test at once, not after the kills.
      const writersDone = Promise.all(writers);
      const failed = new Promise<never>((_, reject) => writersDone.catch(reject));
      failed.catch(() => {}); // reported by `await writersDone` when the race is already over

      const crashes = (async () => {
        while (kills < KILLS) {
          await sleep(killMoments.int(LOAD_MS.min, LOAD_MS.max));
          gate.close();
          // Counted first: the requests this kill breaks are counted against it.
          kills += 1;
          const exit = await server.kill("SIGKILL");
          expect(exit.signal).toBe("SIGKILL");
          await restart();
          gate.open();
        }
        await sleep(killMoments.int(LOAD_MS.min, LOAD_MS.max));
      })();
      try {
        await Promise.race([crashes, failed]);
      } finally {
        stopping = true;
        gate.open();
      }
      await writersDone;
      const loadEnded = Date.now();
      await server.stop();

      const db = new Database(databasePath, { fileMustExist: true });
      try {
        expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
        expect(db.pragma("foreign_key_check")).toEqual([]);
        expect(unexpected).toEqual([]);

        const stored = db
          .prepare("SELECT id, commitment_id AS commitmentId, local_date AS localDate, quantity, place, voided_at AS voidedAt FROM activities ORDER BY id")
          .all() as { id: number; commitmentId: number; localDate: string; quantity: number; place: string; voidedAt: string | null }[];
        const byPlace = new Map<string, typeof stored>();
        for (const row of stored) byPlace.set(row.place, [...(byPlace.get(row.place) ?? []), row]);
        // Thousands of rows: report how many went wrong and the first few, not a diff of them all.
        const problems = <T>(list: T[]) => ({ count: list.length, first: list.slice(0, 10) });
        const duplicates = [...byPlace].filter(([, rows]) => rows.length > 1).map(([place, rows]) => ({ place, ids: rows.map((r) => r.id) }));
        const lostOrChanged = [...acknowledged]
          .map(([place, { id, row }]) => ({ acknowledged: { id, ...row }, stored: byPlace.get(place)?.[0] }))
          .filter(
            ({ acknowledged: ack, stored: found }) =>
              !found ||
              found.id !== ack.id ||
              found.commitmentId !== ack.commitmentId ||
              found.localDate !== ack.occurredAt ||
              found.quantity !== ack.quantity ||
              found.voidedAt !== null,
          );
        // Every client finished its work acknowledged, so nothing else may be stored either.
        const neverAcknowledged = stored.filter((row) => !acknowledged.has(row.place));
        expect(problems(duplicates)).toEqual(problems([]));
        expect(problems(lostOrChanged)).toEqual(problems([]));
        expect(problems(neverAcknowledged)).toEqual(problems([]));
        expect(stored.length).toBe(acknowledged.size);
        // One remembered answer per operation, whether it was answered first time or replayed.
        expect((db.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE 'crash-%'").get() as { n: number }).n).toBe(stats.operations - unexpected.length);

        // Daily totals three ways: what the clients were told was stored, the activities, the rollup.
        const told = new Map<string, { commitment_id: number; local_date: string; quantity: number; n: number }>();
        for (const { row } of acknowledged.values()) {
          const key = `${row.commitmentId}|${row.occurredAt}`;
          const total = told.get(key) ?? { commitment_id: row.commitmentId, local_date: row.occurredAt, quantity: 0, n: 0 };
          total.quantity += row.quantity;
          total.n += 1;
          told.set(key, total);
        }
        const expected = [...told.values()].sort((a, b) => a.commitment_id - b.commitment_id || a.local_date.localeCompare(b.local_date));
        const grouped = db
          .prepare("SELECT commitment_id, local_date, sum(quantity) AS quantity, count(*) AS n FROM activities WHERE voided_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2")
          .all();
        const rollup = db.prepare("SELECT commitment_id, local_date, quantity, activity_count AS n FROM commitment_daily_totals WHERE activity_count > 0 ORDER BY 1, 2").all();
        expect(grouped).toEqual(expected);
        expect(rollup).toEqual(expected);
        expect(db.prepare("SELECT * FROM commitment_daily_totals WHERE activity_count = 0 AND quantity <> 0").all()).toEqual([]);
      } finally {
        db.close();
      }

      expect(kills).toBe(KILLS);
      // The kills hit requests in flight (else this would test restarts, not crashes).
      expect(interruptedPerKill.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      console.log(
        `crash-safety (seed ${seed}): ${kills} kills, ${stats.operations} requests (${stats.batches} batches), ${acknowledged.size} activities acknowledged and stored once, ` +
          `${stats.retriedOperations} requests retried after a kill, ${stats.replayed} of them stored before the kill (replayed), ` +
          `interrupted per kill ${JSON.stringify(interruptedPerKill.slice(1))}; load ${((loadEnded - started) / 1000).toFixed(1)} s`,
      );
    },
  );
});
