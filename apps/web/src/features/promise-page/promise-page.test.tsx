import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { WORKED_EXAMPLE_AS_OF, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(path: string, routes = workedExampleRoutes()) {
  const api = fakeFetch({ "/api/auth/me": meRoute(USERS.manager), ...routes });
  vi.stubGlobal("fetch", api);
  renderApp(path);
  return api;
}

const card = () => screen.findByRole("listitem", { name: "Uppsökande arbete, minst 100 per år" });

describe("PromisePage", () => {
  it("shows the SPEC's worked example with the SPEC's numbers, rounded for people", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}`);
    const item = await card();
    // Target 84.426… is shown rounded up; expected 34.426… too; forecast 73.571… rounded; 2.0819… per week up to a tenth.
    expect(item.textContent).toContain("30 av 85 tillfällen (förväntat hittills 35) under 2024");
    expect(within(item).getByText("Risk")).toBeTruthy();
    expect(item.textContent).toContain("Prognos vid årets slut: 74 av 85.");
    expect(item.textContent).toContain("55 tillfällen kvar – behöver 2,1 per vecka.");
    expect(item.textContent).toContain("Ansvariga: Fältenheten och Polisen");
  });

  it("groups the commitments under their theme and counts them per status", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}`);
    await card();
    expect(screen.getByRole("heading", { level: 3, name: "Fritid" })).toBeTruthy();
    // A theme without commitments gets no heading.
    expect(screen.queryByRole("heading", { level: 3, name: "Skola" })).toBeNull();
    const summary = screen.getByRole("list", { name: "Sammanfattning av åtagandena" });
    expect(summary.textContent).toBe("!Risk 1");
  });

  it("measures over the whole period when the address says so", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}&fonster=hela`);
    const item = await card();
    // 84.43 + 100 = 184.43, shown as 185; the expected count is still the first year's 34.43.
    expect(item.textContent).toContain("30 av 185 tillfällen (förväntat hittills 35) under hela perioden");
    expect(item.textContent).toContain("Prognos vid periodens slut:");
  });

  it("links the commitment with the date kept, and offers the table as CSV for that date", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}`);
    const item = await card();
    expect(within(item).getByRole("link", { name: "Uppsökande arbete, minst 100 per år" }).getAttribute("href")).toBe(
      `/loften/1/ataganden/11?per=${WORKED_EXAMPLE_AS_OF}`,
    );
    expect(screen.getByRole("link", { name: "Ladda ner tabellen (CSV)" }).getAttribute("href")).toBe(
      `/api/promises/1/progress.csv?asOf=${WORKED_EXAMPLE_AS_OF}`,
    );
  });

  it("says the trend in words beside the small chart", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}`);
    const item = await card();
    // The last four weeks up to 1 July: 12 on 10 June and 1 on 1 July; the four before: nothing.
    expect(item.textContent).toContain("Senaste 4 veckorna: 13 tillfällen (4 veckorna innan: 0).");
    expect(item.textContent).toContain("ökar");
  });

  it("says nothing of a trend before the period has started (a renewed promise's draft)", async () => {
    open("/loften/1?per=2024-01-15", workedExampleRoutes(["2024-01-15"]));
    const item = await card();
    expect(item.textContent).toContain("Ansvariga: Fältenheten och Polisen");
    expect(item.textContent).not.toContain("Senaste 4 veckorna");
  });

  it("says so in Swedish when the promise does not exist", async () => {
    open("/loften/99", {});
    expect(await screen.findByRole("heading", { name: "Sidan finns inte" })).toBeTruthy();
  });

  it("shows the API's message when the progress cannot be computed", async () => {
    open(`/loften/1?per=${WORKED_EXAMPLE_AS_OF}`, {
      ...workedExampleRoutes(),
      [`/api/promises/1/progress?asOf=${WORKED_EXAMPLE_AS_OF}`]: {
        status: 500,
        body: { error: { code: "internal_error", message: "Något gick fel på servern. Ingenting sparades; försök igen." } },
      },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Det gick inte att hämta läget för medborgarlöftet.");
    expect(alert.textContent).toContain("Något gick fel på servern.");
  });
});
