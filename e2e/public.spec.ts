import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expectNoHorizontalScroll } from "./support/layout";
import { getJson, postJson, swedishCount, today } from "./support/api";
import { signInAs } from "./support/demo-users";

// Issue 6: what a citizen sees without signing in — the public page, the presentation for a
// medborgardialog, the printed sheet, the embed widget and a frozen snapshot. Screenshots go to
// test-results/screenshots (looked at when the pages change).

const SCREENSHOTS = "test-results/screenshots";
const SLUG = "hisings-backa-2024-2025";

type Window = { actual: number; target: number | null };
type PublicCommitment = { commitmentId: number; title: string; status: string; current: Window | null; total: { actual: number; target: number | null } };
type PublicProgress = { asOf: string; promise: { title: string; slug: string }; commitments: PublicCommitment[] };

/** What a commitment "has done so far" as the pages show it: its current window, else the whole period. */
const doneOf = (commitment: PublicCommitment) => commitment.current?.actual ?? commitment.total.actual;

async function publicProgress(page: Page, slug = SLUG): Promise<PublicProgress> {
  const response = await page.request.get(`/api/public/promises/${slug}/progress`);
  expect(response.status()).toBe(200);
  return (await response.json()) as PublicProgress;
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test("the public page shows what was promised and what was done, on a phone and a laptop, without signing in", async ({ page }) => {
  const progress = await publicProgress(page);
  await page.goto(`/p/${SLUG}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(progress.promise.title);
  for (const commitment of progress.commitments) await expect(page.locator("body")).toContainText(commitment.title);
  // The figures: every commitment's "done so far" is on the page.
  const text = (await page.locator("main").innerText()).replace(/[\u00a0\u202f]/g, " ");
  for (const commitment of progress.commitments) expect(text).toContain(swedishCount(doneOf(commitment)).replace(/[\u00a0\u202f]/g, " "));
  await expect(page.locator("body")).not.toContainText(/undefined|NaN|\[object/);
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SCREENSHOTS}/public-page-${viewport.width}x${viewport.height}.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/public-page-${viewport.width}x${viewport.height}-full.png`, fullPage: true });
  }
  await expectNoSeriousA11yViolations(page, "the public page");
});

test("the public page carries its figures in the HTML: they are there with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const progress = await publicProgress(page);
  await page.goto(`/p/${SLUG}`);
  const text = (await page.locator("main").innerText()).replace(/[\u00a0\u202f]/g, " ");
  for (const commitment of progress.commitments) expect(text).toContain(swedishCount(doneOf(commitment)).replace(/[\u00a0\u202f]/g, " "));
  await context.close();
});

test("presentation mode: one slide at a time at 1920×1080, arrow keys and clicker keys, a closing slide with contact and QR code", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`/p/${SLUG}/visa`);
  const slides = page.locator("section.slide");
  const count = await slides.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 1; i <= count; i++) {
    const slide = page.locator(`#bild-${i}`);
    await expect(slide).toBeInViewport({ ratio: 0.9 });
    // Nothing cut off: the slide's content fits the screen.
    const overflow = await slide.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow, `slide ${i} overflows`).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SCREENSHOTS}/presentation-${String(i).padStart(2, "0")}-1920x1080.png` });
    if (i === 1) await expectNoSeriousA11yViolations(page, "the presentation");
    if (i < count) await page.keyboard.press(i % 2 ? "ArrowRight" : "PageDown"); // a clicker sends PageDown
  }
  await expect(page.locator(`#bild-${count}`).locator("svg")).toBeVisible(); // the QR code
  await page.keyboard.press("PageUp");
  await expect(page.locator(`#bild-${count - 1}`)).toBeInViewport({ ratio: 0.9 });
  await page.keyboard.press("Home");
  await expect(page.locator("#bild-1")).toBeInViewport({ ratio: 0.9 });
});

test("the printed summary is one or two A4 pages with the figures, checked as a PDF and looked at as pictures", async ({ page }, testInfo) => {
  const progress = await publicProgress(page);
  await page.goto(`/p/${SLUG}/utskrift`);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const file = testInfo.outputPath("utskrift.pdf");
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");
  expect(text).toContain(progress.promise.title.split("–")[0]?.trim() ?? progress.promise.title);
  for (const commitment of progress.commitments) expect(text).toContain(swedishCount(doneOf(commitment)).replace(/[\u00a0\u202f]/g, " "));
  execFileSync("pdftoppm", ["-png", "-r", "80", file, `${SCREENSHOTS}/utskrift`]);
  expect(readdirSync(SCREENSHOTS).filter((name) => name.startsWith("utskrift")).length).toBe(pages);
});

test("the embed widget may be framed by another site; every other page may not", async ({ page }) => {
  const embed = await page.request.get(`/p/${SLUG}/embed`);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  const publicPage = await page.request.get(`/p/${SLUG}`);
  expect(publicPage.headers()["x-frame-options"]).toBe("DENY");
  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(`/p/${SLUG}/embed`);
  await expect(page.getByRole("link", { name: /Läs mer/ })).toHaveAttribute("href", new RegExp(`/p/${SLUG}$`));
  await page.screenshot({ path: `${SCREENSHOTS}/embed-420x600.png` });
  await expectNoSeriousA11yViolations(page, "the embed widget");
});

test("a snapshot for a medborgardialog keeps its figures after new activities are logged", async ({ page, browser }) => {
  // An admin both freezes the figures (as a manager may) and logs an activity (as a coordinator may).
  await signInAs(page, "admin");
  const promises = await getJson<{ id: number; slug: string }[]>(page, "/api/promises");
  const promise = promises.find((p) => p.slug === SLUG);
  expect(promise).toBeDefined();
  const snapshot = await postJson<{ url: string; slug: string }>(page, `/api/promises/${promise?.id}/snapshots`, { asOf: today(), title: "Medborgardialog Backa (test)" });
  const anonymous = await browser.newContext();
  const citizen = await anonymous.newPage();
  const frozen = await (await citizen.request.get(`/api/public/snapshots/${snapshot.slug}`)).json();
  const detail = await getJson<{ commitments: { id: number }[] }>(page, `/api/promises/${promise?.id}`);
  const commitmentId = detail.commitments[0]?.id;
  const liveBefore = await publicProgress(citizen);
  // The promise period has ended (2025-12-31): a late report for its last day.
  await postJson(page, "/api/activities", { commitmentId, occurredAt: "2025-12-30", quantity: 7 });
  const liveAfter = await publicProgress(citizen);
  const totalOf = (progress: PublicProgress) => progress.commitments.find((c) => c.commitmentId === commitmentId)?.total.actual ?? 0;
  expect(totalOf(liveAfter)).toBe(totalOf(liveBefore) + 7);
  expect(await (await citizen.request.get(`/api/public/snapshots/${snapshot.slug}`)).json()).toEqual(frozen);
  await citizen.goto(snapshot.url);
  await expect(citizen.locator("body")).toContainText("Medborgardialog Backa (test)");
  await citizen.setViewportSize({ width: 390, height: 844 });
  await citizen.screenshot({ path: `${SCREENSHOTS}/snapshot-390x844.png` });
  await anonymous.close();
});
