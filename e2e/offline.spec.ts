import { expect, type Page, test } from "@playwright/test";
import { getJson, today } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { type ActivityPage, outreachCommitment } from "./support/demo-data";
import { signInAs } from "./support/demo-users";

const SCREENSHOTS = "test-results/screenshots";
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Opens the quick log once the service worker controls the page, so that its reads are cached for offline use. */
async function openControlled(page: Page) {
  await page.goto("/registrera");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole("heading", { level: 2, name: "Registrera aktivitet" })).toBeVisible();
}

async function activityIds(page: Page, commitmentId: number): Promise<number[]> {
  const response = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitmentId}&limit=500`);
  return response.items.map((item) => item.id);
}

test("the app is installable: a manifest in Swedish and a service worker", async ({ page }) => {
  await signInAs(page, "coordinator");
  await openControlled(page);
  const manifest = await getJson<{ name: string; lang: string; start_url: string; display: string; icons: { sizes: string }[] }>(page, "/manifest.webmanifest");
  expect(manifest).toMatchObject({ name: "Löfteskollen", lang: "sv", start_url: "/registrera", display: "standalone" });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
});

test("offline: three activities wait on the phone through a reload and are sent exactly once when the network returns", async ({ page, context }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const before = await activityIds(page, commitment.id);
  await openControlled(page);
  // The commitments loaded (and so cached by the service worker) before the network goes.
  await expect(page.getByRole("button", { name: new RegExp(`^${commitment.title}`) })).toBeVisible();

  await context.setOffline(true);
  for (const quantity of [1, 2, 3]) {
    await page.getByRole("button", { name: new RegExp(`^${commitment.title}`) }).tap();
    for (let i = 1; i < quantity; i++) await page.getByRole("button", { name: "Öka antalet" }).tap();
    await page.getByRole("button", { name: "Spara" }).tap();
    await expect(page.getByText(`Sparad på telefonen: ${commitment.title}. Den skickas när du har nät igen.`)).toBeVisible();
  }
  await expect(page.getByText("Väntar på nät")).toHaveCount(3);
  await page.screenshot({ path: `${SCREENSHOTS}/offline-queued-390x844.png`, fullPage: true });

  // A reload without network: the app shell and the commitments come from the service worker,
  // the three entries from the device's storage.
  await page.reload();
  await expect(page.getByRole("heading", { level: 3, name: "3 registreringar på telefonen" })).toBeVisible();
  await expect(page.getByText("Väntar på nät")).toHaveCount(3);
  await expectNoSeriousA11yViolations(page, "the quick log offline");
  await page.screenshot({ path: `${SCREENSHOTS}/offline-after-reload-390x844.png`, fullPage: true });

  await context.setOffline(false);
  await expect(page.getByText("Väntar på nät")).toHaveCount(0, { timeout: 15_000 });
  const after = await activityIds(page, commitment.id);
  const added = after.filter((id) => !before.includes(id));
  expect(added, "exactly three new activities on the server").toHaveLength(3);
  const items = (await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=10`)).items.filter((item) =>
    added.includes(item.id),
  );
  expect(items.map((item) => item.quantity).toSorted()).toEqual([1, 2, 3]);

  // Sending again (another online event, a second sync) creates nothing more.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(500);
  expect(await activityIds(page, commitment.id)).toHaveLength(after.length);
  await page.screenshot({ path: `${SCREENSHOTS}/offline-sent-390x844.png`, fullPage: true });
});

test("offline: an entry the server refuses is shown with its reason and can be discarded", async ({ page, context }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  await openControlled(page);
  // The commitments loaded (and so cached by the service worker) before the network goes.
  const pick = page.getByRole("button", { name: new RegExp(`^${commitment.title}`) });
  await expect(pick).toBeVisible();

  // A phone whose clock runs two days ahead: the entry is dated "today" on the phone, which is
  // in the future for the server.
  const ahead = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  await page.clock.setFixedTime(ahead);
  await context.setOffline(true);
  await pick.tap();
  await page.getByRole("button", { name: "Spara" }).tap();
  await expect(page.getByText("Väntar på nät")).toHaveCount(1);

  await context.setOffline(false);
  const refusal = page.getByRole("alert").filter({ hasText: "Kunde inte registreras:" });
  await expect(refusal).toBeVisible({ timeout: 15_000 });
  await expect(refusal).toContainText(/har inte hänt än/);
  await page.screenshot({ path: `${SCREENSHOTS}/offline-refused-390x844.png`, fullPage: true });
  expect(today() < ahead.toISOString().slice(0, 10)).toBe(true);

  await page.getByRole("button", { name: "Ta bort" }).tap();
  await page.getByRole("button", { name: "Ja, ta bort den" }).tap();
  await expect(page.getByText("Kunde inte registreras:")).toHaveCount(0);
});
