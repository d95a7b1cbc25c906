import type { StatusCounts } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { statusCounts } from "../../test/status-counts";
import {
  areasOf,
  overviewCards,
  type PromiseCardModel,
  readOverviewFilters,
  shareOfPeriodElapsed,
  writeOverviewFilters,
} from "./overview-model";

const card = (id: number, area: string, counts: StatusCounts | null, endDate = "2026-12-31"): PromiseCardModel => ({
  id,
  slug: `p-${id}`,
  title: `Löfte ${id}`,
  area,
  startDate: "2024-01-01",
  endDate,
  status: "published",
  example: false,
  statusCounts: counts,
});

const cards = [
  card(1, "Nordost", statusCounts({ met: 5, missed: 1 }), "2024-12-31"),
  card(2, "Hisings Backa", statusCounts({ tracking: 7 }), "2025-12-31"),
  card(3, "Nordost", statusCounts({ behind: 2, on_track: 3 })),
  card(4, "Angered", statusCounts({ at_risk: 1, on_track: 4 })),
];

describe("overviewCards", () => {
  it("puts the promise with the most commitments behind plan first, then missed, then at risk", () => {
    expect(overviewCards(cards, { area: null, status: null }).map((c) => c.id)).toEqual([3, 1, 4, 2]);
  });

  it("filters by area and by a status that some commitment has", () => {
    expect(overviewCards(cards, { area: "Nordost", status: null }).map((c) => c.id)).toEqual([3, 1]);
    expect(overviewCards(cards, { area: null, status: "on_track" }).map((c) => c.id)).toEqual([3, 4]);
    expect(overviewCards(cards, { area: "Angered", status: "behind" })).toEqual([]);
  });

  it("keeps a promise whose counts could not be loaded, last", () => {
    expect(overviewCards([card(9, "X", null), ...cards], { area: null, status: null }).at(-1)?.id).toBe(9);
  });
});

describe("the overview's filters in the address", () => {
  it("reads and writes area and status, ignoring an unknown status", () => {
    expect(readOverviewFilters(new URLSearchParams("omrade=Nordost&status=behind"))).toEqual({ area: "Nordost", status: "behind" });
    expect(readOverviewFilters(new URLSearchParams("status=bad"))).toEqual({ area: null, status: null });
    const written = writeOverviewFilters(new URLSearchParams("per=2024-12-31&status=met"), { area: "Hisings Backa", status: null });
    expect(written.toString()).toBe("per=2024-12-31&omrade=Hisings+Backa");
  });
});

describe("areasOf", () => {
  it("lists each area once, in Swedish order", () => {
    expect(areasOf([{ area: "Örgryte" }, { area: "Nordost" }, { area: "Angered" }, { area: "Nordost" }])).toEqual([
      "Angered",
      "Nordost",
      "Örgryte",
    ]);
  });
});

describe("shareOfPeriodElapsed", () => {
  it("places today on the period's timeline", () => {
    expect(shareOfPeriodElapsed({ startDate: "2026-01-01", endDate: "2026-12-31" }, "2026-07-02")).toBeCloseTo(182 / 364, 9);
    expect(shareOfPeriodElapsed({ startDate: "2026-01-01", endDate: "2026-12-31" }, "2027-01-01")).toBeNull();
  });
});
