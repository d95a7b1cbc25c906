import os from "node:os";
import { statfsSync } from "node:fs";
import Database from "better-sqlite3";

const FS_TYPES: Record<number, string> = { 0xef53: "ext4", 0x01021994: "tmpfs", 0x794c7630: "overlayfs", 0x58465342: "xfs", 0x9123683e: "btrfs" };

/** What a reader needs to judge a result: machine, load before the run, SQLite and its disk. */
export function machineFacts(dir: string): string[] {
  const cpus = os.cpus();
  const sqlite = new Database(":memory:");
  const sqliteVersion = (sqlite.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  sqlite.close();
  const fsType = statfsSync(dir).type;
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Node ${process.version} on ${os.type()} ${os.release()} (${process.arch})`,
    `- CPUs: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Load average (1, 5, 15 min) before the run: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(", ")} (well above 0 means other work shared the CPUs: results are then noisier)`,
    `- SQLite ${sqliteVersion} (better-sqlite3), WAL, synchronous=FULL; databases in ${os.tmpdir()} (${FS_TYPES[fsType] ?? `fs 0x${fsType.toString(16)}`})`,
  ];
}
