import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { bucketLabel, formatAxisDate, formatTooltipDate } from "./chart-format";

const sv = i18n.getFixedT("sv");

describe("chart labels", () => {
  it("writes axis dates short and Swedish, with the year on axes longer than a year", () => {
    expect(formatAxisDate("2024-02-27", "sv-SE")).toBe("27 feb.");
    expect(formatAxisDate("2024-10-17", "sv-SE", { longRange: true })).toBe("okt. 2024");
  });

  it("writes the tooltip's date in full", () => {
    expect(formatTooltipDate("2024-12-31", "sv-SE")).toBe("31 december 2024");
  });

  it("names a week by its ISO number and a month by name and year", () => {
    expect(bucketLabel({ start: "2024-03-11", unit: "week", number: 11, year: 2024, quantity: 0 }, "sv-SE", sv)).toBe("v. 11");
    expect(bucketLabel({ start: "2024-03-01", unit: "month", number: 3, year: 2024, quantity: 0 }, "sv-SE", sv)).toBe("mars 2024");
  });
});
