import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { dirname } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { openStore, type SqliteStore, type Store } from "./db/client";
import { MigrationError } from "./db/migrations";
import { redactDatabaseUrl } from "./db/migration-history";
import { openPostgresStore } from "./db/postgres-store";
import { ConfigError, readEnv } from "./env";
import { createLogger } from "./lib/logger";
import { formatDemoCredentials, wantsDemoUsers } from "./seed/demo-users";
import { startBackupSchedule } from "./ops/backup-schedule";
import { loadData } from "./seed/load-data";
import { exitOnSignals, gracefulShutdown } from "./server/lifecycle";
import { createWriteQueue } from "./services/write-queue";

/** PostgreSQL could not be reached or refused the database as it is: the message says why. */
class DatabaseUnavailableError extends Error {}

/** A wrong setting or a database this version cannot use: the message says what to do, a stack trace would not. */
function stopWith(error: unknown): never {
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof DatabaseUnavailableError) {
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

const databaseName = env.POSTGRES_URL ? redactDatabaseUrl(env.POSTGRES_URL) : env.DATABASE_PATH;
let store: Store | SqliteStore;
try {
  if (env.POSTGRES_URL) {
    store = await openPostgresStore(env.POSTGRES_URL).catch((error: unknown) => {
      if (error instanceof MigrationError) throw error;
      throw new DatabaseUnavailableError(`Kunde inte öppna PostgreSQL-databasen ${databaseName}: ${error instanceof Error ? error.message : String(error)}`);
    });
  } else {
    if (env.DATABASE_PATH !== ":memory:") mkdirSync(dirname(env.DATABASE_PATH), { recursive: true });
    store = openStore(env.DATABASE_PATH);
  }
} catch (error) {
  stopWith(error);
}
const { demoCredentials } = await loadData({
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
  publicBaseUrl: env.PUBLIC_BASE_URL,
  sessionTimeouts: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 },
});
// @hono/node-server's serve() creates a node http.Server (no http2 or https options given).
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info(
    { port: info.port, host: env.HOST, database: databaseName, publicBaseUrl: env.PUBLIC_BASE_URL },
    `Löfteskollen körs på http://localhost:${info.port} (databas: ${databaseName})`,
  );
}) as Server;

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    logger.fatal({ port: env.PORT }, `Porten ${env.PORT} används redan av ett annat program. Stoppa det, eller starta med en annan port: PORT=8788 npm start`);
  } else {
    logger.fatal({ err: { message: error.message, code: error.code } }, "Servern kunde inte starta");
  }
  if ("closeNow" in store) store.closeNow();
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
