import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/demo-users";

type PromiseSummary = { id: number; title: string; startDate: string; endDate: string; example: boolean };
type PromiseProgress = { commitments: { title: string; status: string }[] };

const STATUS_TEXTS = ["Uppnått", "I fas", "Risk", "Efter plan", "Ej uppnått", "Kommande", "Följs (utan mål)"];
const SCREENSHOTS = "test-results/screenshots";

/** Today in Europe/Stockholm, the app's calendar. */
function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
}

async function openStartPage(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Löfteskollen" })).toBeVisible();
  // The overview is the last thing to load.
  await expect(page.getByRole("list", { name: "Åtaganden", exact: true })).toBeVisible();
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page is wider than the screen").toBeLessThanOrEqual(0);
}

// The start page is for signed-in users: a viewer sees everything a manager reads.
test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer");
});

test("the start page lists the three demo promises with their periods", async ({ page }) => {
  const promises = (await (await page.request.get("/api/promises")).json()) as PromiseSummary[];
  expect(promises).toHaveLength(3);

  await openStartPage(page);
  const list = page.getByRole("region", { name: "Medborgarlöften" });
  await expect(list.getByRole("heading", { level: 3 })).toHaveCount(3);
  for (const promise of promises) {
    const item = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: promise.title, exact: true }) });
    await expect(item).toContainText(`${promise.startDate} – ${promise.endDate}`);
    await expect(item).toContainText(/Pågår|Avslutat|Kommande/);
  }
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
});

test("the invented example is marked as invented, the real promises are not", async ({ page }) => {
  const promises = (await (await page.request.get("/api/promises")).json()) as PromiseSummary[];
  const example = promises.find((promise) => promise.example);
  expect(example, "the demo data holds an invented example").toBeTruthy();

  await openStartPage(page);
  const list = page.getByRole("region", { name: "Medborgarlöften" });
  await expect(list.getByText("Påhittat exempel", { exact: true })).toHaveCount(1);
  const exampleItem = list
    .getByRole("listitem")
    .filter({ has: page.getByText("Påhittat exempel", { exact: true }) });
  await expect(exampleItem.getByRole("heading")).toHaveText(example?.title ?? "");
  await expect(exampleItem).toContainText("Det här är inte ett verkligt medborgarlöfte.");
  // The overview of the example says so too, for whoever sees only that part (a projector).
  await expect(page.getByRole("region", { name: "Så går det" }).getByText("Påhittat exempel", { exact: true })).toBeVisible();
});

test("the overview shows today's progress of the ongoing promise with statuses in words", async ({ page }) => {
  const date = today();
  const promises = (await (await page.request.get("/api/promises")).json()) as PromiseSummary[];
  const ongoing = promises.find((promise) => promise.startDate <= date && date <= promise.endDate);
  expect(ongoing, "the demo example runs through today").toBeTruthy();
  const progress = (await (await page.request.get(`/api/promises/${ongoing?.id}/progress?asOf=${date}`)).json()) as PromiseProgress;

  await openStartPage(page);
  const overview = page.getByRole("region", { name: "Så går det" });
  await expect(overview).toContainText(ongoing?.title ?? "");
  await expect(overview).toContainText(`Läget i dag, ${date}`);

  const items = overview.getByRole("list", { name: "Åtaganden", exact: true }).getByRole("listitem");
  await expect(items).toHaveCount(progress.commitments.length);
  for (const [index, commitment] of progress.commitments.entries()) {
    const item = items.nth(index);
    await expect(item.getByRole("heading", { level: 3 })).toHaveText(commitment.title);
    const status = item.locator(".status");
    await expect(status).toHaveAttribute("data-status", commitment.status);
    const text = (await status.innerText()).trim();
    expect(STATUS_TEXTS.some((label) => text.endsWith(label)), `status text "${text}"`).toBe(true);
    expect(text.length, "the status has an icon besides its words").toBeGreaterThan(text.replace(/^[^\p{L}]+/u, "").length);
  }
  // Live pace: the demo holds commitments that still need a weekly pace.
  await expect(overview.getByText(/behöver [\d,]+ per vecka/).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/undefined|NaN|\[object/);
});

test("the page speaks English on request and Swedish again", async ({ page }) => {
  await openStartPage(page);
  await page.getByRole("button", { name: "Byt språk till engelska" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Citizen promises" })).toBeVisible();
  await expect(page.getByText("Invented example", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "How it is going" })).toContainText(/Behind|On track|Met/);
  await expect(page.locator("body")).not.toContainText(/undefined|NaN/);
  await page.screenshot({ path: `${SCREENSHOTS}/start-english-1280x720.png` });
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Switch language to Swedish" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Medborgarlöften" })).toBeVisible();
});

for (const viewport of [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1440, height: 900 },
]) {
  test(`the start page fits a ${viewport.name} screen (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openStartPage(page);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SCREENSHOTS}/start-${viewport.width}x${viewport.height}.png` });
    // The full page with the status explanation opened: everything a reader can unfold.
    await page.getByText("Vad betyder statusen?").click();
    await expect(page.getByText("Tiden som visas är slut och målet nåddes inte.")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SCREENSHOTS}/start-${viewport.width}x${viewport.height}-full.png`, fullPage: true });
  });
}
