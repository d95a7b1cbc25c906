import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { systemContext } from "../db/audit-context";
import { openStore } from "../db/client";
import { silentLogger } from "../lib/logger";
import { createWriteQueue } from "../services/write-queue";
import { exitOnSignals, gracefulShutdown, type ShutdownResult } from "./lifecycle";

const dir = mkdtempSync(join(tmpdir(), "lofteskollen-lifecycle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A server on a free port with a fresh database file, and its shutdown; `handle` answers requests. */
async function setUp(handle: (respond: (body: string) => void) => void, timeoutMs = 10_000) {
  const file = join(dir, `db-${++files}.db`);
  const store = openStore(file);
  const queue = createWriteQueue(store);
  const server: Server = createServer((_request, response) => handle((body) => response.end(body)));
  const shutdown = gracefulShutdown({ server, queue, store, logger: silentLogger(), timeoutMs });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { file, store, queue, server, shutdown, port };
}

type Answer = { status: number; connection: string | undefined; body: string };
function get(port: number, agent: Agent | false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", agent }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("gracefulShutdown", () => {
  it("closes an idle keep-alive connection at once instead of waiting for its keep-alive timeout", async () => {
    const { server, shutdown, port, store } = await setUp((respond) => respond("ok"));
    server.keepAliveTimeout = 60_000;
    const agent = new Agent({ keepAlive: true });
    expect(await get(port, agent)).toMatchObject({ status: 200, connection: "keep-alive" });
    const started = Date.now();
    await shutdown();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(store.sqlite.open).toBe(false);
    agent.destroy();
  });

  it("lets a request in flight finish, telling its client to close the connection", async () => {
    let respond: ((body: string) => void) | undefined;
    const { shutdown, port, store } = await setUp((r) => {
      respond = r;
    });
    const agent = new Agent({ keepAlive: true });
    const answer = get(port, agent);
    while (!respond) await new Promise((resolve) => setTimeout(resolve, 5));
    const done = shutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.sqlite.open).toBe(true); // still waiting for the request
    respond("klar");
    expect(await answer).toEqual({ status: 200, connection: "close", body: "klar" });
    await expect(done).resolves.toEqual(expect.objectContaining({ cutOff: 0 }));
    expect(store.sqlite.open).toBe(false);
    agent.destroy();
  });

  it("refuses new connections once it has begun", async () => {
    const { shutdown, port } = await setUp(() => {}, 300);
    // A request that never ends keeps the shutdown waiting while the new connection is tried.
    const hanging = get(port, false).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const done = shutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(get(port, false)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await done;
    expect(await hanging).toMatchObject({ code: "ECONNRESET" });
  });

  it("cuts a request that outlasts the timeout, then commits the queued writes, checkpoints and closes the database", async () => {
    const { shutdown, port, store, queue, file } = await setUp(() => {}, 300);
    const hanging = get(port, false).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A write nobody awaits (as an audit row of a refusal): queued, not yet committed.
    const write = queue.run((db) => db.insert(db.$tables.areas).values({ name: "Kortedala" }).returning(), systemContext("seed"));
    const result = await shutdown();
    expect(result.cutOff).toBe(1);
    expect(result.checkpoint).toEqual(expect.objectContaining({ busy: 0 }));
    expect(await hanging).toMatchObject({ code: "ECONNRESET" });
    await expect(write).resolves.toBeDefined();
    expect(store.sqlite.open).toBe(false);
    const reopened = new Database(file, { readonly: true });
    try {
      expect(reopened.prepare("SELECT name FROM areas").pluck().all()).toContain("Kortedala");
      expect(reopened.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      reopened.close();
    }
  });

  it("serves a connection that was accepted but had not sent its request when the shutdown began", async () => {
    const { shutdown, port, store } = await setUp((respond) => respond("sent"));
    const socket: Socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    await new Promise((resolve) => setTimeout(resolve, 20)); // accepted by the server by now
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    const done = shutdown();
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toMatch(/\r\n\r\nsent$/);
    await done;
    expect(store.sqlite.open).toBe(false);
  });

  it("stops waiting for a connection that never sends a request, and closes it", async () => {
    const { shutdown, port } = await setUp((respond) => respond("ok"));
    const socket: Socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    const started = Date.now();
    await shutdown();
    await closed;
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("returns the same shutdown when asked twice", async () => {
    const { shutdown } = await setUp((respond) => respond("ok"));
    expect(shutdown()).toBe(shutdown());
    await shutdown();
  });
});

describe("exitOnSignals", () => {
  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("shuts down at the first signal and exits 0 when that is done; a second signal exits 1 at once", async () => {
    const exits: number[] = [];
    let finish: (result: ShutdownResult) => void = () => {};
    let shutdowns = 0;
    const shutdown = () => {
      shutdowns++;
      return new Promise<ShutdownResult>((resolve) => (finish = resolve));
    };
    const remove = exitOnSignals(shutdown, { logger: silentLogger(), exit: (code) => void exits.push(code), signals: ["SIGUSR2"] });
    try {
      process.kill(process.pid, "SIGUSR2");
      await waitFor(() => shutdowns > 0);
      expect(shutdowns).toBe(1);
      expect(exits).toEqual([]); // still shutting down
      process.kill(process.pid, "SIGUSR2");
      await waitFor(() => exits.length > 0);
      expect(exits).toEqual([1]);
      expect(shutdowns).toBe(1);
      finish({ cutOff: 0, checkpoint: null });
      await waitFor(() => exits.length > 1);
      expect(exits).toEqual([1, 0]);
    } finally {
      remove();
    }
  });

  it("exits 1 when the shutdown fails", async () => {
    const exits: number[] = [];
    const remove = exitOnSignals(() => Promise.reject(new Error("disk")), { logger: silentLogger(), exit: (code) => void exits.push(code), signals: ["SIGUSR2"] });
    try {
      process.kill(process.pid, "SIGUSR2");
      await waitFor(() => exits.length > 0);
      expect(exits).toEqual([1]);
    } finally {
      remove();
    }
  });
});
