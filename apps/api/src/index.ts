import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { dirname } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openStore } from "./db/client";
import { MigrationError } from "./db/migrations";
import { ConfigError, readEnv } from "./env";
import { createLogger } from "./lib/logger";
import { formatDemoCredentials, wantsDemoUsers } from "./seed/demo-users";
import { startBackupSchedule } from "./ops/backup-schedule";
import { loadData } from "./seed/load-data";
import { exitOnSignals, gracefulShutdown } from "./server/lifecycle";
import { createWriteQueue } from "./services/write-queue";

/** A wrong setting or a database this version cannot use: the message says what to do, a stack trace would not. */
function stopWith(error: unknown): never {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv();
} catch (error) {
  stopWith(error);
}
const logger = createLogger({ level: env.LOG_LEVEL, human: process.stdout.isTTY === true });

if (env.DATABASE_PATH !== ":memory:") mkdirSync(dirname(env.DATABASE_PATH), { recursive: true });
let store: ReturnType<typeof openStore>;
try {
  store = openStore(env.DATABASE_PATH);
} catch (error) {
  stopWith(error);
}
const { demoCredentials } = loadData({
  store,
  dataDir: env.DATA_DIR,
  demo: env.DEMO,
  now: new Date(),
  log: (message) => logger.info(message),
  demoUsers: wantsDemoUsers(env),
});
// Straight to the console, never into the log: the passwords are shown this once, to the person
// starting the server, and must not end up in a log collector.
if (demoCredentials) console.log(formatDemoCredentials(demoCredentials));

const queue = createWriteQueue(store);
const app = createApp({
  store,
  queue,
  logger,
  webDist: env.WEB_DIST,
  trustProxy: env.TRUST_PROXY,
  sessionTimeouts: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 },
});
// @hono/node-server's serve() creates a node http.Server (no http2 or https options given).
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info(
    { port: info.port, host: env.HOST, database: env.DATABASE_PATH, publicBaseUrl: env.PUBLIC_BASE_URL },
    `Löfteskollen körs på http://localhost:${info.port} (databas: ${env.DATABASE_PATH})`,
  );
}) as Server;

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    logger.fatal({ port: env.PORT }, `Porten ${env.PORT} används redan av ett annat program. Stoppa det, eller starta med en annan port: PORT=8788 npm start`);
  } else {
    logger.fatal({ err: { message: error.message, code: error.code } }, "Servern kunde inte starta");
  }
  store.close();
  process.exit(1);
});

// Scheduled online backups with retention (BACKUP_INTERVAL_MINUTES=0: off); a backup still
// running at shutdown is finished before the database closes.
const stopBackups = startBackupSchedule({
  databasePath: env.DATABASE_PATH,
  dir: env.BACKUP_DIR,
  intervalMinutes: env.BACKUP_INTERVAL_MINUTES,
  keep: env.BACKUP_KEEP,
  log: logger,
});

exitOnSignals(
  gracefulShutdown({ server, queue, store, logger, timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000, beforeClose: stopBackups }),
  { logger },
);
