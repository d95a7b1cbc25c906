import { expect, test } from "@playwright/test";
import { getJson, today } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { type ActivityPage, activitiesOf, daysBefore, outreachCommitment } from "./support/demo-data";
import { signInAs } from "./support/demo-users";

const SCREENSHOTS = "test-results/screenshots";
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test("a coordinator logs an activity in at most three taps on a phone, and can undo it", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const before = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=1`);

  await page.goto("/registrera");
  await expect(page.getByRole("heading", { level: 2, name: "Registrera aktivitet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the quick log's list");
  await page.screenshot({ path: `${SCREENSHOTS}/quick-log-list-390x844.png`, fullPage: true });

  let taps = 0;
  await page.getByRole("button", { name: new RegExp(`^${commitment.title}`) }).tap();
  taps++;
  await expect(page.getByRole("heading", { level: 3, name: commitment.title })).toBeVisible();
  await expect(page.getByRole("button", { name: "I dag" })).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousA11yViolations(page, "the quick log's form");
  await page.screenshot({ path: `${SCREENSHOTS}/quick-log-form-390x844.png` });
  await page.getByRole("button", { name: "Spara" }).tap();
  taps++;
  expect(taps, "taps after opening the page").toBeLessThanOrEqual(3);

  await expect(page.getByText(`Sparat: ${commitment.title}, antal 1, ${today()}.`)).toBeVisible();
  await expect(page.getByText(/^Nu [\d\s]+ av [\d\s]+ /)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/quick-log-saved-390x844.png`, fullPage: true });

  const after = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=1`);
  const newest = after.items[0];
  expect(newest?.id).not.toBe(before.items[0]?.id);
  expect(newest).toMatchObject({ localDate: today(), quantity: 1, voidedAt: null });

  await page.getByRole("button", { name: "Ångra" }).tap();
  await expect(page.getByText(/är ångrad/)).toBeVisible();
  const undone = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=1`);
  expect(undone.items[0]).toMatchObject({ id: newest?.id, voidReason: "Ångrad direkt efter registreringen" });
  expect(undone.items[0]?.voidedAt).not.toBeNull();
  await page.screenshot({ path: `${SCREENSHOTS}/quick-log-undone-390x844.png`, fullPage: true });
});

test("the quick log refuses a personnummer in the note in plain Swedish, before sending", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  await page.goto(`/registrera?atagande=${commitment.id}`);
  await page.getByLabel("Anteckning (valfritt)").fill("Träffade 811218-9876 vid torget");
  await expect(page.getByRole("alert")).toContainText("ser ut som ett personnummer");
  await page.screenshot({ path: `${SCREENSHOTS}/quick-log-privacy-390x844.png`, fullPage: true });
});

test("a week's paper list goes in through the week grid as one batch", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const anyDayLastWeek = daysBefore(today(), 7);
  await page.goto(`/registrera/vecka?vecka=${anyDayLastWeek}`);
  await expect(page.getByRole("heading", { level: 2, name: "Registrera en vecka" })).toBeVisible();

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(commitment.title) }) });
  const cells = row.getByRole("textbox");
  await cells.nth(0).fill("3");
  await cells.nth(2).fill("2");
  await expect(row.locator(".grid-table__sum")).toHaveText("5");
  await expectNoSeriousA11yViolations(page, "the week grid");
  await page.screenshot({ path: `${SCREENSHOTS}/week-grid-390x844.png`, fullPage: true });

  const before = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=200`);
  await page.getByRole("button", { name: "Spara 2 registreringar" }).tap();
  await expect(page.getByText(/^Sparat: 2 registreringar för vecka \d+\.$/)).toBeVisible();
  const after = await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitment.id}&limit=200`);
  const added = after.items.filter((item) => !before.items.some((old) => old.id === item.id));
  expect(added.map((item) => item.quantity).toSorted()).toEqual([2, 3]);
  await page.screenshot({ path: `${SCREENSHOTS}/week-grid-saved-390x844.png`, fullPage: true });
});

test("a coordinator corrects an activity from the commitment's list: the original is voided and linked to its correction", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const origin = new URL(page.url()).origin;
  const logged = await page.request.post("/api/activities", {
    data: { commitmentId: commitment.id, occurredAt: daysBefore(today(), 2), quantity: 1, organisation: "Fältenheten", place: "Hjällbo centrum" },
    headers: { Origin: origin },
  });
  expect(logged.status()).toBe(201);
  const original = (await logged.json()) as { id: number };

  await page.goto(`/loften/${commitment.promiseId}/ataganden/${commitment.id}`);
  const row = page.locator(`tr[data-activity-id="${original.id}"]`);
  await row.getByRole("button", { name: /^Rätta/ }).tap();
  const form = page.getByRole("form", { name: /^Rätta aktiviteten/ });
  await form.getByLabel("Antal").fill("3");
  await form.getByLabel("Varför rättas den?").fill("Tre pass samma kväll, inte ett");
  await expectNoSeriousA11yViolations(page, "the correction form");
  await form.screenshot({ path: `${SCREENSHOTS}/correction-form-390x844.png` });
  await form.getByRole("button", { name: "Spara rättelsen" }).tap();
  await expect(form).toBeHidden();

  const items = await activitiesOf(page, commitment.id, 50);
  const voided = items.find((item) => item.id === original.id);
  const correction = items.find((item) => item.replacesId === original.id);
  expect(correction).toMatchObject({ quantity: 3, place: "Hjällbo centrum", voidedAt: null });
  expect(voided).toMatchObject({ replacedById: correction?.id, voidReason: "Tre pass samma kväll, inte ett" });
  await expect(page.locator(`tr[data-activity-id="${correction?.id}"]`)).toContainText(`rättelse av nr ${original.id}`);
  await expect(row).toContainText(`Ersatt av nr ${correction?.id}.`);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/correction-history-390x844.png` });
});
