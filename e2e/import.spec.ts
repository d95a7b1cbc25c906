import { expect, type Page, test } from "@playwright/test";
import { today } from "./support/api";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { activitiesOf, daysBefore, outreachCommitment } from "./support/demo-data";
import { signInAs } from "./support/demo-users";

const SCREENSHOTS = "test-results/screenshots";
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const PLACE = "Hammarkullen torg (importerad)";

/** A CSV as Swedish Excel saves it: semicolons, Windows-1252 (å, ä, ö as single bytes), CRLF, dates as d/m/yyyy too. */
function excelCsv(lines: string[][]): Buffer {
  return Buffer.from(`${lines.map((line) => line.join(";")).join("\r\n")}\r\n`, "latin1");
}

const dayFirst = (date: string) => {
  const [year, month, day] = date.split("-");
  return `${Number(day)}/${Number(month)}/${year}`;
};

async function choose(page: Page, name: string, content: Buffer) {
  await page.getByLabel("Fil att importera").setInputFiles({ name, mimeType: "text/csv", buffer: content });
}

test("a spreadsheet is previewed with every row's problem named, imported once, and the same file again creates nothing", async ({ page }) => {
  await signInAs(page, "coordinator");
  const commitment = await outreachCommitment(page);
  const [first, second, third] = [daysBefore(today(), 3), daysBefore(today(), 4), daysBefore(today(), 5)];
  const header = ["Åtagande", "Datum", "Antal", "Plats", "Anteckning"];
  const good = [
    [commitment.title, first, "2", PLACE, "Många ute efter matchen"],
    [String(commitment.id), dayFirst(second), "3", PLACE, ""],
    [commitment.title, dayFirst(third), "1", PLACE, "Lugnt, regn"],
  ];
  const withErrors = excelCsv([
    header,
    good[0] as string[],
    ["Fotboll på sportlovet", first, "1", PLACE, ""],
    [String(commitment.id), "2019-01-01", "1", PLACE, ""],
    [commitment.title, second, "1", PLACE, "Pratade med 811218-9876 om läxhjälp"],
  ]);
  const clean = excelCsv([header, ...good]);
  const mine = async () => (await activitiesOf(page, commitment.id)).filter((item) => item.place === PLACE && item.voidedAt === null);
  expect(await mine()).toEqual([]);

  await page.goto("/registrera");
  await page.getByRole("link", { name: "Importera från fil (CSV eller Excel)" }).tap();
  await expect(page.getByRole("heading", { level: 2, name: "Importera från fil" })).toBeVisible();
  const template = await page.request.get("/api/imports/template.csv");
  expect(await template.text()).toContain("Åtagande-id;Datum;Antal;Aktör;Plats;Anteckning");
  await expectNoSeriousA11yViolations(page, "the import page");
  await page.screenshot({ path: `${SCREENSHOTS}/import-start-390x844.png`, fullPage: true });

  // 1. A file with errors: each one named on its row, nothing stored.
  await choose(page, "oktober-med-fel.csv", withErrors);
  await expect(page.getByText("”oktober-med-fel.csv”: 4 rader (CSV, windows-1252, avgränsare ;).")).toBeVisible();
  await expect(page.getByText("1 rad kan importeras")).toBeVisible();
  await expect(page.getByText("3 rader har fel och importeras inte")).toBeVisible();
  const rows = page.getByRole("table", { name: "Filens rader och vad som händer med var och en" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Det finns inget åtagande som heter ”Fotboll på sportlovet”");
  await expect(rows.nth(2)).toContainText("utanför");
  await expect(rows.nth(3)).toContainText("personnummer");
  await expect(page.getByLabel(/^Åtagande/)).toHaveValue("Åtagande");
  await expectNoSeriousA11yViolations(page, "the import preview");
  await page.screenshot({ path: `${SCREENSHOTS}/import-errors-390x844.png`, fullPage: true });
  expect(await mine()).toEqual([]);

  // 2. The corrected file: every row imported in one go.
  await choose(page, "oktober.csv", clean);
  await expect(page.getByText("3 rader kan importeras")).toBeVisible();
  await page.getByRole("button", { name: "Importera 3 rader" }).tap();
  await expect(page.getByText("Importerat: 3 registreringar.")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/import-done-390x844.png`, fullPage: true });
  const imported = await mine();
  expect(imported.map((item) => [item.localDate, item.quantity]).toSorted()).toEqual([
    [first, 2],
    [second, 3],
    [third, 1],
  ].toSorted());

  // 3. The same file again: every row found, nothing to import, nothing created.
  await choose(page, "oktober.csv", clean);
  await expect(page.getByText("3 rader finns redan och hoppas över")).toBeVisible();
  await expect(page.getByText("Inget nytt att importera: alla rader finns redan.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Importera \d/ })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/import-again-390x844.png`, fullPage: true });
  // Sent anyway (a script, a double submit): the server creates nothing either.
  const again = await page.request.post("/api/imports", {
    data: { format: "csv", content: clean.toString("base64"), fileName: "oktober.csv" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(await again.json()).toMatchObject({ created: 0, duplicates: 3 });
  expect((await mine()).map((item) => item.id).toSorted()).toEqual(imported.map((item) => item.id).toSorted());
});
