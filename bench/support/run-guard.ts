/**
 * A benchmark run's temporary folder and its cleanup: the folder and every server child go away
 * at the end, after an error, on Ctrl-C, and when the watchdog gives up on a run that hangs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { killServers } from "./servers";

export type RunGuard = {
  /** The temporary folder (under os.tmpdir()). */
  dir: string;
  /** Runs on every way out, before the folder is removed; must be synchronous (it also runs on signals). */
  onCleanup: (work: () => void) => void;
  /** Kills the server children, runs the cleanup hooks and removes the folder; safe to call twice. */
  cleanup: () => void;
  /** Stops the watchdog (the run finished). */
  done: () => void;
};

export function guardRun({ prefix, watchdogMs, log }: { prefix: string; watchdogMs: number; log: (line: string) => void }): RunGuard {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  const hooks: (() => void)[] = [];
  const cleanup = () => {
    killServers();
    for (const hook of hooks.splice(0)) {
      try {
        hook();
      } catch (error) {
        log(`cleanup: ${String(error)}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    log(`Benchmark still running after ${watchdogMs / 60_000} minutes: giving up.`);
    cleanup();
    process.exit(2);
  }, watchdogMs);
  watchdog.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  return { dir, onCleanup: (work) => hooks.push(work), cleanup, done: () => clearTimeout(watchdog) };
}
