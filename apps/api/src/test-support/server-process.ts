import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = fileURLToPath(new URL("../..", import.meta.url));

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

/** The real server (`src/index.ts`) running as a process of its own, listening on loopback. */
export type ServerProcess = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The node process that holds the database (no shell or pnpm in between). */
  pid: number;
  /** Settles once the process has ended. */
  exited: Promise<ServerExit>;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** Sends `signal` and waits until the process has ended. */
  kill: (signal: NodeJS.Signals) => Promise<ServerExit>;
  /** SIGTERM (the server closes its database cleanly), SIGKILL if it is not gone in `graceMs`. */
  stop: (graceMs?: number) => Promise<ServerExit>;
};

export type StartServerOptions = {
  /** The SQLite file: created and migrated on the first start, reused by later ones. */
  databasePath: string;
  /** A free one is found when omitted. */
  port?: number;
  /** Added to the environment the server reads (apps/api/src/env.ts); DEMO defaults to 0 here. */
  env?: Record<string, string>;
  /** How long the server may take until GET /api/health answers. */
  readyTimeoutMs?: number;
};

const running = new Set<ChildProcess>();

// A test runner that exits (or a test that throws before its cleanup) must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A TCP port nobody listens on right now, picked by the OS. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("the OS gave no port"))));
    });
  });
}

/** Whether something (another test, another program) already listens on `port`. */
export function isPortTaken(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(true));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

/**
 * Starts `node --import tsx src/index.ts` (what `pnpm --filter @lofteskollen/api start` runs,
 * without the pnpm wrapper, so that a signal reaches the process that holds the database) and
 * resolves once GET /api/health answers 200. Rejects, with the server's output, if it exits or
 * is not ready in time.
 */
export async function startServerProcess({ databasePath, port, env = {}, readyTimeoutMs = 30_000 }: StartServerOptions): Promise<ServerProcess> {
  const chosenPort = port ?? (await findFreePort());
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: apiDir,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      DEMO: "0",
      // No built web app: the API alone (the app serves the web only when its index.html exists).
      WEB_DIST: join(databasePath, "..", "no-web-dist"),
      ...env,
      PORT: String(chosenPort),
      DATABASE_PATH: databasePath,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<ServerExit>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`the server process did not start:\n${output}`);
  }

  const kill = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const stop = async (graceMs = 5_000) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    try {
      return await kill("SIGTERM");
    } finally {
      clearTimeout(timer);
    }
  };
  const url = `http://127.0.0.1:${chosenPort}`;

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${JSON.stringify(await exited)}) before it answered:\n${output}`);
    }
    if (Date.now() > deadline) {
      await kill("SIGKILL");
      throw new Error(`the server did not answer GET /api/health within ${readyTimeoutMs} ms:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return { url, port: chosenPort, pid, exited, output: () => output, kill, stop };
}

/** Kills every server this module started that is still running (for afterAll). */
export async function killAllServerProcesses(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}
