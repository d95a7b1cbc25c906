import { expect, type Locator, type Page, test } from "@playwright/test";
import { today } from "./support/api";
import { activitiesOf, daysBefore, outreachCommitment } from "./support/demo-data";
import { signInAs } from "./support/demo-users";

test.use({ viewport: { width: 390, height: 844 } });

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} was not reached with ${most} presses of Tab`);
}

test("a coordinator logs an activity with the keyboard alone, and the focus is visible", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const before = (await activitiesOf(page, commitment.id, 1))[0]?.id;
  await page.goto("/registrera");
  const pick = page.getByRole("button", { name: new RegExp(`^${commitment.title}`) });
  await tabTo(page, pick);
  expect(await pick.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  const save = page.getByRole("button", { name: "Spara" });
  await tabTo(page, save);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Sparat: ${commitment.title}, antal 1, ${today()}.`)).toBeVisible();
  expect((await activitiesOf(page, commitment.id, 1))[0]?.id).not.toBe(before);
});

test("the week grid and the import page are filled in and sent with the keyboard alone", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  await page.goto(`/registrera/vecka?vecka=${daysBefore(today(), 14)}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(commitment.title) }) });
  await tabTo(page, row.getByRole("textbox").first());
  await page.keyboard.type("4");
  const save = page.getByRole("button", { name: "Spara 1 registrering" });
  await tabTo(page, save);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/^Sparat: 1 registrering för vecka \d+\.$/)).toBeVisible();

  await page.goto("/registrera/import");
  const file = page.getByLabel("Fil att importera");
  await tabTo(page, file);
  // The native file dialog opens on Enter; Playwright answers it as the person would.
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({
    name: "lista.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`Vad;När;Hur många\r\n${commitment.id};${daysBefore(today(), 20)};2\r\n`, "utf8"),
  });
  const commitmentColumn = page.getByLabel(/^Åtagande/);
  await tabTo(page, commitmentColumn);
  await page.keyboard.press("ArrowDown"); // "Vad"
  const dateColumn = page.getByLabel(/^Datum/);
  await tabTo(page, dateColumn);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // "När"
  const quantityColumn = page.getByLabel(/^Antal/);
  await tabTo(page, quantityColumn);
  await page.keyboard.press("End"); // "Hur många"
  await expect(commitmentColumn).toHaveValue("Vad");
  await expect(dateColumn).toHaveValue("När");
  await expect(quantityColumn).toHaveValue("Hur många");
  const run = page.getByRole("button", { name: "Importera 1 rad" });
  await expect(run).toBeEnabled();
  await tabTo(page, run);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Importerat: 1 registrering.")).toBeVisible();
});
