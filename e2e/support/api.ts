import type { Page } from "@playwright/test";

/** Today in Europe/Stockholm, the app's calendar. */
export function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
}

/** GET a JSON resource of the API with the page's session (what the page itself would see). */
export async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends JSON as the page's signed-in user (same origin, as the browser would). */
export async function postJson<T>(page: Page, path: string, body: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data: body, headers: { Origin: origin } });
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A whole number rounded up, as the app shows targets ("84,43" → 85). */
export const shownTarget = (value: number) => Math.ceil(value - 1e-9);

/** A count with Swedish digit grouping (non-breaking space): "3 500". */
export const swedishCount = (value: number) => new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 }).format(Math.round(value));
