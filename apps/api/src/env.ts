import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/*
 * Every setting of the server, in one place: the only module that reads process.env.
 * An unset or empty variable takes its default; a wrong value stops the start with a ConfigError
 * naming the variable, the value given and what is allowed. Unknown variables are ignored.
 * The README's "Configuration" table documents each one (a test keeps the two in step).
 */

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * One environment variable: unset or empty gives `fallback`; otherwise `parse` returns the value,
 * or undefined when the value is wrong, and `allowed` (Swedish) says what would be right.
 */
const setting = <T>(allowed: string, fallback: T, parse: (raw: string) => T | undefined) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === "") return fallback;
      const value = parse(raw.trim());
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: allowed });
        return z.NEVER;
      }
      return value;
    });

const integer = (min: number, max: number, fallback: number) =>
  setting(`ange ett heltal ${min}–${max}`, fallback, (raw) => {
    if (!/^\d{1,9}$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= min && value <= max ? value : undefined;
  });

const BOOLEANS: Record<string, boolean> = { "1": true, true: true, "0": false, false: false };
const boolean = (fallback: boolean) => setting("ange 0, 1, true eller false", fallback, (raw) => BOOLEANS[raw.toLowerCase()]);

const oneOf = <const T extends readonly string[]>(values: T, fallback: T[number]) =>
  setting<T[number]>(`ange ${values.slice(0, -1).join(", ")} eller ${values.at(-1)}`, fallback, (raw) =>
    values.find((value): value is T[number] => value === raw.toLowerCase()),
  );

const path = (fallback: string) => setting("ange en sökväg", fallback, (raw) => raw);

/** A SQLite database named as a URL: `file:` or a plain path is the SQLite file; PostgreSQL is reserved. */
type DatabaseUrl = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string } | null;


const databaseUrl = z
  .string()
  .optional()
  .transform((raw, ctx): DatabaseUrl => {
    if (raw === undefined || raw.trim() === "") return null;
    const value = raw.trim();
    if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
    if (/^file:\/\//i.test(value)) {
      try {
        return { kind: "sqlite", path: fileURLToPath(value) };
      } catch {
        // falls through to the message below
      }
    } else if (/^file:./i.test(value)) {
      return { kind: "sqlite", path: value.slice("file:".length) };
    } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      return { kind: "sqlite", path: value };
    }
    ctx.addIssue({ code: "custom", message: "ange en PostgreSQL-adress postgres://… eller en SQLite-fil som file:sökväg eller som en vanlig sökväg" });
    return z.NEVER;
  });

const publicBaseUrl = setting(
  "ange en fullständig adress som börjar med http:// eller https://, utan ?, # och inloggningsuppgifter, t.ex. https://lofteskollen.example.se",
  null as string | null,
  (raw) => {
    if (!/^https?:\/\//i.test(raw)) return undefined;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    if (url.username || url.password || url.search || url.hash || raw.includes("?") || raw.includes("#")) return undefined;
    // "https://x.se/" and "https://x.se" are the same base: links are built as base + "/path".
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  },
);

const EnvSchema = z.object({
  /** development, production or test; production never creates demo users. */
  NODE_ENV: oneOf(["development", "production", "test"], "development"),
  /** The HTTP port of the app and the API. */
  PORT: integer(1, 65_535, 8787),
  /** The interface to listen on (0.0.0.0: every one; 127.0.0.1: this machine only). */
  HOST: setting("ange ett värdnamn eller en IP-adress, t.ex. 0.0.0.0 eller 127.0.0.1", "0.0.0.0", (raw) => (/^\S+$/.test(raw) ? raw : undefined)),
  /** The SQLite file (created and migrated at start); `:memory:` for a throw-away database. */
  DATABASE_PATH: path(`${repoRoot}data/lofteskollen.db`),
  /** postgres://… runs on PostgreSQL (decision 012); `file:` or a plain path means a SQLite file. */
  DATABASE_URL: databaseUrl,
  /** 0 starts without the bundled promises' demo activities and the invented example promise. */
  DEMO: boolean(true),
  /** The bundled promises, organisations, activity types and terms (the repository's data/). */
  DATA_DIR: path(`${repoRoot}data`),
  /** The built web app (`pnpm build`), served by the API process. */
  WEB_DIST: path(`${repoRoot}apps/web/dist`),
  /** A session nobody uses for this long ends (sign in again). */
  SESSION_IDLE_MINUTES: integer(5, 24 * 60, 120),
  /** Every session ends this long after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: integer(1, 24 * 30, 12),
  /** Behind a reverse proxy (nginx, a load balancer): trust X-Forwarded-For/-Host for client address and origin checks. */
  TRUST_PROXY: boolean(false),
  /** The address people reach the app at, e.g. https://lofteskollen.example.se (no trailing slash); optional. */
  PUBLIC_BASE_URL: publicBaseUrl,
  /** How much the JSON log says: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: oneOf(LOG_LEVELS, "info"),
  /** At SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut. */
  SHUTDOWN_TIMEOUT_SECONDS: integer(1, 3600, 30),
  /** Where the backup scheduler writes its copies; default `backups/` next to the database file. */
  BACKUP_DIR: path(""),
  /** Minutes between automatic backups; 0 turns them off. */
  BACKUP_INTERVAL_MINUTES: integer(0, 7 * 24 * 60, 0),
  /** How many automatic backups the scheduler keeps; older ones are removed. */
  BACKUP_KEEP: integer(1, 1000, 14),
});

/** The names of every setting, as the environment spells them. */
export const SETTING_NAMES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

export type Env = Omit<z.infer<typeof EnvSchema>, "DATABASE_URL"> & {
  /** The PostgreSQL database to run on (DATABASE_URL=postgres://…), or null: the SQLite file DATABASE_PATH. */
  POSTGRES_URL: string | null;
};

export type ConfigProblem = { name: string; value: string; allowed: string };

/** A setting with a wrong value: its message (Swedish, one line per problem) is for the person starting the server. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `Fel i inställningarna: ${p.name}=${p.value} – ${p.allowed}.`).join("\n"));
    this.name = "ConfigError";
  }
}

/** The value as given, quoted when it holds spaces or odd characters, cut when long; a URL's password hidden. */
function shown(raw: string | undefined): string {
  const value = (raw ?? "").replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]*@/i, "$1***@");
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return /^[\x21-\x7e]+$/.test(cut) ? cut : JSON.stringify(cut);
}

/** The only place that reads process.env. Throws a ConfigError for any wrong value. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems: ConfigProblem[] = [];
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "");
      if (seen.has(name)) continue;
      seen.add(name);
      problems.push({ name, value: shown(source[name]), allowed: issue.message });
    }
    throw new ConfigError(problems);
  }
  const { DATABASE_URL, ...parsedEnv } = parsed.data;
  const env: Env = { ...parsedEnv, POSTGRES_URL: null };
  const pathGiven = (source.DATABASE_PATH ?? "").trim() !== "";

  if (DATABASE_URL?.kind === "postgres") {
    const problems: ConfigProblem[] = [];
    if (pathGiven) {
      problems.push({
        name: "DATABASE_URL",
        value: shown(source.DATABASE_URL),
        allowed: `ange antingen DATABASE_URL eller DATABASE_PATH, inte två olika databaser (DATABASE_PATH=${shown(source.DATABASE_PATH)})`,
      });
    }
    if (env.BACKUP_INTERVAL_MINUTES > 0) {
      problems.push({
        name: "BACKUP_INTERVAL_MINUTES",
        value: shown(source.BACKUP_INTERVAL_MINUTES),
        allowed: "Löfteskollens egna säkerhetskopior gäller bara SQLite. Med PostgreSQL: sätt 0 och ta säkerhetskopior med pg_dump (se docs/operations.md)",
      });
    }
    if (problems.length) throw new ConfigError(problems);
    env.POSTGRES_URL = DATABASE_URL.url;
  }
  if (DATABASE_URL?.kind === "sqlite") {
    if (pathGiven && env.DATABASE_PATH !== DATABASE_URL.path) {
      throw new ConfigError([
        {
          name: "DATABASE_URL",
          value: shown(source.DATABASE_URL),
          allowed: `ange antingen DATABASE_URL eller DATABASE_PATH, inte två olika databaser (DATABASE_PATH=${shown(source.DATABASE_PATH)})`,
        },
      ]);
    }
    env.DATABASE_PATH = DATABASE_URL.path;
  }
  if (env.BACKUP_DIR === "") {
    env.BACKUP_DIR = env.DATABASE_PATH === ":memory:" ? `${repoRoot}data/backups` : join(dirname(env.DATABASE_PATH), "backups");
  }
  return env;
}
