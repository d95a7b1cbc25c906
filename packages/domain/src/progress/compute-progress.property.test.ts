import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  datePartsOf,
  daysInclusive,
  daysInMonth,
  daysInYear,
  fromDayNumber,
  minDate,
  toDayNumber,
} from "../calendar/local-date";
import { defaultTermCalendar } from "../test-support/default-term-calendar";
import { computeCommitmentProgress } from "./compute-progress";
import { STATUS_RANK } from "./status";
import type { Cadence, CommitmentProgressInput, DailyTotal, ProgressWindow, Status } from "./types";
import { CADENCES } from "./types";
import { splitPeriodIntoWindows } from "./windows";

const terms = defaultTermCalendar(1999, 2041);
const FIRST_DAY = toDayNumber("2000-01-01");
const LAST_DAY = toDayNumber("2040-12-31");
const MAX_PERIOD_DAYS = 4 * 366;
const GAPLESS_CADENCES = ["period", "year", "month"] as const satisfies readonly Cadence[];

type Scenario = CommitmentProgressInput & { startDay: number; endDay: number; asOfDay: number };

/**
 * A commitment over a period of up to four years within 2000–2040, with daily totals that may
 * fall before, in and after the period, seen from an as-of date in and around it.
 */
function scenarios(options: { cadences?: readonly Cadence[]; asOfFromStart?: boolean } = {}) {
  const cadences = options.cadences ?? CADENCES;
  return fc
    .record({
      startDay: fc.integer({ min: FIRST_DAY, max: LAST_DAY - MAX_PERIOD_DAYS }),
      length: fc.integer({ min: 1, max: MAX_PERIOD_DAYS }),
      cadence: fc.constantFrom(...cadences),
    })
    .chain(({ startDay, length, cadence }) => {
      const endDay = startDay + length - 1;
      const period = { start: fromDayNumber(startDay), end: fromDayNumber(endDay) };
      // The rules change on the first and the last day of a window: pick those days often.
      const edges = splitPeriodIntoWindows(period, cadence, terms).flatMap((window) => [
        window.startDay,
        window.endDay,
        window.endDay + 1,
        ...(options.asOfFromStart ? [] : [window.startDay - 1]),
      ]);
      const earliestAsOf = options.asOfFromStart ? startDay : startDay - 60;
      return fc.record({
        startDay: fc.constant(startDay),
        endDay: fc.constant(endDay),
        cadence: fc.constant(cadence),
        target: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null, freq: 5 }),
        dailyTotals: fc.array(
          fc.record({
            day: fc.integer({ min: startDay - 30, max: endDay + 30 }),
            quantity: fc.integer({ min: 1, max: 100 }),
          }),
          { maxLength: 300 },
        ),
        asOfDay: fc.oneof(
          fc.integer({ min: earliestAsOf, max: endDay + 60 }),
          fc.constantFrom(...(edges.length > 0 ? edges : [startDay])),
        ),
      });
    })
    .map(
      ({ startDay, endDay, cadence, target, dailyTotals, asOfDay }): Scenario => ({
        period: { start: fromDayNumber(startDay), end: fromDayNumber(endDay) },
        cadence,
        target,
        terms,
        dailyTotals: dailyTotals.map(({ day, quantity }): DailyTotal => ({ date: fromDayNumber(day), quantity })),
        asOf: fromDayNumber(asOfDay),
        startDay,
        endDay,
        asOfDay,
      }),
    );
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function totalsBetween(dailyTotals: readonly DailyTotal[], fromDay: number, toDay: number): number {
  return sum(
    dailyTotals.filter(({ date }) => toDayNumber(date) >= fromDay && toDayNumber(date) <= toDay).map((t) => t.quantity),
  );
}

describe("windows (properties)", () => {
  it("cover the period exactly, contiguous and without overlap, for period, year and month", () => {
    fc.assert(
      fc.property(scenarios({ cadences: GAPLESS_CADENCES }), ({ period, cadence, startDay, endDay }) => {
        const windows = splitPeriodIntoWindows(period, cadence);
        expect(windows[0]?.startDay).toBe(startDay);
        expect(windows.at(-1)?.endDay).toBe(endDay);
        windows.forEach((window, i) => {
          const next = windows[i + 1];
          if (next) expect(next.startDay).toBe(window.endDay + 1);
          expect(window.coveredDays).toBe(window.endDay - window.startDay + 1);
          expect(window.coveredDays).toBeGreaterThanOrEqual(1);
          expect(window.coveredDays).toBeLessThanOrEqual(window.fullDays);
        });
        expect(sum(windows.map((window) => window.coveredDays))).toBe(endDay - startDay + 1);
      }),
    );
  });

  it("are ordered, disjoint, inside the period and inside a term for the term cadence", () => {
    const termDays = terms.map((term) => [toDayNumber(term.start), toDayNumber(term.end)] as const);
    fc.assert(
      fc.property(scenarios({ cadences: ["term"] }), ({ period, startDay, endDay }) => {
        const windows = splitPeriodIntoWindows(period, "term", terms);
        windows.forEach((window, i) => {
          const next = windows[i + 1];
          if (next) expect(next.startDay).toBeGreaterThan(window.endDay);
          expect(window.startDay).toBeGreaterThanOrEqual(startDay);
          expect(window.endDay).toBeLessThanOrEqual(endDay);
          const term = termDays.find(([start, end]) => start <= window.startDay && window.endDay <= end);
          expect(term).toBeDefined();
          if (term) expect(window.fullDays).toBe(term[1] - term[0] + 1);
        });
        // Every day of the period that lies in a term lies in a window.
        const daysInTerms = termDays.reduce(
          (days, [start, end]) => days + Math.max(0, Math.min(end, endDay) - Math.max(start, startDay) + 1),
          0,
        );
        expect(sum(windows.map((window) => window.coveredDays))).toBe(daysInTerms);
      }),
    );
  });
});

describe("progress (properties)", () => {
  it("gives the period total as the sum of the window actuals for gapless cadences", () => {
    fc.assert(
      fc.property(scenarios({ cadences: GAPLESS_CADENCES }), (scenario) => {
        const result = computeCommitmentProgress(scenario);
        expect(sum(result.windows.map((window) => window.actual))).toBe(result.total.actual);
      }),
    );
  });

  it("counts exactly the daily totals of the period up to the as-of date, never more than the period holds", () => {
    fc.assert(
      fc.property(scenarios(), (scenario) => {
        const { dailyTotals, startDay, endDay, asOfDay } = scenario;
        const result = computeCommitmentProgress(scenario);
        const inPeriod = totalsBetween(dailyTotals, startDay, endDay);
        expect(result.total.actual).toBe(totalsBetween(dailyTotals, startDay, Math.min(endDay, asOfDay)));
        expect(result.total.actual).toBeLessThanOrEqual(inPeriod);
        for (const window of result.windows) {
          expect(window.actual).toBeLessThanOrEqual(inPeriod);
          const windowStart = toDayNumber(window.start);
          const windowEnd = toDayNumber(window.end);
          expect(window.actual).toBe(totalsBetween(dailyTotals, windowStart, Math.min(windowEnd, asOfDay)));
        }
      }),
    );
  });

  it("gives a full calendar year the yearly target exactly and a partial year its share", () => {
    fc.assert(
      fc.property(scenarios({ cadences: ["year"] }), (scenario) => {
        const { target } = scenario;
        fc.pre(target !== null);
        for (const window of computeCommitmentProgress(scenario).windows) {
          if (window.coveredDays === window.fullDays) expect(window.target).toBe(target);
          expect(window.target).toBe((target * window.coveredDays) / window.fullDays);
          expect(window.fullDays).toBe(daysInYear(datePartsOf(toDayNumber(window.start)).year));
        }
      }),
    );
  });

  it("gives each of the twelve months of a covered year the monthly target, and partial months their share", () => {
    const coveringAYear = fc
      .record({
        year: fc.integer({ min: 2001, max: 2039 }),
        before: fc.integer({ min: 0, max: 200 }),
        after: fc.integer({ min: 0, max: 200 }),
        target: fc.integer({ min: 1, max: 5000 }),
      })
      .map(({ year, before, after, target }) => ({
        year,
        target,
        period: {
          start: fromDayNumber(toDayNumber(`${year}-01-01`) - before),
          end: fromDayNumber(toDayNumber(`${year}-12-31`) + after),
        },
      }));
    fc.assert(
      fc.property(coveringAYear, ({ year, target, period }) => {
        const result = computeCommitmentProgress({ period, target, cadence: "month", terms, dailyTotals: [], asOf: period.start });
        const months = result.windows.filter((window) => window.start.startsWith(`${year}-`));
        expect(months).toHaveLength(12);
        months.forEach((window, i) => {
          expect(window.start).toBe(`${year}-${String(i + 1).padStart(2, "0")}-01`);
          expect(window.fullDays).toBe(daysInMonth(year, i + 1));
          expect(window.target).toBe(target);
        });
        for (const window of result.windows) {
          const { year: y, month: m } = datePartsOf(toDayNumber(window.start));
          expect(window.target).toBe((target * window.coveredDays) / daysInMonth(y, m));
        }
      }),
    );
  });

  it("gives the period cadence the commitment target as its total target", () => {
    fc.assert(
      fc.property(scenarios({ cadences: ["period"] }), (scenario) => {
        const result = computeCommitmentProgress(scenario);
        expect(sum(result.windows.map((window) => window.target ?? 0))).toBe(scenario.target ?? 0);
        expect(result.total.target).toBe(scenario.target);
      }),
    );
  });

  it("never lowers a status when one more activity is logged on or before the as-of date", () => {
    const withExtra = scenarios({ asOfFromStart: true }).chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        day: fc.integer({ min: scenario.startDay, max: Math.min(scenario.endDay, scenario.asOfDay) }),
        quantity: fc.integer({ min: 1, max: 200 }),
      }),
    );
    fc.assert(
      fc.property(withExtra, ({ scenario, day, quantity }) => {
        const before = computeCommitmentProgress(scenario);
        const after = computeCommitmentProgress({
          ...scenario,
          dailyTotals: [...scenario.dailyTotals, { date: fromDayNumber(day), quantity }],
        });
        expect(after.total.actual).toBe(before.total.actual + quantity);
        const pairs = [
          [before.status, after.status],
          ...before.windows.map((window, i) => [window.status, after.windows[i]?.status] as const),
        ] as const;
        for (const [was, is] of pairs) {
          const wasRank = STATUS_RANK[was];
          if (wasRank === null) {
            expect(is).toBe(was);
          } else {
            expect(is).toBeDefined();
            const isRank = is === undefined ? null : STATUS_RANK[is];
            expect(isRank).not.toBeNull();
            expect(isRank ?? -1).toBeGreaterThanOrEqual(wasRank);
          }
        }
      }),
    );
  });

  it("keeps elapsed days, expected counts, forecasts and weekly needs within their definitions", () => {
    fc.assert(
      fc.property(scenarios(), (scenario) => {
        const { asOfDay, target } = scenario;
        const result = computeCommitmentProgress(scenario);
        const containing = result.windows.filter(
          (window) => toDayNumber(window.start) <= asOfDay && asOfDay <= toDayNumber(window.end),
        );
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(result.current).toEqual(containing[0] ?? null);
        if (result.current) expect(result.status).toBe(result.current.status);
        for (const window of result.windows) {
          const isCurrent = window === result.current;
          expect(window.elapsedDays).toBeGreaterThanOrEqual(0);
          expect(window.elapsedDays).toBeLessThanOrEqual(window.coveredDays);
          if (target === null) {
            expect(window).toMatchObject({
              target: null,
              expectedToDate: null,
              forecast: null,
              neededPerWeek: null,
              status: "tracking",
            });
            continue;
          }
          expect(window.expectedToDate).toBeGreaterThanOrEqual(0);
          expect(window.expectedToDate).toBeLessThanOrEqual(window.target ?? Number.NaN);
          expect(window.forecast === null).toBe(!isCurrent);
          if (!isCurrent || window.status === "met" || window.elapsedDays === window.coveredDays) {
            expect(window.neededPerWeek).toBeNull();
          } else {
            expect(window.neededPerWeek).toBeGreaterThan(0);
          }
        }
        if (target === null) expect(result.status).toBe("tracking");
      }),
    );
  });

  it("follows the SPEC's status rules in every window and for the commitment", () => {
    // SPEC §3, restated from the window's public fields: the first rule that holds wins.
    const specStatus = (window: ProgressWindow, asOf: string, expected: number): Status => {
      if (window.target === null) return "tracking";
      if (window.actual >= window.target) return "met";
      if (window.end < asOf) return "missed";
      if (window.start > asOf) return "upcoming";
      if (window.actual >= expected) return "on_track";
      if (window.actual >= 0.75 * expected) return "at_risk";
      return "behind";
    };
    fc.assert(
      fc.property(scenarios(), (scenario) => {
        const { asOf } = scenario;
        const result = computeCommitmentProgress(scenario);
        for (const window of result.windows) {
          expect(window.elapsedDays).toBe(window.start > asOf ? 0 : daysInclusive(window.start, minDate(window.end, asOf)));
          const { target } = scenario;
          // target × elapsedDays / coveredDays with the pro-rating folded in, as the engine rounds it.
          const expected = target === null ? 0 : (target * window.elapsedDays) / window.fullDays;
          if (window.target !== null) {
            expect(window.expectedToDate).toBeCloseTo((window.target * window.elapsedDays) / window.coveredDays, 9);
          }
          expect(window.status).toBe(specStatus(window, asOf, expected));
        }
        // SPEC §4: the current window's status; else the last window ended before the as-of date; else the first.
        const lastEnded = result.windows.filter((window) => window.end < asOf).at(-1);
        const speaking = result.current ?? lastEnded ?? result.windows[0];
        if (speaking) expect(result.status).toBe(speaking.status);
      }),
    );
  });
});
