import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { signInAs } from "./support/demo-users";
import { SCREENSHOTS, screenshots } from "./support/screenshots";

// Issue 7, part 5: an admin adds a coordinator, gives them organisations, sees where they are
// signed in and signs them out, sets a new password, and creates and revokes an API key for them
// — the coordinator in a browser of their own. Screenshots go to test-results/screenshots.


/** The panel of the user page under the heading `name`. */
const panel = (page: Page, name: string): Locator =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test("an admin adds a coordinator, signs them out, resets their password and manages their API key", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const person = { name: "Elin Exempelsson", email: "elin.exempelsson@kommun.example", password: "blåbär i skogen vid sjön" };

  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Användare" }).click();
  await expect(page).toHaveURL(/\/anvandare$/);
  await expect(page.getByRole("heading", { level: 2, name: "Användare" })).toBeVisible();
  await expect(page.getByRole("rowheader").first()).toBeVisible();

  // Add the coordinator: one organisation now, a second on their page.
  const form = page.getByRole("form", { name: "Lägg till användare" });
  await form.getByLabel("Namn").fill(person.name);
  await form.getByLabel("E-postadress").fill(person.email);
  await expect(form.getByLabel("Roll")).toHaveValue("coordinator");
  await form.getByLabel("Fältenheten", { exact: true }).check();
  await form.getByLabel("Tillfälligt lösenord").fill(person.password);
  await form.getByRole("button", { name: "Lägg till användaren" }).click();
  await expect(page.getByText(`${person.name} är tillagd och kan logga in.`)).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: person.name }) });
  await expect(row).toContainText("Samordnare");
  await expect(row).toContainText("Fältenheten");
  await expect(row).toContainText("Aktiv");
  await expectNoSeriousA11yViolations(page, "the users page");
  await screenshots(page, "users-list");

  await page.getByRole("link", { name: `Öppna ${person.name}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: person.name })).toBeVisible();
  const access = panel(page, "Roll och aktörer");
  await access.getByLabel("Polisen", { exact: true }).check();
  await access.getByRole("button", { name: "Spara ändringarna" }).click();
  await expect(access.getByText(`Ändringarna för ${person.name} är sparade.`, { exact: false })).toBeVisible();
  await expect(page.locator(".facts")).toContainText("Fältenheten, Polisen");

  // The coordinator signs in, in a browser of their own.
  const theirs = await browser.newContext();
  const coordinator = await theirs.newPage();
  await signInWith(coordinator, person.email, person.password);
  await expect(coordinator).not.toHaveURL(/\/logga-in/);
  await expect(coordinator.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Registrera" })).toBeVisible();

  // The admin sees that sign-in and ends it.
  await page.reload();
  const sessions = panel(page, "Inloggningar");
  await expect(sessions.getByRole("row")).toHaveCount(2); // the header and one sign-in
  await expect(sessions.getByRole("rowheader")).toHaveText(/Chrome/);
  await expectNoSeriousA11yViolations(page, "a user's page");
  await screenshots(page, "users-detail");
  await sessions.getByRole("button", { name: /^Logga ut Chrome/ }).click();
  await expect(sessions.getByText(`1 inloggning avslutad. ${person.name} måste logga in igen där.`)).toBeVisible();
  await expect(sessions.getByText(`${person.name} är inte inloggad någonstans just nu.`)).toBeVisible();

  // The coordinator's next click lands on the sign-in page.
  await coordinator.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "API-nycklar" }).click();
  await expect(coordinator).toHaveURL(/\/logga-in/);

  // A new password: the old one no longer works, the new one does.
  const newPassword = "hallon och lingon i korgen";
  const password = panel(page, "Nytt lösenord");
  await password.getByLabel("Tillfälligt lösenord").fill(newPassword);
  await password.getByRole("button", { name: "Sätt nytt lösenord" }).click();
  await expect(password.getByText(/Lösenordet är bytt\./)).toBeVisible();
  await signInWith(coordinator, person.email, person.password);
  await expect(coordinator.getByRole("alert")).toContainText("Fel e-postadress eller lösenord");
  await signInWith(coordinator, person.email, newPassword);
  await expect(coordinator).not.toHaveURL(/\/logga-in/);
  await page.reload();
  await expect(panel(page, "Inloggningar").getByRole("rowheader")).toHaveCount(1);

  // An API key for the coordinator: works as them until the admin revokes it.
  const keys = panel(page, "API-nycklar");
  await keys.getByLabel("Namn på nyckeln").fill("Import från Lifecare");
  await keys.getByRole("button", { name: "Skapa nyckel" }).click();
  const secret = await keys.getByLabel(`API-nyckeln för ${person.name}`).inputValue();
  expect(secret).toMatch(/^lk_/);
  const script = await browser.newContext();
  const asKey = () => script.request.get("/api/auth/me", { headers: { Authorization: `Bearer ${secret}` } });
  const me = await asKey();
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: person.email, role: "coordinator", organisations: ["Fältenheten", "Polisen"] });
  await screenshots(page, "users-detail-key");
  await keys.getByRole("button", { name: "Jag har sparat nyckeln" }).click();
  await keys.getByRole("button", { name: "Återkalla ”Import från Lifecare”" }).click();
  await keys.getByRole("button", { name: "Ja, återkalla" }).click();
  await expect(keys.getByRole("row").filter({ hasText: "Import från Lifecare" })).toContainText("Återkallad");
  expect((await asKey()).status()).toBe(401);

  await script.close();
  await theirs.close();
});
