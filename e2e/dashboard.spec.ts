import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { getJson, postJson, shownTarget, swedishCount, today } from "./support/api";
import { signInAs } from "./support/demo-users";
import { SCREENSHOTS, screenshots } from "./support/screenshots";

type PromiseSummary = { id: number; title: string; area: string; startDate: string; endDate: string; example: boolean };
type Window = { start: string; end: string; target: number | null; actual: number; expectedToDate: number | null; status: string };
type CommitmentProgress = { commitmentId: number; title: string; cadence: string; status: string; current: Window | null; windows: Window[] };
type PromiseProgress = { commitments: CommitmentProgress[] };
type StatusCounts = Record<string, number>;
type ProgressSummary = { promises: { promiseId: number; statusCounts: StatusCounts }[] };

const WORST_FIRST = ["behind", "missed", "at_risk", "on_track", "met", "upcoming", "tracking"];

/** The demo's ongoing example promise: the one with live pace to look at. */
async function ongoingExample(page: Page): Promise<PromiseSummary> {
  const promises = await getJson<PromiseSummary[]>(page, "/api/promises");
  const example = promises.find((promise) => promise.example && promise.startDate <= today() && today() <= promise.endDate);
  if (!example) throw new Error("the demo data holds an ongoing invented example");
  return example;
}

test.beforeEach(async ({ page }) => {
  await signInAs(page, "manager");
});

test("the overview shows every promise as a card, worst first, with its commitments counted per status", async ({ page }) => {
  const promises = await getJson<PromiseSummary[]>(page, "/api/promises");
  const summary = await getJson<ProgressSummary>(page, `/api/progress?asOf=${today()}`);
  await page.goto("/");
  const cards = page.getByRole("list", { name: "Medborgarlöften, de som ligger sämst till först" }).getByRole("listitem").filter({
    has: page.getByRole("heading", { level: 3 }),
  });
  await expect(cards).toHaveCount(promises.length);

  // The first card is the promise with the most commitments behind plan (then missed, at risk …).
  const rank = (counts: StatusCounts) => WORST_FIRST.map((status) => counts[status] ?? 0);
  const worst = summary.promises.toSorted((a, b) => {
    const [x, y] = [rank(a.statusCounts), rank(b.statusCounts)];
    const index = x.findIndex((value, i) => value !== y[i]);
    return index === -1 ? 0 : (y[index] ?? 0) - (x[index] ?? 0);
  })[0];
  const worstTitle = promises.find((promise) => promise.id === worst?.promiseId)?.title ?? "";
  await expect(cards.first().getByRole("heading", { level: 3 })).toHaveText(worstTitle);

  // Each card's counts are the API's.
  for (const item of summary.promises) {
    const title = promises.find((promise) => promise.id === item.promiseId)?.title ?? "";
    const counts = page.getByRole("list", { name: `Åtagandena i ${title} per status` });
    for (const [status, count] of Object.entries(item.statusCounts)) {
      const entry = counts.getByRole("listitem").filter({ has: page.locator(`[data-status="${status}"]`) });
      if (count === 0) await expect(entry).toHaveCount(0);
      else await expect(entry).toContainText(String(count));
    }
  }
  await expectNoSeriousA11yViolations(page, "the overview");
  await screenshots(page, "dashboard-overview");

  // Filters: by area, then by a status, both kept in the address.
  const area = promises[0]?.area ?? "";
  await page.getByLabel("Område", { exact: true }).selectOption(area);
  await expect(page).toHaveURL(new RegExp(`omrade=${encodeURIComponent(area).replace(/%20/g, "\\+")}`));
  await expect(cards).toHaveCount(promises.filter((promise) => promise.area === area).length);
  await page.getByLabel("Område", { exact: true }).selectOption("");
  await page.getByLabel("Har åtaganden som är").selectOption("tracking");
  const withTracking = summary.promises.filter((item) => (item.statusCounts.tracking ?? 0) > 0).length;
  await expect(cards).toHaveCount(withTracking);
  await expect(page.getByText(`Visar ${withTracking} av ${promises.length} medborgarlöften.`)).toBeVisible();
});

test("a manager goes from the overview to a promise and a commitment, and the numbers are the API's", async ({ page }) => {
  const example = await ongoingExample(page);
  const progress = await getJson<PromiseProgress>(page, `/api/promises/${example.id}/progress?asOf=${today()}`);

  await page.goto("/");
  await page.getByRole("link", { name: example.title }).click();
  await expect(page.getByRole("heading", { level: 2, name: example.title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Skola" })).toBeVisible();

  for (const commitment of progress.commitments) {
    const card = page.getByRole("listitem", { name: commitment.title, exact: true });
    await expect(card.locator(".status").first()).toHaveAttribute("data-status", commitment.status);
    const window = commitment.current;
    if (window?.target != null && window.expectedToDate !== null) {
      await expect(card).toContainText(
        `${swedishCount(window.actual)} av ${swedishCount(shownTarget(window.target))}`,
      );
      await expect(card).toContainText(`(förväntat hittills ${swedishCount(shownTarget(window.expectedToDate))})`);
    }
  }
  await expect(page.getByText(/behöver [\d,]+ per vecka/).first()).toBeVisible();
  // The trend charts load lazily and draw bars.
  await expect(page.locator('[data-chart="trend"] .recharts-bar-rectangle').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the promise page");
  await screenshots(page, "dashboard-promise");

  const behind = progress.commitments.find((commitment) => commitment.current?.target != null) ?? progress.commitments[0];
  await page.getByRole("link", { name: behind?.title ?? "", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: behind?.title })).toBeVisible();
  const figures = page.locator(".figures");
  await expect(figures.locator('[data-figure="actual"]')).toContainText(swedishCount(behind?.current?.actual ?? 0));
  await expect(figures.locator('[data-figure="target"]')).toContainText(swedishCount(shownTarget(behind?.current?.target ?? 0)));
  await expect(page.locator('[data-chart="burnup"] .recharts-line').first()).toBeVisible();
  await expect(page.locator('[data-chart="bars"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Per aktör" })).toBeVisible();
  await expect(page.locator(".activity-table tbody tr").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the commitment page");
  await screenshots(page, "dashboard-commitment");
});

test("time travel: an as-of date and a window that every number follows, shared by the address", async ({ page }) => {
  const promises = await getJson<PromiseSummary[]>(page, "/api/promises");
  const nordost = promises.find((promise) => !promise.example && promise.endDate < today() && promise.area === "Nordost");
  if (!nordost) throw new Error("the demo data holds Nordost 2023–2024");
  const asOf = "2023-12-31";
  const progress = await getJson<PromiseProgress>(page, `/api/promises/${nordost.id}/progress?asOf=${asOf}`);
  const yearly = progress.commitments.find((commitment) => commitment.cadence === "year" && commitment.current?.target != null);
  if (!yearly?.current) throw new Error("Nordost has a yearly commitment with a target");

  await page.goto(`/loften/${nordost.id}`);
  await page.getByLabel("Läget per").fill(asOf);
  await expect(page).toHaveURL(new RegExp(`per=${asOf}`));
  await expect(page.getByText(`Visar läget som det var ${asOf}.`)).toBeVisible();
  const card = page.getByRole("listitem", { name: yearly.title, exact: true });
  await expect(card).toContainText(`${swedishCount(yearly.current.actual)} av ${swedishCount(shownTarget(yearly.current.target ?? 0))}`);
  await expect(card.locator(".status").first()).toHaveAttribute("data-status", yearly.status);

  // The commitment page keeps the date; its window selector offers each year and the whole period.
  await card.getByRole("link", { name: yearly.title }).click();
  await expect(page).toHaveURL(new RegExp(`per=${asOf}`));
  const select = page.getByLabel("Mät över");
  await expect(select.locator("option")).toHaveText(["Aktuellt år", "2023", "2024", "Hela perioden"]);
  await select.selectOption({ label: "Hela perioden" });
  await expect(page).toHaveURL(/fonster=hela/);
  const total = yearly.windows.reduce((sum, window) => sum + (window.target ?? 0), 0);
  await expect(page.locator('.figures [data-figure="target"]')).toContainText(swedishCount(shownTarget(total)));
  await expect(page.getByRole("heading", { name: "Utfört mot mål, hela perioden" })).toBeVisible();

  // The address alone brings back the same view: a link to share.
  const shared = page.url();
  await page.goto("/");
  await page.goto(shared);
  await expect(page.getByLabel("Läget per")).toHaveValue(asOf);
  await expect(page.getByLabel("Mät över")).toHaveValue("period");
  await expectNoSeriousA11yViolations(page, "the commitment page in the past");
  await screenshots(page, "dashboard-time-travel");
});

test("exports: the progress table and the activities as CSV that Excel reads, a chart as PNG", async ({ page }) => {
  const example = await ongoingExample(page);
  const progress = await getJson<PromiseProgress>(page, `/api/promises/${example.id}/progress?asOf=${today()}`);
  await page.goto(`/loften/${example.id}`);

  const [progressCsv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ner tabellen (CSV)" }).click()]);
  const progressBytes = readFileSync(await progressCsv.path());
  expect([...progressBytes.subarray(0, 3)], "UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  const progressText = progressBytes.toString("utf8");
  expect(progressText).toContain("Åtagande;");
  expect(progressText.trim().split("\r\n")).toHaveLength(progress.commitments.length + 1);
  for (const commitment of progress.commitments) expect(progressText).toContain(commitment.title);

  const first = progress.commitments[0];
  await page.getByRole("link", { name: first?.title ?? "", exact: true }).click();
  const [activitiesCsv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Ladda ner aktiviteterna (CSV)" }).click(),
  ]);
  expect(activitiesCsv.suggestedFilename()).toMatch(/\.csv$/);
  const activitiesText = readFileSync(await activitiesCsv.path()).toString("utf8");
  expect(activitiesText.charCodeAt(0)).toBe(0xfeff);
  expect(activitiesText).toContain("Datum;");

  const burnup = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: /^Utfört mot mål/ }) }).first();
  await expect(burnup.locator(".recharts-line").first()).toBeVisible();
  const [png] = await Promise.all([page.waitForEvent("download"), burnup.getByRole("button", { name: /Spara som bild/ }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const pngBytes = readFileSync(await png.path());
  expect([...pngBytes.subarray(0, 8)], "PNG signature").toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngBytes.length, "a chart, not an empty picture").toBeGreaterThan(20_000);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-export-1440x900.png` });
});

test("the SPEC's worked example shows the SPEC's numbers, from the real API", async ({ page, browser }) => {
  // Set up by an admin (a manager plans, coordinators and admins log); looked at by the manager.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin");
  // SPEC §3: 2024-02-27 – 2025-12-31, "minst 100 per år", 30 activities by 2024-07-01.
  const created = await postJson<{ id: number; commitments: { id: number }[] }>(admin, "/api/promises", {
    title: "Räkneexemplet (test)",
    area: "Hisings Backa",
    startDate: "2024-02-27",
    endDate: "2025-12-31",
    status: "draft",
    commitments: [
      { title: "Minst 100 per år", activityType: "outreach", unit: "tillfällen", target: 100, cadence: "year", organisations: ["Fältenheten"] },
    ],
  });
  const commitmentId = created.commitments[0]?.id;
  await postJson(admin, "/api/activities/batch", {
    activities: [
      { commitmentId, occurredAt: "2024-03-01", quantity: 10 },
      { commitmentId, occurredAt: "2024-05-02", quantity: 19 },
      { commitmentId, occurredAt: "2024-07-01T21:30:00+02:00", quantity: 1 },
      // After the as-of date: not counted on 1 July.
      { commitmentId, occurredAt: "2024-07-02", quantity: 50 },
    ],
  });
  await adminContext.close();

  await page.goto(`/loften/${created.id}/ataganden/${commitmentId}?per=2024-07-01`);
  const figures = page.locator(".figures");
  await expect(figures.locator('[data-figure="actual"]')).toHaveText("Utfört (tillfällen)30");
  await expect(figures.locator('[data-figure="target"]')).toHaveText("Mål85");
  await expect(figures.locator('[data-figure="expected"]')).toHaveText("Förväntat hittills35");
  await expect(figures.locator('[data-figure="forecast"]')).toHaveText("Prognos vid slutet74");
  await expect(figures.locator('[data-figure="needed"]')).toHaveText("Behövs per vecka2,1");
  await expect(page.getByRole("heading", { level: 2 }).locator("..").locator(".status")).toHaveAttribute("data-status", "at_risk");

  await page.goto(`/loften/${created.id}?per=2024-07-01`);
  await expect(page.getByRole("listitem", { name: "Minst 100 per år" })).toContainText("30 av 85 tillfällen (förväntat hittills 35)");
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-worked-example-1440x900.png` });
});
