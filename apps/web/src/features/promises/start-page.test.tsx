import type { PromiseSummary } from "@lofteskollen/contracts";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, renderWithQueries } from "../../test/render";
import { progressFixture } from "../progress/progress.fixture";
import { StartPage } from "./start-page";

const promises: PromiseSummary[] = [
  {
    id: 3,
    slug: "nordost-2023-2024",
    title: "Medborgarlöfte Nordost 2023–2024",
    area: "Nordost",
    startDate: "2023-01-01",
    endDate: "2024-12-31",
    status: "published",
    example: false,
  },
  {
    id: 1,
    slug: "exempel-nordost",
    title: "Exempel: Nordost – förnyat löfte (påhittat exempel)",
    area: "Nordost",
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    status: "published",
    example: true,
  },
  {
    id: 4,
    slug: "framtiden",
    title: "Medborgarlöfte Framtiden 2028",
    area: "Angered",
    startDate: "2028-01-01",
    endDate: "2028-12-31",
    status: "published",
    example: false,
  },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubApi() {
  vi.stubGlobal(
    "fetch",
    fakeFetch({
      "/api/promises": { body: promises },
      "/api/promises/1/progress?asOf=2026-11-22": { body: progressFixture },
    }),
  );
}

describe("StartPage", () => {
  it("lists every promise with its area, its period and whether it is ongoing", async () => {
    stubApi();
    renderWithQueries(<StartPage today="2026-11-22" />);
    const section = await screen.findByRole("region", { name: "Medborgarlöften" });
    const items = await within(section).findAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toContain("2023-01-01 – 2024-12-31");
    expect(items[0]?.textContent).toContain("Avslutat");
    expect(items[1]?.textContent).toContain("Pågår");
    expect(items[2]?.textContent).toContain("Kommande");
  });

  it("marks only the invented example as an invented example", async () => {
    stubApi();
    renderWithQueries(<StartPage today="2026-11-22" />);
    const section = await screen.findByRole("region", { name: "Medborgarlöften" });
    const badges = await within(section).findAllByText("Påhittat exempel");
    expect(badges).toHaveLength(1);
    expect(badges[0]?.closest("li")?.textContent).toContain("Exempel: Nordost");
  });

  it("follows up the ongoing promise as of today", async () => {
    stubApi();
    renderWithQueries(<StartPage today="2026-11-22" />);
    const overview = await screen.findByRole("region", { name: "Så går det" });
    expect(overview.textContent).toContain("Läget i dag, 2026-11-22");
    expect(await within(overview).findByText("SSPF sammankallar nyckelaktörer")).toBeTruthy();
  });

  it("says so in Swedish when the promises cannot be loaded", async () => {
    vi.stubGlobal("fetch", async () => new Response("upstream down", { status: 502 }));
    renderWithQueries(<StartPage today="2026-11-22" />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Det gick inte att hämta medborgarlöftena.");
    expect(alert.textContent).toContain("Servern svarade med ett fel (502).");
  });
});
