import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { getJson, postJson, shownTarget, swedishCount, today } from "./support/api";
import { daysBefore } from "./support/demo-data";
import { signInAs } from "./support/demo-users";
import { SCREENSHOTS, screenshots } from "./support/screenshots";

// Issue 7: an admin sets up, publishes, logs for and renews a promise in the app (no JSON by
// hand), and edits the term calendar that the windows of `term` commitments follow. Screenshots go
// to test-results/screenshots (looked at when the pages change).


type Commitment = { id: number; title: string; cadence: string; target: number | null; unit: string; organisations: string[] };
type PromiseDetail = {
  id: number;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  predecessorId: number | null;
  successorId: number | null;
  commitments: Commitment[];
};
type Window = { start: string; end: string; target: number | null; actual: number };
type CommitmentProgress = { commitmentId: number; title: string; cadence: string; current: Window | null; windows: Window[] };
type PromiseProgress = { commitments: CommitmentProgress[] };
type Term = { id: number | null; name: string; startDate: string; endDate: string; default?: boolean };

/** The fieldset of the editor's commitment number `number` (its legend grows with the title typed). */
const commitmentFieldset = (page: Page, number: number) => page.getByRole("group", { name: new RegExp(`^Åtagande ${number}\\b`) });

/** The target field ("Mål (krävs)"), not "Målet gäller per". */
const targetField = (fieldset: Locator) => fieldset.getByLabel(/^Mål( \(krävs\))?$/);

type CommitmentInput = {
  title: string;
  theme: string;
  activityType: string;
  target: number | null;
  cadence: "År" | "Termin" | "Hela perioden";
  unit: string;
  organisations: string;
};

async function fillCommitment(page: Page, number: number, input: CommitmentInput) {
  const fieldset = commitmentFieldset(page, number);
  await expect(fieldset).toBeVisible();
  await fieldset.getByLabel("Rubrik").fill(input.title);
  await fieldset.getByLabel("Beskrivning").fill(`${input.title}, som det står i löftet.`);
  await fieldset.getByLabel("Fokusområde").fill(input.theme);
  // Waits for the activity types to have loaded (the option is there).
  await fieldset.getByLabel("Aktivitetstyp").selectOption({ label: input.activityType });
  if (input.target === null) {
    await fieldset.getByLabel("Inget siffermål").check();
    await expect(targetField(fieldset)).toBeDisabled();
  } else {
    await targetField(fieldset).fill(String(input.target));
  }
  await fieldset.getByLabel("Enhet").fill(input.unit);
  await fieldset.getByLabel("Målet gäller per").selectOption({ label: input.cadence });
  await fieldset.getByLabel("Ansvariga aktörer").fill(input.organisations);
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test("an admin creates a promise with three commitments, publishes it, logs for it and renews it into a second period", async ({ page }) => {
  test.setTimeout(90_000);
  const year = Number(today().slice(0, 4));
  const title = `Trygg i Backa ${year}–${year + 1} (test)`;
  const commitments: CommitmentInput[] = [
    { title: "Hot spot-bevakning vid torget", theme: "Lokalområde", activityType: "Hot spot/bevakning", target: 120, cadence: "År", unit: "tillfällen", organisations: "Polisen" },
    { title: "SSPF-möten varje termin", theme: "Skola", activityType: "SSPF-möte", target: 4, cadence: "Termin", unit: "möten", organisations: "Polisen, Fältenheten" },
    { title: "Trygghetsvandringar med boende", theme: "Lokalområde", activityType: "Trygghetsvandring", target: null, cadence: "Hela perioden", unit: "vandringar", organisations: "Fältenheten" },
  ];

  await signInAs(page, "admin");
  await page.goto("/");
  await page.getByRole("link", { name: "Nytt medborgarlöfte" }).click();
  await expect(page).toHaveURL(/\/loften\/nytt$/);
  await expect(page.getByRole("heading", { level: 2, name: "Nytt medborgarlöfte" })).toBeVisible();

  const promiseFields = page.getByRole("group", { name: "Medborgarlöftet" });
  await promiseFields.getByLabel(/^Titel/).fill(title);
  await promiseFields.getByLabel(/^Område/).fill("Hisings Backa");
  await promiseFields.getByLabel(/^Startdatum/).fill(`${year}-01-01`);
  await promiseFields.getByLabel(/^Slutdatum/).fill(`${year + 1}-12-31`);
  await promiseFields.getByLabel("Sammanfattning").fill("Polisen och kommunen lovar att tillsammans öka tryggheten kring torget och skolorna.");
  await promiseFields.getByLabel("Kontakt").fill("Kommunpolisen, Hisings Backa");
  await expect(promiseFields.getByLabel("Status")).toHaveValue("draft");
  await promiseFields.getByLabel("Fokusområden").fill("Lokalområde, Skola");
  await expect(page.getByRole("list", { name: "Fokusområden som sparas" }).getByRole("listitem")).toHaveText(["Lokalområde", "Skola"]);

  await fillCommitment(page, 1, commitments[0]!);
  for (const [index, input] of commitments.slice(1).entries()) {
    await page.getByRole("button", { name: "Lägg till åtagande" }).click();
    await fillCommitment(page, index + 2, input);
  }
  await expect(page.getByRole("group", { name: /^Åtagande \d/ })).toHaveCount(3);
  await expectNoSeriousA11yViolations(page, "the promise editor");
  await screenshots(page, "admin-editor");

  await page.getByRole("button", { name: "Skapa medborgarlöftet" }).click();
  await expect(page).toHaveURL(/\/loften\/\d+$/);
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  const firstId = Number(new URL(page.url()).pathname.split("/").pop());

  // Saved as typed: three commitments, year / term / whole period, the last one without a target.
  const created = await getJson<PromiseDetail>(page, `/api/promises/${firstId}`);
  expect(created).toMatchObject({ title, status: "draft", startDate: `${year}-01-01`, endDate: `${year + 1}-12-31` });
  expect(created.commitments.map(({ title, cadence, target, unit }) => ({ title, cadence, target, unit }))).toEqual([
    { title: commitments[0]?.title, cadence: "year", target: 120, unit: "tillfällen" },
    { title: commitments[1]?.title, cadence: "term", target: 4, unit: "möten" },
    { title: commitments[2]?.title, cadence: "period", target: null, unit: "vandringar" },
  ]);
  expect(created.commitments[1]?.organisations.toSorted()).toEqual(["Fältenheten", "Polisen"]);

  // Publish through the panel, behind its confirm step.
  const panel = page.getByRole("region", { name: "Publicering" });
  await expect(panel).toContainText("Utkast");
  await panel.getByRole("button", { name: `Publicera ”${title}”` }).click();
  await expect(panel.getByRole("group")).toContainText("Alla kan då se siffrorna utan inloggning");
  await panel.getByRole("button", { name: "Ja, publicera" }).click();
  await expect(panel.getByText("Medborgarlöftet är publicerat.", { exact: false })).toBeAttached();
  await expect(panel.locator(".publish-control__status")).toContainText("Publicerat");
  await expect(panel.getByRole("list", { name: "Publika sidor" })).toBeVisible();
  expect((await getJson<PromiseDetail>(page, `/api/promises/${firstId}`)).status).toBe("published");

  // Activities, as a coordinator's phone would send them (the admin may log for every organisation).
  const [yearly, termly, whole] = created.commitments;
  await postJson(page, "/api/activities/batch", {
    activities: [
      { commitmentId: yearly?.id, occurredAt: daysBefore(today(), 1), quantity: 3, organisation: "Polisen" },
      { commitmentId: yearly?.id, occurredAt: today(), quantity: 2, organisation: "Polisen" },
      { commitmentId: termly?.id, occurredAt: today(), quantity: 1, organisation: "Fältenheten" },
      { commitmentId: whole?.id, occurredAt: today(), quantity: 1, organisation: "Fältenheten" },
    ],
  });
  const progress = await getJson<PromiseProgress>(page, `/api/promises/${firstId}/progress?asOf=${today()}`);
  const yearlyProgress = progress.commitments.find((item) => item.commitmentId === yearly?.id);
  expect(yearlyProgress?.current?.actual).toBe(5);

  // The page shows them (a fresh load, as the next visitor would see it).
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  // Grouped by the themes typed for the commitments.
  await expect(page.getByRole("heading", { level: 3, name: "Lokalområde" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Skola" })).toBeVisible();
  const yearlyCard = page.getByRole("listitem", { name: commitments[0]?.title, exact: true });
  await expect(yearlyCard).toContainText(`5 av ${swedishCount(shownTarget(yearlyProgress?.current?.target ?? 0))} tillfällen`);
  await expect(page.getByRole("listitem", { name: commitments[2]?.title, exact: true })).toContainText("1");
  await expect(page.getByRole("region", { name: "Publicering" }).locator(".publish-control__status")).toContainText("Publicerat");
  await screenshots(page, "admin-promise-published");

  // Renew: the proposed period is the next one of the same length; accept it.
  await page.getByRole("button", { name: "Förnya löftet" }).click();
  const dialog = page.getByRole("dialog", { name: `Förnya ”${title}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Startdatum")).toHaveValue(`${year + 2}-01-01`);
  await expect(dialog.getByLabel("Slutdatum")).toHaveValue(`${year + 3}-12-31`);
  await expectNoSeriousA11yViolations(page, "the renewal dialog");
  await dialog.getByRole("button", { name: "Förnya", exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`/loften/${firstId}$`));
  await expect(page).toHaveURL(/\/loften\/\d+$/);
  const secondId = Number(new URL(page.url()).pathname.split("/").pop());

  const renewed = await getJson<PromiseDetail>(page, `/api/promises/${secondId}`);
  expect(renewed).toMatchObject({ predecessorId: firstId, status: "draft", startDate: `${year + 2}-01-01`, endDate: `${year + 3}-12-31` });
  expect(renewed.commitments.map(({ title, cadence, target }) => ({ title, cadence, target }))).toEqual(
    created.commitments.map(({ title, cadence, target }) => ({ title, cadence, target })),
  );
  // Without the activities: nothing done yet in the new period.
  const renewedProgress = await getJson<PromiseProgress>(page, `/api/promises/${secondId}/progress?asOf=${today()}`);
  for (const item of renewedProgress.commitments) for (const window of item.windows) expect(window.actual).toBe(0);

  // Both periods: the draft links back to the first, the first forward to the draft.
  const periods = page.getByRole("navigation", { name: "Perioder" });
  await expect(periods.getByRole("link", { name: "Föregående period" })).toHaveAttribute("href", `/loften/${firstId}`);
  await expect(page.getByRole("region", { name: "Publicering" }).locator(".publish-control__status")).toContainText("Utkast");
  await expect(page.getByRole("listitem", { name: commitments[0]?.title, exact: true })).toBeVisible();
  await screenshots(page, "admin-promise-renewed");

  await periods.getByRole("link", { name: "Föregående period" }).click();
  await expect(page).toHaveURL(new RegExp(`/loften/${firstId}$`));
  await expect(page.locator(".promise__tags")).toContainText(String(year));
  await expect(periods.getByRole("link", { name: "Nästa period" })).toHaveAttribute("href", `/loften/${secondId}`);
  await expect(periods.getByRole("link", { name: "Föregående period" })).toHaveCount(0);
  // The first promise and its history are untouched.
  await expect(page.getByRole("listitem", { name: commitments[0]?.title, exact: true })).toContainText("5 av");
  await periods.getByRole("link", { name: "Nästa period" }).click();
  await expect(page).toHaveURL(new RegExp(`/loften/${secondId}$`));
  await expect(periods.getByRole("link", { name: "Föregående period" })).toBeVisible();

  // The draft's commitments change before it is published: one added and moved first, one removed.
  await page.getByRole("link", { name: "Redigera", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Redigera/ })).toBeVisible();
  await page.getByRole("button", { name: "Lägg till åtagande" }).click();
  await fillCommitment(page, 4, {
    title: "Föräldravandringar på helger",
    theme: "Lokalområde",
    activityType: "Trygghetsvandring",
    target: 10,
    cadence: "År",
    unit: "vandringar",
    organisations: "Fältenheten",
  });
  await page.getByRole("button", { name: "Ta bort åtagande 3" }).click();
  await page.getByRole("button", { name: "Flytta upp åtagande 3" }).click();
  await page.getByRole("button", { name: "Flytta upp åtagande 2" }).click();
  await expect(commitmentFieldset(page, 1)).toContainText("Föräldravandringar på helger");
  await expectNoSeriousA11yViolations(page, "the editor of an existing promise");
  await screenshots(page, "admin-editor-commitments");
  await page.getByRole("button", { name: "Spara ändringarna" }).click();
  await expect(page).toHaveURL(new RegExp(`/loften/${secondId}$`));
  const changed = await getJson<PromiseDetail>(page, `/api/promises/${secondId}`);
  expect(changed.commitments.map((item) => item.title)).toEqual(["Föräldravandringar på helger", commitments[0]?.title, commitments[1]?.title]);
  await expect(page.getByRole("listitem", { name: "Föräldravandringar på helger", exact: true })).toBeVisible();

  // The first period's editor does not offer to remove a commitment with activities.
  await page.goto(`/loften/${firstId}/redigera`);
  await expect(page.getByRole("button", { name: "Ta bort åtagande 1" })).toBeDisabled();
  await expect(commitmentFieldset(page, 1)).toContainText("Har registrerade aktiviteter och kan inte tas bort.");

  // A continuing commitment shows its periods side by side, from either period.
  await page.goto(`/loften/${firstId}/ataganden/${yearly?.id}`);
  const sideBySide = page.getByRole("region", { name: "Perioderna bredvid varandra" });
  await expect(sideBySide.getByRole("article", { name: /^Denna period/ })).toContainText("5 tillfällen");
  await expect(sideBySide.getByRole("article", { name: /^Nästa period/ })).toContainText(`Perioden börjar ${year + 2}-01-01`);
  const continued = changed.commitments[1];
  await page.goto(`/loften/${secondId}/ataganden/${continued?.id}`);
  const previousPeriod = page.getByRole("region", { name: "Perioderna bredvid varandra" }).getByRole("article", { name: /^Förra perioden/ });
  await expect(previousPeriod).toContainText("5 tillfällen");
  await expect(previousPeriod.getByRole("link")).toHaveAttribute("href", `/loften/${firstId}/ataganden/${yearly?.id}`);
  const draftPeriod = page.getByRole("region", { name: "Perioderna bredvid varandra" }).getByRole("article", { name: /^Denna period/ });
  await expect(draftPeriod).toContainText(`Perioden börjar ${year + 2}-01-01`);
  await expect(draftPeriod).not.toContainText("Gjort till och med");
  // Nothing to break down per organisation before the period starts.
  await expect(page.getByRole("heading", { name: "Per aktör" })).toHaveCount(0);
  await sideBySide.scrollIntoViewIfNeeded();
  await expectNoSeriousA11yViolations(page, "the commitment page with its periods");
  await screenshots(page, "admin-periods-side-by-side");

  // The other admin pages pass axe too.
  await page.goto("/");
  await page.getByRole("link", { name: "Importera löfte" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Importera medborgarlöfte" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the import page");
  await page.getByRole("link", { name: "Terminskalender" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Terminskalender" })).toBeVisible();
  await expect(page.getByRole("form", { name: `Terminer ${year}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the term calendar");
});

test("an admin moves the end of a term in the term calendar, and a term commitment's window follows", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, "admin");
  const year = Number(today().slice(0, 4));
  // The term to change: the one running today, else the next one this year, else the last.
  const terms = await getJson<Term[]>(page, `/api/terms?year=${year}`);
  const term = terms.find((item) => item.startDate <= today() && today() <= item.endDate) ?? terms.find((item) => item.startDate > today()) ?? terms.at(-1);
  if (!term) throw new Error(`there are terms for ${year}`);
  const candidate = daysBefore(term.endDate, 11);
  // Still after the term's start (and not before today when the term is running, so that it stays the current window).
  const newEnd = term.startDate <= today() && candidate < today() ? today() : candidate;
  expect(newEnd > term.startDate && newEnd < term.endDate, `a new end inside ${term.name}`).toBe(true);

  // A term commitment of the demo's ongoing example.
  const promises = await getJson<{ id: number; example: boolean; startDate: string; endDate: string }[]>(page, "/api/promises");
  const example = promises.find((item) => item.example && item.startDate <= today() && today() <= item.endDate);
  if (!example) throw new Error("the demo data holds an ongoing example");
  const progressOf = async () => {
    const progress = await getJson<PromiseProgress>(page, `/api/promises/${example.id}/progress?asOf=${today()}`);
    const termly = progress.commitments.find((item) => item.cadence === "term");
    if (!termly) throw new Error("the ongoing example has a term commitment");
    return termly;
  };
  const before = await progressOf();
  expect(before.windows.find((window) => window.start === term.startDate)?.end).toBe(term.endDate);

  await page.goto("/");
  await page.getByRole("link", { name: "Terminskalender" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Terminskalender" })).toBeVisible();
  await expect(page.getByLabel("År")).toHaveValue(String(year));
  const form = page.getByRole("form", { name: `Terminer ${year}` });
  const fieldset = form.getByRole("group", { name: new RegExp(`^${term.name}\\b`) });
  await expect(fieldset.getByLabel("Slutdatum")).toHaveValue(term.endDate);
  await fieldset.getByLabel("Slutdatum").fill(newEnd);
  await form.getByRole("button", { name: "Spara terminerna" }).click();
  await expect(form.getByRole("status")).toHaveText(`Terminerna för ${year} är sparade.`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS}/admin-terms-1440x900.png`, fullPage: true });

  // The API has the new calendar …
  const saved = await getJson<Term[]>(page, `/api/terms?year=${year}`);
  expect(saved.find((item) => item.name === term.name)).toMatchObject({ startDate: term.startDate, endDate: newEnd });
  // … and the term commitment's window follows it.
  const after = await progressOf();
  const changed = after.windows.find((window) => window.start === term.startDate);
  expect(changed?.end).toBe(newEnd);
  expect(after.windows.some((window) => window.end === term.endDate && window.start === term.startDate)).toBe(false);

  // So does the commitment page, when the changed term is the one running today.
  if (term.startDate <= today() && today() <= newEnd) {
    expect(after.current?.end).toBe(newEnd);
    await page.goto(`/loften/${example.id}/ataganden/${after.commitmentId}`);
    await expect(page.getByRole("heading", { level: 2, name: after.title })).toBeVisible();
    await expect(page.locator(".figures__window")).toContainText(`${term.startDate} – ${newEnd}`);
    await expect(page.locator(".figures")).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-term-commitment-1440x900.png` });
  }
});

test("a manager sees the organisations and areas with what uses them, merges a duplicate, and both lists pass axe", async ({ page }) => {
  await signInAs(page, "manager");
  await page.getByRole("link", { name: "Aktörer, områden och typer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Aktörer, områden och aktivitetstyper" })).toBeVisible();
  const organisations = await getJson<{ id: number; name: string; commitments: number; activities: number }[]>(page, "/api/organisations");
  const ambulance = organisations.find((o) => o.name === "Ambulansen");
  const police = organisations.find((o) => o.name === "Polisen");
  expect(ambulance).toBeDefined();
  expect(police).toBeDefined();
  await expect(page.getByText(`${ambulance?.commitments} åtagande`).first()).toBeVisible();
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-reference-${viewport.width}x${viewport.height}.png` });
  }
  await expectNoSeriousA11yViolations(page, "the organisations and areas");

  // Ambulansen is folded into Polisen: its commitments and activities follow.
  await page.getByRole("button", { name: "Slå ihop Ambulansen med …" }).click();
  await page.getByLabel("Flytta allt från Ambulansen till").selectOption({ label: "Polisen" });
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await expect(page.getByRole("status")).toContainText("Polisen");
  await expectNoSeriousA11yViolations(page, "the merge confirmation");
  await page.getByRole("button", { name: "Slå ihop med Polisen" }).click();
  await expect
    .poll(async () => (await getJson<{ name: string; activities: number }[]>(page, "/api/organisations")).find((o) => o.name === "Polisen")?.activities)
    .toBe((police?.activities ?? 0) + (ambulance?.activities ?? 0));
  await expect(page.getByText("Ambulansen", { exact: true })).toHaveCount(0);
});
