import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The public pages' two files: one stylesheet and the presentation's navigation script. Read once
 * at start; their URLs carry a hash of the content (`?v=…`), so browsers may keep them for a year
 * and a new version is fetched as soon as a page names it.
 */
export type Asset = { path: string; body: string; contentType: string; version: string; url: string };

function asset(name: string, contentType: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
  const version = createHash("sha256").update(body).digest("hex").slice(0, 12);
  const path = `/p/assets/${name}`;
  return { path, body, contentType, version, url: `${path}?v=${version}` };
}

export const STYLESHEET = asset("public.css", "text/css; charset=utf-8");
export const PRESENT_SCRIPT = asset("present.js", "text/javascript; charset=utf-8");
export const ASSETS = [STYLESHEET, PRESENT_SCRIPT];
