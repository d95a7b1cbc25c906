import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openStore } from "./db/client";
import { readEnv } from "./env";
import { formatDemoCredentials, wantsDemoUsers } from "./seed/demo-users";
import { loadData } from "./seed/load-data";

const env = readEnv();
if (env.DATABASE_PATH !== ":memory:") mkdirSync(dirname(env.DATABASE_PATH), { recursive: true });
const store = openStore(env.DATABASE_PATH);
const { demoCredentials } = loadData({
  store,
  dataDir: env.DATA_DIR,
  demo: env.DEMO,
  now: new Date(),
  log: console.log,
  demoUsers: wantsDemoUsers(env),
});
if (demoCredentials) console.log(formatDemoCredentials(demoCredentials));

const app = createApp({
  store,
  webDist: env.WEB_DIST,
  trustProxy: env.TRUST_PROXY,
  sessionTimeouts: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 },
});
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Löfteskollen körs på http://localhost:${info.port} (databas: ${env.DATABASE_PATH})`);
});

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Porten ${env.PORT} används redan av ett annat program. Stoppa det, eller starta med en annan port: PORT=8788 npm start`);
  } else {
    console.error("Servern kunde inte starta:", error.message);
  }
  store.close();
  process.exit(1);
});

// Close the database cleanly so the WAL is checkpointed and nothing is left half-written.
const shutdown = () => {
  server.close(() => {
    store.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
