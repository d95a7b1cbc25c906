/**
 * The browser of the browser tests and the dashboard benchmark: Debian's Chromium (STACK.md:
 * Playwright's own browser download is not available here), with flags that keep a headless run
 * quiet and the same every time.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
