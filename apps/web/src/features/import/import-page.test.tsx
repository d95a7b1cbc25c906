import type { ImportPreview, ImportRow } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeRequest, type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

const HEADERS = ["Åtagande", "Datum", "Antal", "Plats", "Kommentar"];
const SUGGESTED = { commitment: "Åtagande", date: "Datum", quantity: "Antal", place: "Plats" };

const ok = (row: number, title = "Uppsökande arbete"): ImportRow => ({
  row,
  status: "ok",
  problems: [],
  activity: { commitmentId: 12, commitmentTitle: title, occurredAt: "2026-10-05", localDate: "2026-10-05", quantity: 2, organisation: "Fältenheten", place: "Hammarkullen", note: null },
  duplicateOf: null,
  values: null,
});
const outside: ImportRow = {
  row: 3,
  status: "error",
  problems: [{ field: "date", code: "outside_period", message: "Datumet 2019-01-01 ligger utanför löftets period 2024-01-01 – 2026-12-31." }],
  activity: null,
  duplicateOf: null,
  values: { commitment: "Uppsökande arbete", date: "2019-01-01" },
};
const duplicate: ImportRow = { ...ok(4), status: "duplicate", duplicateOf: 77 };

function preview(rows: ImportRow[], mapping: ImportPreview["mapping"] = SUGGESTED): ImportPreview {
  return {
    fileName: "oktober.csv",
    format: "csv",
    encoding: "windows-1252",
    delimiter: ";",
    headers: HEADERS,
    suggestedMapping: SUGGESTED,
    mapping,
    sampleRows: [["Uppsökande arbete", "5/10/2026", "2", "Hammarkullen", ""]],
    totalRows: rows.length,
    rows,
    counts: {
      ok: rows.filter((r) => r.status === "ok").length,
      error: rows.filter((r) => r.status === "error").length,
      duplicate: rows.filter((r) => r.status === "duplicate").length,
    },
  };
}

function open(routes: { preview: FakeRoute; run?: FakeRoute }) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(USERS.coordinator),
    "POST /api/imports/preview": routes.preview,
    ...(routes.run ? { "POST /api/imports": routes.run } : {}),
  });
  vi.stubGlobal("fetch", api);
  renderApp("/registrera/import");
  return api;
}

async function chooseFile(name: string, content = "Åtagande;Datum\r\nUppsökande arbete;5/10/2026\r\n") {
  const input = await screen.findByLabelText("Fil att importera");
  fireEvent.change(input, { target: { files: [new File([content], name, { type: "text/csv" })] } });
}

const sent = (request: FakeRequest | undefined) => request?.body as { format: string; content: string; mapping?: Record<string, string>; fileName: string };

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ImportPage", () => {
  it("previews a file with every row's problem named, errors first, and imports the valid rows with one key", async () => {
    const api = open({
      preview: { body: preview([ok(2), outside, duplicate, ok(5)]) },
      run: { status: 201, body: { created: 2, duplicates: 1, errors: [{ row: 3, problems: outside.problems }], ids: [901, 902], auditId: 5 } },
    });
    await chooseFile("oktober.csv");

    expect(await screen.findByText("2 rader kan importeras")).toBeTruthy();
    expect(screen.getByText("1 rad har fel och importeras inte")).toBeTruthy();
    expect(screen.getByText("1 rad finns redan och hoppas över")).toBeTruthy();
    const rows = within(screen.getByRole("table", { name: "Filens rader och vad som händer med var och en" })).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[0]?.textContent)).toEqual(["3", "4", "2", "5"]);
    expect(rows[0]?.textContent).toContain("Datumet 2019-01-01 ligger utanför löftets period");
    expect(rows[0]?.textContent).toContain("Datum: 2019-01-01");
    expect(rows[1]?.textContent).toContain("Samma som registrering 77.");

    // The file went as base64 with its name; no mapping, so the server's suggestion was used.
    const first = sent(api.requests.find((request) => request.url === "/api/imports/preview"));
    expect(first).toMatchObject({ format: "csv", fileName: "oktober.csv" });
    expect(first.mapping).toBeUndefined();
    expect(atob(first.content)).toContain("5/10/2026");

    fireEvent.click(screen.getByRole("button", { name: "Importera 2 rader" }));
    expect(await screen.findByText("Importerat: 2 registreringar.")).toBeTruthy();
    expect(screen.getByText("1 rad fanns redan och hoppades över.")).toBeTruthy();
    expect(screen.getByText("1 rad med fel importerades inte.")).toBeTruthy();
    const run = api.requests.find((request) => request.method === "POST" && request.url === "/api/imports");
    expect(sent(run).mapping).toEqual(SUGGESTED);
    expect(run?.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("asks for the commitment and date columns when the headers do not name them, and checks the rows once they are chosen", async () => {
    const unknown = { ...preview([], null), headers: ["A", "B"], suggestedMapping: {}, sampleRows: [["Uppsökande arbete", "2026-10-05"]], totalRows: 1 };
    const api = open({
      preview: (request) => (sent(request).mapping ? { body: { ...preview([ok(2)], { commitment: "A", date: "B" }), headers: ["A", "B"] } } : { body: unknown }),
    });
    await chooseFile("lista.csv");
    expect(await screen.findByText("Välj vilka kolumner som innehåller åtagandet och datumet, så kontrolleras raderna.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Importera/ })).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Åtagande/), { target: { value: "A" } });
    fireEvent.change(screen.getByLabelText(/^Datum/), { target: { value: "B" } });
    expect(await screen.findByRole("button", { name: "Importera 1 rad" })).toBeTruthy();
    expect(sent(api.requests.at(-1)).mapping).toEqual({ commitment: "A", date: "B" });
  });

  it("remembers the chosen columns for the next file with the same headers", async () => {
    const chosen = { commitment: "Åtagande", date: "Datum", note: "Kommentar" };
    const api = open({
      preview: (request) => ({ body: preview([ok(2)], (sent(request).mapping as ImportPreview["mapping"]) ?? SUGGESTED) }),
      run: { status: 201, body: { created: 1, duplicates: 0, errors: [], ids: [1], auditId: 1 } },
    });
    await chooseFile("oktober.csv");
    await screen.findByRole("button", { name: "Importera 1 rad" });
    fireEvent.change(screen.getByLabelText(/^Antal/), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText(/^Plats/), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText(/^Anteckning/), { target: { value: "Kommentar" } });
    await vi.waitFor(() => expect(sent(api.requests.at(-1)).mapping).toEqual(chosen));
    const button = await screen.findByRole("button", { name: "Importera 1 rad" });
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await screen.findByText("Importerat: 1 registrering.");

    await chooseFile("november.csv");
    await vi.waitFor(() => expect((screen.getByLabelText(/^Anteckning/) as HTMLSelectElement).value).toBe("Kommentar"));
    expect((screen.getByLabelText(/^Antal/) as HTMLSelectElement).value).toBe("");
    await vi.waitFor(() => expect(sent(api.requests.at(-1)).mapping).toEqual(chosen));
  });

  it("offers nothing to import when every row is already stored", async () => {
    open({ preview: { body: preview([duplicate, { ...duplicate, row: 5 }]) } });
    await chooseFile("oktober.csv");
    expect(await screen.findByText("Inget nytt att importera: alla rader finns redan.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Importera/ })).toBeNull();
  });

  it("refuses a file that is neither CSV nor Excel before sending it", async () => {
    const api = open({ preview: { body: preview([]) } });
    await chooseFile("rapport.pdf");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "”rapport.pdf” är varken en CSV- eller en Excel-fil (.xlsx). Spara kalkylarket som CSV eller .xlsx och välj det igen.",
    );
    expect(api.requests.some((request) => request.url.startsWith("/api/imports"))).toBe(false);
  });

  it("shows the server's reason when the file cannot be read, and that nothing was imported when the import is refused", async () => {
    open({ preview: { status: 400, body: { error: { code: "invalid_file", message: "Rad 7 i filen går inte att läsa: ett citattecken avslutas aldrig." } } } });
    await chooseFile("trasig.csv");
    expect((await screen.findByRole("alert")).textContent).toBe("Rad 7 i filen går inte att läsa: ett citattecken avslutas aldrig.");
  });

  it("says nothing was imported when the import itself is refused", async () => {
    open({
      preview: { body: preview([ok(2)]) },
      run: { status: 422, body: { error: { code: "validation_failed", message: "Rad 2: åtagandet har avslutats." } } },
    });
    await chooseFile("oktober.csv");
    fireEvent.click(await screen.findByRole("button", { name: "Importera 1 rad" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Ingenting importerades. Rad 2: åtagandet har avslutats.");
  });
});
