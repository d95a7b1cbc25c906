import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInclusive,
  daysInMonth,
  daysInYear,
  fromDayNumber,
  isLocalDate,
  localDateOfInstant,
  localDateOfOccurredAt,
  parseInstant,
  startOfLocalDay,
  stockholmTimestamp,
  toDayNumber,
  todayInStockholm,
} from "./local-date";

describe("day numbers", () => {
  it("counts days from 1970-01-01", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2024-02-27")).toBe(19_780);
    expect(fromDayNumber(19_780)).toBe("2024-02-27");
  });

  it("agrees with the platform's UTC calendar on every day from 1900 to 2100", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("1900-01-01"), max: toDayNumber("2100-12-31") }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(day)).toBe(iso);
        expect(toDayNumber(iso)).toBe(day);
      }),
    );
  });

  it("knows leap days: 2024-02-29 and 2000-02-29 exist, 2023-02-29 and 1900-02-29 do not", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2000-02-29")).toBe(true);
    expect(isLocalDate("2023-02-29")).toBe(false);
    expect(isLocalDate("1900-02-29")).toBe(false);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2025)).toBe(365);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInclusive("2024-01-01", "2024-12-31")).toBe(366);
  });

  it.each(["2024-2-27", "2024-02-27T00:00", "24-02-27", "2024-13-01", "2024-04-31", "2024-00-10", "2024-01-00", "", "2024/02/27", "２０２４-02-27"])(
    "refuses %j as a date",
    (value) => {
      expect(isLocalDate(value)).toBe(false);
      expect(() => toDayNumber(value)).toThrow(RangeError);
    },
  );

  it("counts both ends of a range and gives 0 for a reversed one", () => {
    expect(daysInclusive("2024-02-27", "2024-02-27")).toBe(1);
    expect(daysInclusive("2024-02-27", "2025-12-31")).toBe(674);
    expect(daysInclusive("2024-03-01", "2024-02-29")).toBe(0);
  });
});

describe("Europe/Stockholm dates of instants", () => {
  it.each([
    // Winter time, CET = UTC+01:00.
    ["2024-03-30T22:59:59Z", "2024-03-30"],
    ["2024-03-30T23:00:00Z", "2024-03-31"],
    ["2024-03-30T23:30:00Z", "2024-03-31"],
    // Spring forward at 01:00 UTC on 2024-03-31; from then CEST = UTC+02:00.
    ["2024-03-31T01:30:00Z", "2024-03-31"],
    ["2024-03-31T21:59:59Z", "2024-03-31"],
    ["2024-03-31T22:00:00Z", "2024-04-01"],
    // Summer time until the fall back at 01:00 UTC on 2024-10-27.
    ["2024-10-26T21:59:59Z", "2024-10-26"],
    ["2024-10-26T22:00:00Z", "2024-10-27"],
    ["2024-10-26T22:30:00Z", "2024-10-27"],
    ["2024-10-27T00:30:00Z", "2024-10-27"],
    ["2024-10-27T01:30:00Z", "2024-10-27"],
    ["2024-10-27T22:59:59Z", "2024-10-27"],
    ["2024-10-27T23:00:00Z", "2024-10-28"],
    // New Year's Eve in winter time.
    ["2024-12-31T22:59:59Z", "2024-12-31"],
    ["2024-12-31T23:00:00Z", "2025-01-01"],
    ["2024-12-31T23:30:00Z", "2025-01-01"],
  ])("puts %s on the Stockholm date %s", (instant, localDate) => {
    expect(localDateOfInstant(new Date(instant))).toBe(localDate);
    expect(localDateOfOccurredAt(instant)).toBe(localDate);
  });

  it("converts timestamps written with any offset", () => {
    expect(localDateOfOccurredAt("2024-07-01T00:30:00+02:00")).toBe("2024-07-01");
    expect(localDateOfOccurredAt("2024-06-30T23:30:00-01:00")).toBe("2024-07-01");
    expect(localDateOfOccurredAt("2024-06-30T23:59:59.999+02:00")).toBe("2024-06-30");
    expect(localDateOfOccurredAt("2025-01-01T00:10:00+0100")).toBe("2025-01-01");
  });

  it("takes a plain date as that local day, whatever the time zone", () => {
    expect(localDateOfOccurredAt("2024-02-29")).toBe("2024-02-29");
    expect(localDateOfOccurredAt("2024-03-31")).toBe("2024-03-31");
  });

  it("gives no date for what is neither a real date nor a timestamp with an offset", () => {
    expect(localDateOfOccurredAt("2023-02-29")).toBeNull();
    expect(localDateOfOccurredAt("2024-07-01T12:00:00")).toBeNull();
    expect(localDateOfOccurredAt("2024-07-01T24:00:00Z")).toBeNull();
    expect(localDateOfOccurredAt("1 juli 2024")).toBeNull();
    expect(parseInstant("2024-02-30T10:00:00Z")).toBeNull();
  });

  it("reads today from the given clock in Stockholm, not in UTC", () => {
    expect(todayInStockholm(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });

  it("keeps the same date in the middle of a summer day", () => {
    expect(todayInStockholm(new Date("2026-07-01T12:00:00Z"))).toBe("2026-07-01");
  });
});

describe("startOfLocalDay", () => {
  it("is 23:00 UTC the evening before in winter and 22:00 UTC in summer", () => {
    expect(startOfLocalDay("2024-01-15").toISOString()).toBe("2024-01-14T23:00:00.000Z");
    expect(startOfLocalDay("2024-07-01").toISOString()).toBe("2024-06-30T22:00:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 31 March 2024: clocks go forward at 02:00 local, after midnight (still UTC+1).
    expect(startOfLocalDay("2024-03-31").toISOString()).toBe("2024-03-30T23:00:00.000Z");
    expect(startOfLocalDay("2024-04-01").toISOString()).toBe("2024-03-31T22:00:00.000Z");
    // 27 October 2024: clocks go back at 03:00 local (still UTC+2 at midnight).
    expect(startOfLocalDay("2024-10-27").toISOString()).toBe("2024-10-26T22:00:00.000Z");
    expect(startOfLocalDay("2024-10-28").toISOString()).toBe("2024-10-27T23:00:00.000Z");
  });

  it("is the first instant whose Stockholm date is that day", () => {
    for (const date of ["2023-12-31", "2024-02-29", "2024-06-15", "2025-03-30", "2025-10-26"]) {
      const start = startOfLocalDay(date);
      expect(localDateOfInstant(start)).toBe(date);
      expect(localDateOfInstant(new Date(start.getTime() - 1))).toBe(addDays(date, -1));
    }
  });
});

describe("stockholmTimestamp", () => {
  it("gives a winter wall-clock time +01:00 and a summer one +02:00", () => {
    expect(stockholmTimestamp("2024-03-14", 18, 30)).toBe("2024-03-14T18:30:00+01:00");
    expect(stockholmTimestamp("2024-07-01", 9, 5, 7)).toBe("2024-07-01T09:05:07+02:00");
  });

  it("reads a time that occurs twice when the clocks go back as the first, summer-time one", () => {
    expect(stockholmTimestamp("2024-10-27", 2, 30)).toBe("2024-10-27T02:30:00+02:00");
  });

  it("gives a time skipped when the clocks go forward +01:00", () => {
    expect(stockholmTimestamp("2024-03-31", 2, 30)).toBe("2024-03-31T02:30:00+01:00");
  });

  it("names the same local day as the date it was given, just before midnight", () => {
    expect(localDateOfOccurredAt(stockholmTimestamp("2024-12-31", 23, 59))).toBe("2024-12-31");
  });
});
