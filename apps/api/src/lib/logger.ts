import { type DestinationStream, type Logger, pino } from "pino";
import type { LogLevel } from "../env";

export type { Logger };

/*
 * The server's log: one JSON object per line (pino), for a log collector to read. What goes in
 * is chosen field by field by the code that logs (request id, method, path, status, duration,
 * numeric user id): never a body, a query string, a header, a cookie, an email or a name. The
 * redaction below is a second line of defence for a field added carelessly later.
 */
const REDACTED_FIELDS = ["password", "token", "email", "name", "authorization", "cookie", "body", "query", "headers"];

export type LoggerOptions = {
  level: LogLevel;
  /** Where the lines go; default standard output. Tests pass a collector. */
  destination?: DestinationStream;
  /** Compact lines for a person at a terminal instead of JSON (`npm start` in a terminal). */
  human?: boolean;
};

export function createLogger({ level, destination, human = false }: LoggerOptions): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: "[borttaget]" },
  };
  if (human) return pino(options, humanDestination(destination ?? process.stdout));
  // Synchronous writes: a line logged just before process.exit is not lost.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/** Logs nothing: the default of createApp, so tests and benchmarks stay quiet. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const HIDDEN = new Set(["level", "time", "pid", "hostname", "msg"]);

/**
 * "12:00:01 INFO  request requestId=… method=GET path=/api/health status=200 durationMs=1.2":
 * pino's own line, reshaped for a terminal without a dependency (pino-pretty).
 */
function humanDestination(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      // Local time of day: the person at the terminal reads their own clock.
      const time = typeof entry.time === "string" ? new Date(entry.time).toTimeString().slice(0, 8) : "";
      const level = (LEVEL_NAMES[Number(entry.level)] ?? String(entry.level)).padEnd(5);
      const fields = Object.entries(entry)
        .filter(([key]) => !HIDDEN.has(key))
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      out.write(`${[time, level, entry.msg ?? "", ...fields].join(" ")}\n`);
    },
  };
}
