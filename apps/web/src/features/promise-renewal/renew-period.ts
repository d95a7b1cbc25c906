import { addDays, datePartsOf, dayNumberOf, daysInclusive, daysInMonth, fromDayNumber, toDayNumber } from "@lofteskollen/domain";

type Period = { startDate: string; endDate: string };

/** Whole calendar months from the first of a month to the last of a month, else null. */
function wholeMonths({ startDate, endDate }: Period): number | null {
  const start = datePartsOf(toDayNumber(startDate));
  const end = datePartsOf(toDayNumber(endDate));
  if (start.day !== 1 || end.day !== daysInMonth(end.year, end.month)) return null;
  return (end.year - start.year) * 12 + (end.month - start.month) + 1;
}

/**
 * The next period of the same length, starting the day after `endDate`. A period of whole months
 * (2024-01-01 – 2025-12-31) is followed by as many whole months (2026-01-01 – 2027-12-31); any
 * other by as many days.
 */
export function nextPeriod(period: Period): Period {
  const startDate = addDays(period.endDate, 1);
  const months = wholeMonths(period);
  if (months === null) return { startDate, endDate: addDays(startDate, daysInclusive(period.startDate, period.endDate) - 1) };
  const start = datePartsOf(toDayNumber(startDate));
  const lastMonth = start.month - 1 + months - 1;
  const year = start.year + Math.floor(lastMonth / 12);
  const month = (lastMonth % 12) + 1;
  return { startDate, endDate: fromDayNumber(dayNumberOf(year, month, daysInMonth(year, month))) };
}
