import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { CreateUserSchema } from "@lofteskollen/contracts";
import { z } from "zod";
import { systemContext } from "./db/audit-context";
import { openStore, type Store } from "./db/client";
import { redactDatabaseUrl } from "./db/migration-history";
import { MigrationError } from "./db/migrations";
import { openPostgresStore } from "./db/postgres-store";
import { ConfigError, readEnv } from "./env";
import { zodIssues } from "./lib/openapi";
import { AppError } from "./lib/errors";
import { backupDatabase, restoreDatabase } from "./ops/backup";
import { BackupError, checkDatabaseFile, type DatabaseReport, formatCounts } from "./ops/database-file";
import { formatMigrationReport, MigrateToPostgresError, migrateToPostgres } from "./ops/migrate-to-postgres";
import { loadData } from "./seed/load-data";
import { createApiToken } from "./services/api-tokens";
import { createUser, getUserByEmail, hashNewPassword } from "./services/users";

const USAGE = `Löfteskollen – kommandoraden

  pnpm cli user:create --email E --role admin|manager|coordinator|viewer [--name N] [--organisation NAMN]… --password-stdin
      Skapar en användare. Lösenordet läses från standard in (8–128 tecken), t.ex.
      printf '%s' 'mitt långa lösenord' | pnpm cli user:create --email a@kommun.se --role admin --password-stdin

  pnpm cli token:create --email E [--name N]
      Skapar en API-nyckel åt användaren och skriver ut den (bara den) på standard ut.
      Nyckeln visas bara nu. Skicka den som: Authorization: Bearer <nyckel>

  pnpm cli backup FIL [--force]
      Tar en säkerhetskopia av databasen till FIL, också medan servern körs. Kopian kontrolleras
      (integrity_check) och antalet aktiviteter, löften, åtaganden, användare och loggrader skrivs ut.
      En befintlig FIL skrivs bara över med --force.

  pnpm cli restore FIL --yes
      Ersätter databasen med säkerhetskopian FIL, efter att ha kontrollerat den. Stoppa servern först.
      Den nuvarande databasen sparas som <databas>.before-restore-<tid>. Utan --yes kontrolleras
      bara FIL och ingenting ändras.

  pnpm cli migrate-to-postgres --from FIL
      Flyttar allt i SQLite-databasen FIL till PostgreSQL-databasen i DATABASE_URL=postgres://…, som måste
      vara tom (den migreras först). Stoppa servern först. Allt kopieras i en transaktion och kontrolleras
      (rader per tabell, aktiviteter, dagssummor, händelseloggen) innan det sparas. FIL ändras inte.

Databasen: DATABASE_URL=postgres://… (PostgreSQL), annars DATABASE_PATH (SQLite, standard data/lofteskollen.db).
user:create och token:create skapar den om den inte finns. backup och restore gäller bara SQLite: med
PostgreSQL används pg_dump och pg_restore.`;

class CliError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError("--password-stdin: skicka lösenordet på standard in, t.ex. printf '%s' \"$LOSENORD\" | pnpm cli …");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break comes from `echo` or a file; it is not part of the password.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function openDatabase(): Promise<Store> {
  const env = readEnv();
  let store: Store;
  if (env.POSTGRES_URL) {
    store = await openPostgresStore(env.POSTGRES_URL, { max: 2 }).catch((error: unknown) => {
      if (error instanceof MigrationError) throw error;
      throw new CliError(`Kunde inte öppna PostgreSQL-databasen ${redactDatabaseUrl(env.POSTGRES_URL ?? "")}: ${error instanceof Error ? error.message : String(error)}`);
    });
  } else {
    if (env.DATABASE_PATH !== ":memory:") mkdirSync(dirname(env.DATABASE_PATH), { recursive: true });
    store = openStore(env.DATABASE_PATH);
  }
  // A fresh database gets the reference data (organisations, activity types, terms), never demo data.
  await loadData({ store, dataDir: env.DATA_DIR, demo: false, now: new Date() });
  return store;
}

async function userCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      organisation: { type: "string", multiple: true },
      "password-stdin": { type: "boolean" },
    },
    strict: true,
  });
  if (!values["password-stdin"]) throw new CliError("Ange --password-stdin och skicka lösenordet på standard in (aldrig som argument: det syns i processlistan).");
  const password = await readStdin();
  const parsed = CreateUserSchema.safeParse({
    email: values.email,
    name: values.name ?? values.email,
    role: values.role,
    organisations: values.organisation ?? [],
    password,
  });
  if (!parsed.success) {
    throw new CliError(zodIssues(parsed.error).map((issue) => `--${issue.path.split(".")[0]}: ${issue.message}`).join("\n"));
  }
  const { password: accepted, ...input } = parsed.data;
  const passwordHash = await hashNewPassword(accepted, input.email);
  const store = await openDatabase();
  try {
    const user = await store.transaction(systemContext("cli"), (db) => createUser({ db, input: { ...input, passwordHash } }));
    process.stderr.write(`Skapade ${user.role} ${user.email} (id ${user.id}).\n`);
  } finally {
    await store.close();
  }
}

async function tokenCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const email = z.email().safeParse(values.email?.trim().toLowerCase());
  if (!email.success) throw new CliError("--email: ange användarens e-postadress.");
  const store = await openDatabase();
  try {
    const user = await getUserByEmail({ db: store.db, email: email.data });
    if (!user) throw new CliError(`Det finns ingen användare med e-postadressen ${email.data}. Skapa den först med user:create.`);
    if (user.disabledAt) throw new CliError(`${email.data} är avstängd; en nyckel åt den skulle inte fungera.`);
    const created = await store.transaction(systemContext("cli"), (db) =>
      createApiToken({ db, userId: user.id, name: values.name ?? "Kommandoraden", now: new Date() }),
    );
    // The token alone on standard output, so a script can capture it: TOKEN=$(pnpm -s cli token:create …)
    process.stdout.write(`${created.token}\n`);
    process.stderr.write(`API-nyckel ${created.id} skapad åt ${user.email} (${user.role}). Den visas bara nu.\n`);
  } finally {
    await store.close();
  }
}

/** With PostgreSQL, what to run instead of `pnpm cli backup` / `restore`. */
const POSTGRES_INSTEAD = {
  backup: `DATABASE_URL pekar på PostgreSQL: pnpm cli backup tar bara säkerhetskopior av SQLite. Ta en säkerhetskopia med pg_dump, också medan servern körs:
  pg_dump -Fc -f FIL "$DATABASE_URL"
och kontrollera den med: pg_restore --list FIL`,
  restore: `DATABASE_URL pekar på PostgreSQL: pnpm cli restore återställer bara SQLite. Återställ en säkerhetskopia från pg_dump med pg_restore. Stoppa servern först; allt i databasen ersätts:
  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error -d "$DATABASE_URL" FIL`,
};

/** The database file the operator means; backup and restore never create or migrate it. */
function databaseFile(command: "backup" | "restore"): string {
  const { DATABASE_PATH, POSTGRES_URL } = readEnv();
  if (POSTGRES_URL) throw new CliError(POSTGRES_INSTEAD[command]);
  if (DATABASE_PATH === ":memory:") throw new CliError("DATABASE_PATH är :memory: – en databas i minnet går inte att säkerhetskopiera eller återställa.");
  return DATABASE_PATH;
}

function fileArgument(positionals: string[], command: string): string {
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new CliError(`Ange en fil: pnpm cli ${command} FIL\n\n${USAGE}`);
  return file;
}

const describeReport = (report: DatabaseReport) =>
  `  integrity_check: ${report.integrity}\n  senaste migrering: ${report.lastMigration}\n  ${formatCounts(report.counts)}\n`;

async function backup(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { force: { type: "boolean" } }, allowPositionals: true, strict: true });
  const result = await backupDatabase(databaseFile("backup"), fileArgument(positionals, "backup"), { force: values.force ?? false });
  process.stdout.write(`Säkerhetskopia sparad: ${result.file}\n${describeReport(result)}`);
}

async function restore(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { yes: { type: "boolean" } }, allowPositionals: true, strict: true });
  const target = databaseFile("restore");
  const file = fileArgument(positionals, "restore");
  if (!values.yes) {
    // Safe by default: only the check, and a refusal that says what to do.
    const report = await checkDatabaseFile(file);
    process.stdout.write(`${file} är en hel säkerhetskopia:\n${describeReport(report)}`);
    throw new CliError(`Ingenting återställdes. Återställningen ersätter ${target}. Stoppa servern och kör igen med --yes:\n  pnpm cli restore ${file} --yes`);
  }
  const result = await restoreDatabase(file, target);
  if (result.previousUnreadable) process.stderr.write(`Den tidigare databasen gick inte att öppna (${result.previousUnreadable}); den sparades som den var.\n`);
  const kept = result.kept.length > 0 ? `Den tidigare databasen sparades som ${result.kept.join(", ")}\n` : "";
  process.stdout.write(`Återställde ${result.file} från ${file}\n${describeReport(result)}${kept}`);
}

async function migrateToPostgresCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { from: { type: "string" } }, strict: true });
  if (!values.from) throw new CliError(`Ange SQLite-filen att flytta: pnpm cli migrate-to-postgres --from FIL\n\n${USAGE}`);
  // Only DATABASE_URL matters here (the source is --from): a DATABASE_PATH left set for the old server is no conflict.
  const { POSTGRES_URL } = readEnv({ DATABASE_URL: process.env.DATABASE_URL });
  if (!POSTGRES_URL) {
    throw new CliError(
      process.env.DATABASE_URL?.trim()
        ? "DATABASE_URL är ingen PostgreSQL-adress. Ange måldatabasen som DATABASE_URL=postgres://användare@värd:5432/databas och kör igen."
        : "Ange måldatabasen i DATABASE_URL, t.ex. DATABASE_URL=postgres://användare@värd:5432/lofteskollen pnpm cli migrate-to-postgres --from FIL",
    );
  }
  const report = await migrateToPostgres({
    from: values.from,
    url: POSTGRES_URL,
    onTable: process.stderr.isTTY ? (table, rows) => process.stderr.write(`Kopierar ${table} (${rows} rader) …\n`) : undefined,
  });
  process.stdout.write(formatMigrationReport(report));
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  switch (command) {
    case "user:create":
      return userCreate(args);
    case "token:create":
      return tokenCreate(args);
    case "backup":
      return backup(args);
    case "restore":
      return restore(args);
    case "migrate-to-postgres":
      return migrateToPostgresCommand(args);
    case undefined:
    case "help":
    case "--help":
      process.stderr.write(`${USAGE}\n`);
      return;
    default:
      throw new CliError(`Okänt kommando: ${command}\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A wrong setting or a database this version cannot use says what to do: no prefix, no stack.
  if (error instanceof CliError || error instanceof BackupError || error instanceof MigrateToPostgresError || error instanceof ConfigError || error instanceof MigrationError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof AppError) {
    const details = error.issues?.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n");
    process.stderr.write(`${error.message}${details ? `\n${details}` : ""}\n`);
  } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  } else {
    process.stderr.write(`Något gick fel: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
