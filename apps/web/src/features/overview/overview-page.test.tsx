import type { PromiseSummary } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { statusCounts } from "../../test/status-counts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const promise = (id: number, title: string, area: string, startDate: string, endDate: string): PromiseSummary => ({
  id,
  slug: `p${id}`,
  title,
  area,
  startDate,
  endDate,
  status: "published",
  example: false,
});

const promises = [
  promise(1, "Nordost 2023–2024", "Nordost", "2023-01-01", "2024-12-31"),
  promise(2, "Hisings Backa 2024–2025", "Hisings Backa", "2024-02-27", "2025-12-31"),
  promise(3, "Nordost 2026–2027", "Nordost", "2026-01-01", "2027-12-31"),
];

function open(path: string, asOf = todayInStockholm()) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(USERS.manager),
    "/api/promises": { body: promises },
    [`/api/progress?asOf=${asOf}`]: {
      body: {
        asOf,
        promises: [
          { promiseId: 1, statusCounts: statusCounts({ met: 4, missed: 2 }) },
          { promiseId: 2, statusCounts: statusCounts({ tracking: 18 }) },
          { promiseId: 3, statusCounts: statusCounts({ behind: 1, at_risk: 3, met: 2 }) },
        ],
      },
    },
  });
  vi.stubGlobal("fetch", api);
  renderApp(path);
  return api;
}

const cardTitles = async () =>
  within(await screen.findByRole("list", { name: "Medborgarlöften, de som ligger sämst till först" }))
    .getAllByRole("heading", { level: 3 })
    .map((heading) => heading.textContent);

describe("OverviewPage", () => {
  it("puts the promise with commitments behind plan first, then the one with missed targets", async () => {
    open("/");
    expect(await cardTitles()).toEqual(["Nordost 2026–2027", "Nordost 2023–2024", "Hisings Backa 2024–2025"]);
  });

  it("counts each promise's commitments per status, worst first, in words", async () => {
    open("/");
    const list = await screen.findByRole("list", { name: "Åtagandena i Nordost 2026–2027 per status" });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "▼Efter plan 1",
      "!Risk 3",
      "✓Uppnått 2",
    ]);
  });

  it("filters by area and status, keeping both in the address", async () => {
    open("/");
    await cardTitles();
    fireEvent.change(screen.getByRole("combobox", { name: "Område" }), { target: { value: "Nordost" } });
    expect(currentLocation()).toBe("/?omrade=Nordost");
    expect(await cardTitles()).toEqual(["Nordost 2026–2027", "Nordost 2023–2024"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Har åtaganden som är" }), { target: { value: "missed" } });
    expect(currentLocation()).toBe("/?omrade=Nordost&status=missed");
    expect(await cardTitles()).toEqual(["Nordost 2023–2024"]);
    expect(screen.getByText("Visar 1 av 3 medborgarlöften.")).toBeTruthy();
  });

  it("shows the counts as of a past date from the address, and links keep that date", async () => {
    open("/?per=2024-12-31", "2024-12-31");
    await cardTitles();
    expect(screen.getByText("Visar läget som det var 2024-12-31.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Nordost 2023–2024" }).getAttribute("href")).toBe("/loften/1?per=2024-12-31");
    // On 31 December 2024 Nordost 2023–2024 is on its last day.
    const card = screen.getByRole("listitem", { name: "Nordost 2023–2024" });
    expect(card.textContent).toContain("dag 731 av 731");
  });
});
