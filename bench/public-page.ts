/**
 * Löfteskollen public page benchmark (`pnpm bench:public` from the repository root). A benchmark,
 * not a test: it measures and reports met/missed, and fails only when the harness goes wrong or
 * the page lacks its figures.
 *
 * Issue 6: the public page's first response must carry the figures in its HTML and weigh under
 * 100 KB gzipped together with its CSS, so that it is fast on a phone on a slow network. On a fresh
 * SQLite file with the demo data (the bundled promises and their demo activities), the real app in
 * a child process (support/server-child.ts), for every bundled published promise:
 * - GET /p/<slug>: bytes as sent and gzipped (zlib level 6, as a reverse proxy's gzip does), the
 *   stylesheets it links, the same; any script it loads counted too;
 * - the figures: every commitment's "done so far" number of GET /api/public/promises/<slug>/progress
 *   is in the HTML;
 * - time to the last byte, p50/p95 over 200 requests after 20 warm-up ones.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { PublicProgress } from "../packages/contracts/src/public";
import { prepareDatabase } from "./support/database";
import { closeConnections, request } from "./support/http";
import { machineFacts } from "./support/machine";
import { guardRun } from "./support/run-guard";
import { startServer } from "./support/servers";
import { int, ms, summarize } from "./support/stats";

const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));
const SLUGS = ["hisings-backa-2024-2025", "nordost-2023-2024", "exempel-nordost"];
const BUDGET_BYTES = 100 * 1024;
const REQUESTS = 200;

const gz = (text: string) => gzipSync(Buffer.from(text, "utf8"), { level: 6 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** The numbers as the page writes them: Swedish grouping with a non-breaking or thin space. */
const swedish = (value: number) => new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 }).format(value);
const numberInHtml = (html: string, value: number) => {
  const plain = html.replace(/&nbsp;|&#160;|\u00a0|\u202f|&#8239;/g, " ");
  return plain.includes(swedish(value).replace(/[\u00a0\u202f]/g, " ")) || plain.includes(String(value));
};

type Row = {
  slug: string;
  commitments: number;
  htmlBytes: number;
  htmlGz: number;
  cssBytes: number;
  cssGz: number;
  scripts: number;
  totalGz: number;
  figuresInHtml: boolean;
  p50: number;
  p95: number;
};

async function main() {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const guard = guardRun({ prefix: "lofteskollen-public-", watchdogMs: 5 * 60_000, log });
  const dir = guard.dir;
  try {
    const file = join(dir, "public.db");
    const prepared = await prepareDatabase(file, 3, { demo: true });
    prepared.store.closeNow();
    const server = await startServer("app", file);
    const rows: Row[] = [];
    try {
      for (const slug of SLUGS) {
        const page = await request(server.port, "GET", `/p/${slug}`, undefined, {});
        if (page.status !== 200) throw new Error(`GET /p/${slug}: ${page.status}`);
        const progress = JSON.parse((await request(server.port, "GET", `/api/public/promises/${slug}/progress`, undefined, {})).body) as PublicProgress;
        const stylesheets = [...page.body.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? "");
        const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? "");
        let cssBytes = 0;
        let cssGz = 0;
        for (const href of [...stylesheets, ...scripts]) {
          const asset = await request(server.port, "GET", href, undefined, {});
          if (asset.status !== 200) throw new Error(`GET ${href}: ${asset.status}`);
          cssBytes += Buffer.byteLength(asset.body);
          cssGz += gz(asset.body);
        }
        const figuresInHtml = progress.commitments.every((c) => numberInHtml(page.body, c.current?.actual ?? c.total.actual));
        const samples: number[] = [];
        for (let i = 0; i < 20 + REQUESTS; i++) {
          const started = performance.now();
          await request(server.port, "GET", `/p/${slug}`, undefined, {});
          if (i >= 20) samples.push(performance.now() - started);
        }
        const { p50, p95 } = summarize(samples);
        const htmlBytes = Buffer.byteLength(page.body);
        const htmlGz = gz(page.body);
        rows.push({ slug, commitments: progress.commitments.length, htmlBytes, htmlGz, cssBytes, cssGz, scripts: scripts.length, totalGz: htmlGz + cssGz, figuresInHtml, p50, p95 });
      }
    } finally {
      await server.stop();
      closeConnections();
    }

    log("# Public page benchmark");
    log("");
    log(`Run at ${new Date().toISOString()} with \`pnpm bench:public\`.`);
    log("");
    for (const fact of machineFacts(dir)) log(fact);
    log("");
    log("| promise | commitments | HTML | HTML gzipped | CSS + scripts | gzipped | first response + CSS, gzipped | figures in the HTML | p50 ms | p95 ms |");
    log("|---|---:|---:|---:|---:|---:|---:|:---:|---:|---:|");
    for (const r of rows) {
      log(`| ${r.slug} | ${r.commitments} | ${kb(r.htmlBytes)} | ${kb(r.htmlGz)} | ${kb(r.cssBytes)}${r.scripts ? ` (${r.scripts} script)` : ""} | ${kb(r.cssGz)} | **${kb(r.totalGz)}** | ${r.figuresInHtml ? "yes" : "no"} | ${ms(r.p50)} | ${ms(r.p95)} |`);
    }
    const worst = Math.max(...rows.map((r) => r.totalGz));
    log("");
    log("| target | measured | |");
    log("|---|---|:---:|");
    log(`| first response + CSS under 100 KB gzipped (largest promise) | ${kb(worst)} (${int(worst)} bytes) | **${worst < BUDGET_BYTES ? "met" : "missed"}** |`);
    log(`| the figures are in the HTML (no script needed) | ${rows.every((r) => r.figuresInHtml) ? "yes, every promise" : "no"} | **${rows.every((r) => r.figuresInHtml) ? "met" : "missed"}** |`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "public-latest.md"), `${lines.join("\n")}\n`);
    console.log(`\nWritten to ${join(RESULTS_DIR, "public-latest.md")}`);
    if (!rows.every((r) => r.figuresInHtml)) process.exitCode = 1;
  } finally {
    guard.done();
    guard.cleanup();
  }
}

await main();
