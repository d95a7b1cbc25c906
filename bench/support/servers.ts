/** Starts the servers under test in child processes (`server-child.ts`) and stops them again. */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** All benchmark traffic stays on this machine. */
export const HOST = "127.0.0.1";

const CHILD = fileURLToPath(new URL("./server-child.ts", import.meta.url));

/** What the parent may ask a child: its activities counted, or its peak resident memory in bytes. */
export type Question = "count" | "peakRss";
export type ToChild = { type: Question; id: number } | { type: "stop" };
export type FromChild = { type: "ready"; port: number } | { type: Question; id: number; value: number };

function isFromChild(value: unknown): value is FromChild {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  const message = value as { type: unknown; port?: unknown; id?: unknown; value?: unknown };
  if (message.type === "ready") return typeof message.port === "number";
  if (message.type === "count" || message.type === "peakRss") return typeof message.id === "number" && typeof message.value === "number";
  return false;
}

export type Server = {
  port: number;
  /** Activities in the server's database. */
  count: () => Promise<number>;
  /** The server process's peak resident set size so far, in bytes (getrusage's maxrss). */
  peakRss: () => Promise<number>;
  stop: () => Promise<void>;
};

export type ServerOptions = {
  /** Folder of the built web app, for role "web". */
  webDist?: string;
  /** Write a V8 CPU profile of the child into this folder. */
  cpuProfDir?: string;
};

const children = new Set<ChildProcess>();

/** Kills every child still running: for cleanup after an error, Ctrl-C or the watchdog. */
export function killServers() {
  for (const child of children) child.kill();
  children.clear();
}

export async function startServer(role: "app" | "bare" | "web", file: string, { webDist, cpuProfDir }: ServerOptions = {}): Promise<Server> {
  // The parent's execArgv carries tsx's loader, so the child can be TypeScript too.
  const execArgv = cpuProfDir ? [...process.execArgv, "--cpu-prof", "--cpu-prof-dir", cpuProfDir] : process.execArgv;
  const args = webDist === undefined ? [role, file] : [role, file, webDist];
  const child = fork(CHILD, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
  children.add(child);
  const waiting = new Map<number, (value: number) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${role} server exited early (code ${String(code)})`)));
    child.on("message", (message: unknown) => {
      if (!isFromChild(message)) return;
      if (message.type === "ready") resolve(message.port);
      else waiting.get(message.id)?.(message.value);
    });
  });
  const ask = (type: Question) =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ type, id } satisfies ToChild);
    });
  return {
    port,
    count: () => ask("count"),
    peakRss: () => ask("peakRss"),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => {
          children.delete(child);
          resolve();
        });
        child.send({ type: "stop" } satisfies ToChild);
      }),
  };
}
