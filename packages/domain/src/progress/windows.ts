import type { LocalDate } from "../calendar/local-date";
import { datePartsOf, dayNumberOf, daysInMonth, fromDayNumber, toDayNumber } from "../calendar/local-date";
import type { Cadence, Period, Term } from "./types";

/**
 * One window of a commitment's cadence, clipped to the promise period (SPEC §3 "Windows").
 * `startDay`/`endDay` are the day numbers of `start`/`end`, kept so the engine never re-parses.
 */
export type CadenceWindow = {
  start: LocalDate;
  end: LocalDate;
  startDay: number;
  endDay: number;
  /** Days of the unclipped window: the calendar year, term or month (the period itself for `period`). */
  fullDays: number;
  /** Days of the window inside the promise period. */
  coveredDays: number;
};

/**
 * Splits a promise period into the windows of `cadence`, in date order.
 * `terms` is the term calendar and is only read for the `term` cadence; days that fall in no
 * term (the summer break) are in no window. Terms are taken as given: overlapping terms would give
 * overlapping windows, so the term calendar's editor is where overlaps must be refused.
 * Throws a RangeError when the period ends before it starts.
 */
export function splitPeriodIntoWindows(
  period: Period,
  cadence: Cadence,
  terms: readonly Term[] = [],
): CadenceWindow[] {
  const periodStart = toDayNumber(period.start);
  const periodEnd = toDayNumber(period.end);
  if (periodEnd < periodStart) {
    throw new RangeError(`The period ends (${period.end}) before it starts (${period.start})`);
  }
  const clip = (fullStart: number, fullEnd: number): CadenceWindow => {
    const startDay = Math.max(fullStart, periodStart);
    const endDay = Math.min(fullEnd, periodEnd);
    return {
      start: fromDayNumber(startDay),
      end: fromDayNumber(endDay),
      startDay,
      endDay,
      fullDays: fullEnd - fullStart + 1,
      coveredDays: endDay - startDay + 1,
    };
  };

  switch (cadence) {
    case "period":
      return [clip(periodStart, periodEnd)];
    case "year": {
      const windows: CadenceWindow[] = [];
      const lastYear = datePartsOf(periodEnd).year;
      for (let year = datePartsOf(periodStart).year; year <= lastYear; year++) {
        windows.push(clip(dayNumberOf(year, 1, 1), dayNumberOf(year, 12, 31)));
      }
      return windows;
    }
    case "month": {
      const windows: CadenceWindow[] = [];
      let { year, month } = datePartsOf(periodStart);
      let monthStart = dayNumberOf(year, month, 1);
      while (monthStart <= periodEnd) {
        const monthEnd = monthStart + daysInMonth(year, month) - 1;
        windows.push(clip(monthStart, monthEnd));
        monthStart = monthEnd + 1;
        if (month === 12) {
          year++;
          month = 1;
        } else {
          month++;
        }
      }
      return windows;
    }
    case "term":
      return terms
        .map((term) => ({ start: toDayNumber(term.start), end: toDayNumber(term.end) }))
        .filter((term) => term.start <= term.end && term.end >= periodStart && term.start <= periodEnd)
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map((term) => clip(term.start, term.end));
    default:
      return assertNever(cadence);
  }
}

function assertNever(value: never): never {
  throw new RangeError(`Unknown cadence: ${String(value)}`);
}
