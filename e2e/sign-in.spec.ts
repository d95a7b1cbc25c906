import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { type DemoRole, demoUser, signInAs } from "./support/demo-users";

const SCREENSHOTS = "test-results/screenshots";
const ROLE_TEXT: Record<DemoRole, RegExp> = {
  admin: /^administratör$/,
  manager: /^chef$/,
  coordinator: /^samordnare för Fältenheten$/,
  viewer: /^läsare$/,
};
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

const nav = (page: Page) => page.getByRole("navigation", { name: "Huvudmeny" });

test("a visitor who is not signed in is sent to the Swedish sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/logga-in$/);
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
  await expect(page.getByLabel("E-postadress")).toBeVisible();
  await expect(page.getByLabel("Lösenord")).toHaveAttribute("type", "password");
  await expectNoSeriousA11yViolations(page, "the sign-in page");
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-${viewport.width}x${viewport.height}.png`, fullPage: true });
  }
});

test("a wrong password gets one message in Swedish, and no session", async ({ page }) => {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(demoUser("viewer").email);
  await page.getByLabel("Lösenord").fill("inte rätt lösenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("alert")).toContainText("Fel e-postadress eller lösenord.");
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

for (const role of ["admin", "manager", "coordinator", "viewer"] as const) {
  test(`the demo ${role} signs in, sees who is signed in, and is offered only what the role may use`, async ({ page }) => {
    await signInAs(page, role);
    const session = page.getByRole("region", { name: "Inloggad användare" });
    await expect(session).toContainText(`Demo `);
    await expect(session.locator(".session__role")).toHaveText(ROLE_TEXT[role]);
    await expect(nav(page).getByRole("link", { name: "Översikt" })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "API-nycklar" })).toBeVisible();
    const auditLink = nav(page).getByRole("link", { name: "Händelselogg" });
    if (role === "admin") {
      await auditLink.click();
      await expect(page.getByRole("heading", { name: "Händelselogg", level: 2 })).toBeVisible();
      // The admin's own sign-in is in the trail.
      await expect(page.getByText("Inloggning", { exact: true }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, "the audit trail");
      await nav(page).getByRole("link", { name: "API-nycklar" }).click();
      await expect(page.getByRole("heading", { name: "API-nycklar", level: 2 })).toBeVisible();
      await expectNoSeriousA11yViolations(page, "the API keys page");
    } else {
      await expect(auditLink).toHaveCount(0);
      // Typing the address gives a plain refusal, and the API refuses too.
      await page.goto("/handelselogg");
      await expect(page.getByText("Du har inte behörighet att se den här sidan.")).toBeVisible();
      expect((await page.request.get("/api/audit")).status()).toBe(403);
    }
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `${SCREENSHOTS}/signed-in-${role}-${viewport.width}x${viewport.height}.png` });
    }
  });
}

test("what each role may write, the API enforces for the signed-in browser too", async ({ page }) => {
  // The coordinator (Fältenheten) finds the example's outreach commitment and a police one.
  await signInAs(page, "coordinator");
  const promises = (await (await page.request.get("/api/promises")).json()) as { id: number; example: boolean }[];
  const example = promises.find((p) => p.example);
  const detail = (await (await page.request.get(`/api/promises/${example?.id}`)).json()) as {
    commitments: { id: number; organisations: string[] }[];
  };
  const own = detail.commitments.find((c) => c.organisations.includes("Fältenheten"));
  const police = detail.commitments.find((c) => c.organisations.length === 1 && c.organisations[0] === "Polisen");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
  const logged = await page.request.post("/api/activities", { data: { commitmentId: own?.id, occurredAt: today } });
  expect(logged.status()).toBe(201);
  const refused = await page.request.post("/api/activities", { data: { commitmentId: police?.id, occurredAt: today } });
  expect(refused.status()).toBe(403);
  // The same request from another site is refused before anything else.
  const crossSite = await page.request.post("/api/activities", {
    data: { commitmentId: own?.id, occurredAt: today },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.code).toBe("cross_site_request");
});

test("an ended session leads back to sign-in, and then to where the user was", async ({ page, context }) => {
  await signInAs(page, "admin");
  await page.goto("/handelselogg?recordType=user");
  await expect(page.getByRole("heading", { name: "Händelselogg", level: 2 })).toBeVisible();
  // The session ends behind the page's back (as an idle timeout would), then the user filters.
  await context.clearCookies();
  await page.getByLabel("Typ av post").selectOption("activity");
  await page.getByRole("button", { name: "Visa händelser" }).click();
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fhandelselogg%3FrecordType%3Dactivity$/);
  await expect(page.getByText("Du har loggats ut. Logga in igen.")).toBeVisible();
  await page.getByLabel("E-postadress").fill(demoUser("admin").email);
  await page.getByLabel("Lösenord").fill(demoUser("admin").password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(/\/handelselogg\?recordType=activity$/);
  await expect(page.getByLabel("Typ av post")).toHaveValue("activity");
});

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, "manager");
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/logga-in/);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/logga-in/);
});

test("every page is served with the security headers", async ({ page }) => {
  const response = await page.goto("/logga-in");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["strict-transport-security"]).toContain("max-age=31536000");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // The strict CSP lets the app run: the sign-in form is interactive.
  await expect(page.getByRole("button", { name: "Logga in" })).toBeEnabled();
});
