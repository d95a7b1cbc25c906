import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { getJson, postJson } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { signInAs } from "./support/demo-users";
import { expectNoHorizontalScroll } from "./support/layout";

// Issue 7: the activity types list on the page "Aktörer, områden och aktivitetstyper" — an admin
// adds a type, renames it (the code stays), merges a duplicate into it (the commitment that had the
// duplicate shows the other type) and archives it (the editor no longer offers it for a new
// commitment, but the commitment that has it keeps it). Screenshots go to test-results/screenshots.

const SCREENSHOTS = "test-results/screenshots";
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

type ActivityType = { code: string; label: string; archived: boolean; commitments: number; activities: number };
type PromiseDetail = { id: number; commitments: { id: number; title: string; activityType: string }[] };

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/** The "Aktivitetstyper" section of the page. */
const typesSection = (page: Page) => page.getByRole("region", { name: "Aktivitetstyper", exact: true });
/** A type's row, by its label (the row is named by it). */
const typeRow = (page: Page, label: string) => typesSection(page).getByRole("listitem", { name: label, exact: true });
const activityTypes = (page: Page) => getJson<ActivityType[]>(page, "/api/activity-types");

/** The label of the option a select shows as chosen. */
const chosenLabel = (select: Locator) => select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");

/** Screenshots at phone and laptop width: `at` scrolled to the top of the screen, and the whole page. */
async function screenshots(page: Page, name: string, at: Locator) {
  await page.mouse.move(0, 0);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
    await expect(page.locator("body")).not.toContainText(/undefined|NaN|\[object/);
    await at.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}x${viewport.height}.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}x${viewport.height}-full.png`, fullPage: true });
  }
}

test("an admin adds an activity type, renames it, merges a duplicate into it and archives it; the editor follows", async ({ page }) => {
  // Four pages, two rounds of screenshots and two axe runs: more than the default 30 s on a slow machine.
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Aktörer, områden och typer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Aktörer, områden och aktivitetstyper" })).toBeVisible();
  await expect(typeRow(page, "Uppsökande arbete")).toContainText("kod outreach");

  // Added by its name: the code is made from it.
  const add = typesSection(page).getByRole("form", { name: "Lägg till aktivitetstyp" });
  await add.getByLabel("Ny aktivitetstyp").fill("Skolbesök");
  await add.getByRole("button", { name: "Lägg till aktivitetstyp" }).click();
  await expect(typeRow(page, "Skolbesök")).toContainText("0 åtaganden, 0 aktiviteter · kod skolbesok");
  await expect(add.getByLabel("Ny aktivitetstyp")).toHaveValue("");

  // The same name again (other case) is refused at the field, suggesting a merge.
  await add.getByLabel("Ny aktivitetstyp").fill("skolbesök");
  await add.getByRole("button", { name: "Lägg till aktivitetstyp" }).click();
  await expect(add.getByText(/Det finns redan en aktivitetstyp som heter "Skolbesök".*Slå ihop dem i stället\?/)).toBeVisible();
  await add.getByLabel("Ny aktivitetstyp").fill("");

  // Renamed: the label changes, the code stays.
  await typeRow(page, "Skolbesök").getByRole("button", { name: "Byt namn på Skolbesök" }).click();
  await typeRow(page, "Skolbesök").getByLabel("Nytt namn").fill("Skolbesök i åk 9");
  await typeRow(page, "Skolbesök").getByRole("button", { name: "Spara namnet" }).click();
  await expect(typeRow(page, "Skolbesök i åk 9")).toContainText("kod skolbesok");

  // A duplicate of it, and a draft promise with one commitment of each.
  const duplicate = await postJson<ActivityType>(page, "/api/activity-types", { label: "Besök i skolan" });
  expect(duplicate.code).toBe("besok_i_skolan");
  const [area] = await getJson<{ name: string; archived: boolean }[]>(page, "/api/areas");
  const [organisation] = (await getJson<{ name: string; archived: boolean }[]>(page, "/api/organisations")).filter((o) => !o.archived);
  const promise = await postJson<PromiseDetail>(page, "/api/promises", {
    title: "Skolbesök i Testområdet",
    area: area?.name,
    startDate: "2026-01-01",
    endDate: "2026-12-31",
    status: "draft",
    commitments: [
      { title: "Besök i skolan varje månad", activityType: "besok_i_skolan", target: 12, cadence: "year", organisations: [organisation?.name] },
      { title: "Skolbesök i åk 9 varje termin", activityType: "skolbesok", target: 2, cadence: "year", organisations: [organisation?.name] },
    ],
  });
  await page.reload();
  await expect(typeRow(page, "Besök i skolan")).toContainText("1 åtagande, 0 aktiviteter · kod besok_i_skolan");
  await screenshots(page, "activity-types", typesSection(page));
  await expectNoSeriousA11yViolations(page, "the activity types list");

  // The duplicate is merged into it, after a confirmation that says what moves.
  const row = typeRow(page, "Besök i skolan");
  await row.getByRole("button", { name: "Slå ihop Besök i skolan med …" }).click();
  await row.getByLabel("Flytta allt från Besök i skolan till").selectOption({ label: "Skolbesök i åk 9" });
  await row.getByRole("button", { name: "Fortsätt" }).click();
  await expect(row.getByRole("status")).toHaveText(
    "1 åtagande, 0 aktiviteter flyttas från Besök i skolan till Skolbesök i åk 9, och Besök i skolan tas bort. Det syns i händelseloggen.",
  );
  await expectNoSeriousA11yViolations(page, "the merge confirmation");
  await screenshots(page, "activity-types-merge", row);
  await row.getByRole("button", { name: "Slå ihop med Skolbesök i åk 9" }).click();
  await expect(typeRow(page, "Besök i skolan")).toHaveCount(0);
  await expect(typeRow(page, "Skolbesök i åk 9")).toContainText("2 åtaganden, 0 aktiviteter · kod skolbesok");
  expect((await activityTypes(page)).some((type) => type.code === "besok_i_skolan")).toBe(false);

  // The commitment that had the duplicate now shows the other type, in the editor too.
  const merged = await getJson<PromiseDetail>(page, `/api/promises/${promise.id}`);
  expect(merged.commitments.map((c) => c.activityType)).toEqual(["skolbesok", "skolbesok"]);
  await page.goto(`/loften/${promise.id}/redigera`);
  const firstCommitment = page.getByRole("group", { name: /^Åtagande 1\b/ });
  await expect(firstCommitment.getByLabel("Aktivitetstyp")).toHaveValue("skolbesok");
  expect(await chosenLabel(firstCommitment.getByLabel("Aktivitetstyp"))).toBe("Skolbesök i åk 9");

  // Archived: the commitments keep it, a new commitment is not offered it.
  await page.goto("/aktorer-och-omraden");
  await typeRow(page, "Skolbesök i åk 9").getByRole("button", { name: "Arkivera Skolbesök i åk 9" }).click();
  await expect(typeRow(page, "Skolbesök i åk 9").getByText("arkiverad", { exact: true })).toBeVisible();
  await expect(typeRow(page, "Skolbesök i åk 9").getByRole("button", { name: "Återställ Skolbesök i åk 9" })).toBeVisible();
  await expect.poll(async () => (await activityTypes(page)).find((type) => type.code === "skolbesok")?.archived).toBe(true);

  await page.goto(`/loften/${promise.id}/redigera`);
  const kept = page.getByRole("group", { name: /^Åtagande 1\b/ }).getByLabel("Aktivitetstyp");
  await expect(kept).toHaveValue("skolbesok");
  expect(await chosenLabel(kept)).toBe("Skolbesök i åk 9 (arkiverad)");
  await screenshots(page, "activity-types-editor-archived", page.getByRole("group", { name: /^Åtagande 1\b/ }));

  await page.goto("/loften/nytt");
  const offered = page.getByRole("group", { name: /^Åtagande 1\b/ }).getByLabel("Aktivitetstyp");
  await expect(offered.getByRole("option", { name: "Uppsökande arbete" })).toHaveCount(1);
  await expect(offered.getByRole("option", { name: /Skolbesök/ })).toHaveCount(0);
});
