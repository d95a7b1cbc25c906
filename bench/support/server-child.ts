/**
 * A server under test, in its own process (forked by `servers.ts`), so that the load generator
 * or the browser driver does not share its event loop.
 *
 *   app FILE          the real app on FILE
 *   web FILE WEB_DIST the real app on FILE, also serving the built web app from WEB_DIST
 *   bare FILE         Hono inserting one row into FILE, no validation (the baseline for writes)
 */
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { createApp } from "../../apps/api/src/app";
import { openStore } from "../../apps/api/src/db/client";
import { type FromChild, HOST, type ToChild } from "./servers";

function send(message: FromChild) {
  process.send?.(message);
}

function runChild(role: string | undefined, file: string | undefined, webDist: string | undefined) {
  if (!file) throw new Error("child needs a database file");
  let count: () => number;
  let close: () => void;
  let fetchHandler: (request: Request) => Response | Promise<Response>;

  if (role === "app" || role === "web") {
    if (role === "web" && !webDist) throw new Error("web child needs the folder of the built web app");
    const store = openStore(file);
    const app = createApp({ store, webDist: role === "web" ? webDist : undefined });
    const statement = store.sqlite.prepare("SELECT count(*) AS n FROM activities");
    count = () => (statement.get() as { n: number }).n;
    close = () => store.close();
    fetchHandler = app.fetch;
  } else if (role === "bare") {
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS rows (
      id INTEGER PRIMARY KEY,
      commitment_id INTEGER NOT NULL,
      occurred_at TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`);
    const insert = sqlite.prepare("INSERT INTO rows (commitment_id, occurred_at, quantity, note) VALUES (?, ?, ?, ?)");
    const statement = sqlite.prepare("SELECT count(*) AS n FROM rows");
    const app = new Hono();
    app.post("/insert", async (c) => {
      const body = (await c.req.json()) as { commitmentId?: unknown; occurredAt?: unknown; quantity?: unknown; note?: unknown };
      const result = insert.run(
        Number(body.commitmentId),
        String(body.occurredAt),
        Number(body.quantity),
        typeof body.note === "string" ? body.note : null,
      );
      return c.json({ id: Number(result.lastInsertRowid) }, 201);
    });
    count = () => (statement.get() as { n: number }).n;
    close = () => sqlite.close();
    fetchHandler = app.fetch;
  } else {
    throw new Error(`unknown child role ${String(role)}`);
  }

  serve({ fetch: fetchHandler, port: 0, hostname: HOST }, (info) => send({ type: "ready", port: info.port }));
  process.on("message", (message: ToChild) => {
    if (message.type === "count") send({ type: "count", id: message.id, value: count() });
    // maxRSS is in kilobytes (getrusage(2)).
    if (message.type === "peakRss") send({ type: "peakRss", id: message.id, value: process.resourceUsage().maxRSS * 1024 });
    if (message.type === "stop") {
      close();
      process.exit(0);
    }
  });
  // The parent went away (crash, Ctrl-C): do not outlive it.
  process.on("disconnect", () => {
    close();
    process.exit(0);
  });
}

runChild(process.argv[2], process.argv[3], process.argv[4]);
