import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type Database from "better-sqlite3";
import type { Store } from "../db/client";
import type { Logger } from "../lib/logger";
import type { WriteQueue } from "../services/write-queue";

export type ShutdownDeps = {
  server: Server;
  queue: WriteQueue;
  /** The database; on SQLite its connection too, for the checkpoint. */
  store: Pick<Store, "close"> & { sqlite?: Database.Database };
  logger: Logger;
  /** How long requests in flight may take to finish before their connections are cut. */
  timeoutMs: number;
  /** Work to end before the database closes, once the writes are committed (a running backup). */
  beforeClose?: () => Promise<void>;
};

export type ShutdownResult = {
  /** Requests still running when the timeout cut their connections (0: every one finished). */
  cutOff: number;
  /** What `PRAGMA wal_checkpoint(TRUNCATE)` answered; null if it could not run (or on PostgreSQL). */
  checkpoint: { busy: number; log: number; checkpointed: number } | null;
};

/** How often idle keep-alive connections are closed while draining. */
const IDLE_SWEEP_MS = 100;
/**
 * At most this long (and at most half the timeout) spent taking in what arrived before the
 * signal. A busy server (every turn of the event loop spent on a large batch) needs more than a
 * second to accept and read what is already waiting: with 1 s, 2 of 24 requests were reset when
 * the CPU was shared with other work.
 */
const SETTLE_MAX_MS = 5_000;
/** Once closing, a connection that has sent nothing at all for this long is closed. */
const SILENT_CONNECTION_MS = 1_000;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Graceful shutdown of the HTTP server and its database, in this order:
 * 1. take in what reached the machine before the signal (below), then stop accepting
 *    connections; a response still to be sent says `Connection: close`, and keep-alive
 *    connections with no request in progress are closed (else server.close() would wait for
 *    them until their keep-alive timeout);
 * 2. let requests in flight finish, up to `timeoutMs`, then cut the connections still open;
 * 3. wait until the write queue has committed everything queued, then for `beforeClose`
 *    (a backup in progress);
 * 4. on SQLite, checkpoint the WAL into the database file; close the database (on PostgreSQL:
 *    end the pool).
 * Every acknowledged write was committed before its response was sent (write-queue.ts), so
 * step 3 is for writes nobody waits for (audit rows of refusals, session touches).
 *
 * Call it once, before the server serves its first request: it watches requests to know which
 * are in flight. Returns the function that shuts down; calling it again returns the same promise.
 */
export function gracefulShutdown({ server, queue, store, logger, timeoutMs, beforeClose }: ShutdownDeps): () => Promise<ShutdownResult> {
  const inFlight = new Set<ServerResponse>();
  /** Connections accepted that have not sent a request yet, with when they were accepted. */
  const fresh = new Map<Socket, number>();
  let accepted = 0;
  let closing = false;
  server.on("connection", (socket: Socket) => {
    accepted++;
    fresh.set(socket, Date.now());
    socket.once("close", () => fresh.delete(socket));
  });
  // Before the app's own listener, so the header is set before the app can write the response.
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    fresh.delete(request.socket);
    inFlight.add(response);
    response.once("close", () => inFlight.delete(response));
    if (closing) response.setHeader("Connection", "close");
  });

  let result: Promise<ShutdownResult> | undefined;
  const run = async (): Promise<ShutdownResult> => {
    const started = Date.now();
    closing = true;
    for (const response of inFlight) if (!response.headersSent) response.setHeader("Connection", "close");
    // A client whose connection the kernel completed, or whose request it received, before the
    // signal must be served, not reset. A busy server may not have accepted those connections yet
    // (they wait in the listen backlog, which closing the listener resets) or read their first
    // bytes. So before closing, let the event loop turn until one turn accepted nothing new and
    // every accepted connection has sent its request (or has stayed silent for
    // SILENT_CONNECTION_MS: a preconnect, a port scan), at most SETTLE_MAX_MS. setImmediate
    // resolves after the poll phase that accepts and reads:
    // https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick
    const settleUntil = started + Math.min(SETTLE_MAX_MS, timeoutMs / 2);
    const awaitingRequest = () => {
      const now = Date.now();
      let count = 0;
      for (const [socket, acceptedAt] of fresh) if (socket.bytesRead > 0 || now - acceptedAt <= SILENT_CONNECTION_MS) count++;
      return count;
    };
    for (let turn = 0; ; turn++) {
      const before = accepted;
      await nextTurn();
      if (turn >= 1 && accepted === before && awaitingRequest() === 0) break;
      if (Date.now() >= settleUntil) break;
    }

    let cutOff = 0;
    await new Promise<void>((resolve) => {
      const sweep = setInterval(() => {
        server.closeIdleConnections();
        // Node counts a connection that never sent a request as busy (its headers may still come),
        // so close() would wait for it until the timeout: a browser's preconnect, a port scan.
        const now = Date.now();
        // One that has sent part of a request is kept: its request is on the way.
        for (const [socket, acceptedAt] of fresh) if (socket.bytesRead === 0 && now - acceptedAt > SILENT_CONNECTION_MS) socket.destroy();
      }, IDLE_SWEEP_MS);
      const deadline = setTimeout(() => {
        cutOff = inFlight.size;
        logger.warn({ cutOff }, "Tiden för avstängning tog slut: avbryter förfrågningar som inte blev klara");
        server.closeAllConnections();
      }, Math.max(0, started + timeoutMs - Date.now()));
      // Since Node 19, close() also closes the keep-alive connections that are idle right now.
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve();
      });
      // Logged once the listening socket is closed: whoever reads this line gets refused.
      logger.info({ inFlight: inFlight.size, timeoutSeconds: timeoutMs / 1000 }, "Stänger: tar inte emot nya anslutningar, väntar på pågående förfrågningar");
    });

    await queue.drain();
    if (beforeClose) {
      try {
        await beforeClose();
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, "Det som skulle avslutas före databasen misslyckades");
      }
    }
    let checkpoint: ShutdownResult["checkpoint"] = null;
    if (store.sqlite) {
      try {
        const rows = store.sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
        checkpoint = rows[0] ?? null;
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, "WAL-checkpoint misslyckades");
      }
    }
    await store.close();
    logger.info({ cutOff, checkpoint }, "Löfteskollen har stängts: databasen är stängd");
    return { cutOff, checkpoint };
  };
  return () => {
    result ??= run();
    return result;
  };
}

export type SignalOptions = {
  logger: Logger;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
};

/**
 * SIGTERM or SIGINT shuts down gracefully and exits 0 (1 if the shutdown failed); a second
 * signal while that runs exits 1 at once (Ctrl-C twice). SQLite's WAL keeps every committed
 * write even then. Returns a function that removes the handlers.
 */
export function exitOnSignals(shutdown: () => Promise<ShutdownResult>, { logger, exit = process.exit, signals = ["SIGTERM", "SIGINT"] }: SignalOptions): () => void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn({ signal }, "Andra signalen: avslutar direkt");
      exit(1);
      return;
    }
    received = true;
    logger.info({ signal }, "Signal mottagen");
    shutdown().then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "Avstängningen misslyckades");
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
