import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";

// E2E_PORT lets two runs on one machine use different ports.
const PORT = Number(process.env.E2E_PORT ?? 8788);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 30_000,
  // The JSON reporter writes to PLAYWRIGHT_JSON_OUTPUT_NAME (set by `npm test`); without it,
  // it would print the whole report to the terminal, so it is left out then.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  outputDir: "test-results/playwright",
  use: {
    baseURL,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // Serves apps/web/dist: build the web app first (`pnpm --filter @lofteskollen/web build`).
    command: "node e2e/start-server.mjs",
    url: `${baseURL}/api/health`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    // SIGTERM first, so the API closes its database and start-server.mjs removes the folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
