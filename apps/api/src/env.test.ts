import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readEnv, SETTING_NAMES } from "./env";

/** The message readEnv throws for `source`, or a failure when it throws none. */
function refusal(source: Record<string, string>): ConfigError {
  try {
    readEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`readEnv accepted ${JSON.stringify(source)}`);
}

describe("readEnv", () => {
  it("gives every setting its documented default when nothing is set", () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 8787,
      HOST: "0.0.0.0",
      DEMO: true,
      SESSION_IDLE_MINUTES: 120,
      SESSION_ABSOLUTE_HOURS: 12,
      TRUST_PROXY: false,
      PUBLIC_BASE_URL: null,
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_SECONDS: 30,
      BACKUP_INTERVAL_MINUTES: 0,
      BACKUP_KEEP: 14,
    });
    expect(env.DATABASE_PATH).toMatch(/[/\\]data[/\\]lofteskollen\.db$/);
    expect(env.DATA_DIR).toMatch(/[/\\]data$/);
    expect(env.WEB_DIST).toMatch(/[/\\]apps[/\\]web[/\\]dist$/);
    // The backups sit next to the database unless told otherwise.
    expect(env.BACKUP_DIR).toBe(join(env.DATABASE_PATH, "..", "backups"));
  });

  it("reads every setting that is given", () => {
    const env = readEnv({
      NODE_ENV: "production",
      PORT: "19123",
      HOST: "127.0.0.1",
      DATABASE_PATH: "/srv/lk/lk.db",
      DEMO: "0",
      DATA_DIR: "/srv/lk/data",
      WEB_DIST: "/srv/lk/web",
      SESSION_IDLE_MINUTES: "30",
      SESSION_ABSOLUTE_HOURS: "8",
      TRUST_PROXY: "1",
      PUBLIC_BASE_URL: "https://lofteskollen.example.se",
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_SECONDS: "10",
      BACKUP_DIR: "/backup/lk",
      BACKUP_INTERVAL_MINUTES: "60",
      BACKUP_KEEP: "48",
    });
    expect(env).toEqual({
      NODE_ENV: "production",
      PORT: 19123,
      POSTGRES_URL: null,
      HOST: "127.0.0.1",
      DATABASE_PATH: "/srv/lk/lk.db",
      DEMO: false,
      DATA_DIR: "/srv/lk/data",
      WEB_DIST: "/srv/lk/web",
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 8,
      TRUST_PROXY: true,
      PUBLIC_BASE_URL: "https://lofteskollen.example.se",
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_SECONDS: 10,
      BACKUP_DIR: "/backup/lk",
      BACKUP_INTERVAL_MINUTES: 60,
      BACKUP_KEEP: 48,
    });
  });

  it("takes an empty variable as unset and ignores variables it does not know", () => {
    const env = readEnv({ PORT: "", DEMO: " ", HOME: "/root", PATH: "/usr/bin", LK_SOMETHING: "x" });
    expect(env.PORT).toBe(8787);
    expect(env.DEMO).toBe(true);
    expect(env).not.toHaveProperty("HOME");
    expect(env).not.toHaveProperty("LK_SOMETHING");
  });

  it.each([
    ["1", true],
    ["0", false],
    ["true", true],
    ["false", false],
    ["TRUE", true],
    ["False", false],
  ])("reads the boolean %s as %s", (raw, expected) => {
    expect(readEnv({ DEMO: raw }).DEMO).toBe(expected);
    expect(readEnv({ TRUST_PROXY: raw }).TRUST_PROXY).toBe(expected);
  });

  it.each(["yes", "no", "2", "on", "-1"])("refuses %s as a boolean, naming the variable and what it takes", (raw) => {
    expect(refusal({ TRUST_PROXY: raw }).message).toBe(`Fel i inställningarna: TRUST_PROXY=${raw} – ange 0, 1, true eller false.`);
  });

  it("refuses a port that is not a whole number in 1–65535, with the message the issue asks for", () => {
    expect(refusal({ PORT: "abc" }).message).toBe("Fel i inställningarna: PORT=abc – ange ett heltal 1–65535.");
    for (const raw of ["0", "65536", "80.5", "-1", "8787abc", "1e3"]) {
      expect(refusal({ PORT: raw }).message).toBe(`Fel i inställningarna: PORT=${raw} – ange ett heltal 1–65535.`);
    }
  });

  it("refuses numbers outside each setting's range", () => {
    expect(refusal({ SESSION_IDLE_MINUTES: "2" }).message).toBe("Fel i inställningarna: SESSION_IDLE_MINUTES=2 – ange ett heltal 5–1440.");
    expect(refusal({ SESSION_ABSOLUTE_HOURS: "0" }).message).toBe("Fel i inställningarna: SESSION_ABSOLUTE_HOURS=0 – ange ett heltal 1–720.");
    expect(refusal({ SHUTDOWN_TIMEOUT_SECONDS: "0" }).message).toBe("Fel i inställningarna: SHUTDOWN_TIMEOUT_SECONDS=0 – ange ett heltal 1–3600.");
    expect(refusal({ BACKUP_INTERVAL_MINUTES: "ofta" }).message).toBe("Fel i inställningarna: BACKUP_INTERVAL_MINUTES=ofta – ange ett heltal 0–10080.");
    expect(refusal({ BACKUP_KEEP: "0" }).message).toBe("Fel i inställningarna: BACKUP_KEEP=0 – ange ett heltal 1–1000.");
  });

  it("turns the backups off with BACKUP_INTERVAL_MINUTES=0", () => {
    expect(readEnv({ BACKUP_INTERVAL_MINUTES: "0" }).BACKUP_INTERVAL_MINUTES).toBe(0);
  });

  it("accepts the pino log levels, silent included, in any case, and refuses others", () => {
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"]) expect(readEnv({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(readEnv({ LOG_LEVEL: "DEBUG" }).LOG_LEVEL).toBe("debug");
    expect(refusal({ LOG_LEVEL: "verbose" }).message).toBe(
      "Fel i inställningarna: LOG_LEVEL=verbose – ange fatal, error, warn, info, debug, trace eller silent.",
    );
  });

  it("refuses an unknown NODE_ENV", () => {
    expect(refusal({ NODE_ENV: "staging" }).message).toBe("Fel i inställningarna: NODE_ENV=staging – ange development, production eller test.");
  });

  it("refuses a HOST with spaces, quoting the value", () => {
    expect(refusal({ HOST: "my host" }).message).toBe(
      'Fel i inställningarna: HOST="my host" – ange ett värdnamn eller en IP-adress, t.ex. 0.0.0.0 eller 127.0.0.1.',
    );
  });

  it("takes PUBLIC_BASE_URL as an absolute http(s) address without its trailing slash", () => {
    expect(readEnv({ PUBLIC_BASE_URL: "https://lofteskollen.example.se/" }).PUBLIC_BASE_URL).toBe("https://lofteskollen.example.se");
    expect(readEnv({ PUBLIC_BASE_URL: "http://localhost:8787" }).PUBLIC_BASE_URL).toBe("http://localhost:8787");
    expect(readEnv({ PUBLIC_BASE_URL: "https://kommun.example.se/lofteskollen//" }).PUBLIC_BASE_URL).toBe("https://kommun.example.se/lofteskollen");
  });

  it.each(["lofteskollen.example.se", "/lofteskollen", "ftp://example.se", "https://example.se/?a=1", "https://example.se/#x", "https://anna:hemligt@example.se", "https://"])(
    "refuses %s as PUBLIC_BASE_URL",
    (raw) => {
      const error = refusal({ PUBLIC_BASE_URL: raw });
      expect(error.problems.map((p) => p.name)).toEqual(["PUBLIC_BASE_URL"]);
      expect(error.message).toMatch(/^Fel i inställningarna: PUBLIC_BASE_URL=.* – ange en fullständig adress som börjar med http:\/\/ eller https:\/\//);
    },
  );

  it("takes a postgres:// DATABASE_URL as the PostgreSQL database to run on", () => {
    for (const url of ["postgres://lk:hemligt@db.example.se/lk", "postgresql://lk@/lk?host=/var/run/postgresql"]) {
      const env = readEnv({ DATABASE_URL: url });
      expect(env.POSTGRES_URL).toBe(url);
    }
    expect(readEnv({}).POSTGRES_URL).toBeNull();
    expect(readEnv({ DATABASE_URL: "file:/srv/lk/lk.db" }).POSTGRES_URL).toBeNull();
  });

  it("refuses scheduled backups and a DATABASE_PATH beside a PostgreSQL DATABASE_URL, without showing its password", () => {
    const error = refusal({ DATABASE_URL: "postgres://lk:hemligt@db.example.se/lk", DATABASE_PATH: "/srv/lk/lk.db", BACKUP_INTERVAL_MINUTES: "60" });
    expect(error.problems.map((p) => p.name)).toEqual(["DATABASE_URL", "BACKUP_INTERVAL_MINUTES"]);
    expect(error.message).toMatch(/^Fel i inställningarna: DATABASE_URL=postgres:\/\/lk:\*\*\*@db.* – ange antingen DATABASE_URL eller DATABASE_PATH/);
    expect(error.message).toMatch(/BACKUP_INTERVAL_MINUTES=60 – Löfteskollens egna säkerhetskopior gäller bara SQLite/);
    expect(error.message).not.toContain("hemligt");
  });

  it("takes a file: or plain DATABASE_URL as the SQLite file", () => {
    expect(readEnv({ DATABASE_URL: "file:/srv/lk/lk.db" }).DATABASE_PATH).toBe("/srv/lk/lk.db");
    expect(readEnv({ DATABASE_URL: "file:///srv/lk/lk.db" }).DATABASE_PATH).toBe("/srv/lk/lk.db");
    expect(readEnv({ DATABASE_URL: "file:data/lk.db" }).DATABASE_PATH).toBe("data/lk.db");
    expect(readEnv({ DATABASE_URL: "/srv/lk/lk.db" }).DATABASE_PATH).toBe("/srv/lk/lk.db");
    expect(readEnv({ DATABASE_URL: "/srv/lk/lk.db" }).BACKUP_DIR).toBe("/srv/lk/backups");
    // The same file named twice is no conflict.
    expect(readEnv({ DATABASE_URL: "file:/srv/lk/lk.db", DATABASE_PATH: "/srv/lk/lk.db" }).DATABASE_PATH).toBe("/srv/lk/lk.db");
  });

  it("refuses two different databases and a DATABASE_URL of another kind", () => {
    expect(refusal({ DATABASE_URL: "file:/a.db", DATABASE_PATH: "/b.db" }).message).toBe(
      "Fel i inställningarna: DATABASE_URL=file:/a.db – ange antingen DATABASE_URL eller DATABASE_PATH, inte två olika databaser (DATABASE_PATH=/b.db).",
    );
    expect(refusal({ DATABASE_URL: "mysql://db/lk" }).message).toBe(
      "Fel i inställningarna: DATABASE_URL=mysql://db/lk – ange en PostgreSQL-adress postgres://… eller en SQLite-fil som file:sökväg eller som en vanlig sökväg.",
    );
  });

  it("puts the default backup folder next to the database it is given", () => {
    expect(readEnv({ DATABASE_PATH: "/var/lib/lk/lofteskollen.db" }).BACKUP_DIR).toBe("/var/lib/lk/backups");
  });

  it("names every wrong setting at once, one line each", () => {
    const error = refusal({ PORT: "abc", DEMO: "kanske", LOG_LEVEL: "loud" });
    expect(error.problems.map((p) => p.name)).toEqual(["PORT", "DEMO", "LOG_LEVEL"]);
    expect(error.message.split("\n")).toEqual([
      "Fel i inställningarna: PORT=abc – ange ett heltal 1–65535.",
      "Fel i inställningarna: DEMO=kanske – ange 0, 1, true eller false.",
      "Fel i inställningarna: LOG_LEVEL=loud – ange fatal, error, warn, info, debug, trace eller silent.",
    ]);
  });

  it("is documented: the README's configuration table names every setting", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.split(/^## /m).find((s) => s.startsWith("Configuration")) ?? "";
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...SETTING_NAMES].sort());
  });
});
