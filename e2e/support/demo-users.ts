import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

export type DemoRole = "admin" | "manager" | "coordinator" | "viewer";
type Credentials = { email: string; password: string };

/** The demo users' credentials as the server printed them at its first start (see start-server.mjs). */
export function demoUser(role: DemoRole): Credentials {
  const file = join(tmpdir(), `lofteskollen-e2e-${process.env.E2E_PORT ?? process.env.PORT ?? "8788"}`, "demo-users.json");
  const all = JSON.parse(readFileSync(file, "utf8")) as Partial<Record<DemoRole, Credentials>>;
  const credentials = all[role];
  if (!credentials) throw new Error(`the server printed no demo ${role}`);
  return credentials;
}

/** Signs in through the sign-in page, as a person would. */
export async function signInAs(page: Page, role: DemoRole, next = "/") {
  const { email, password } = demoUser(role);
  await page.goto(`/logga-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}
