import { getISOWeek, getISOWeekYear, startOfISOWeek } from "date-fns";

/**
 * ISO 8601 weeks (Monday–Sunday, week 1 holds 4 January) of local dates, through date-fns.
 * date-fns reads a Date in the runtime's zone; the local midnight of a calendar day is that same
 * calendar day in any zone, so the answers are right wherever the browser is.
 */
function localMidnight(date: string): Date {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return new Date(year, month - 1, day);
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The ISO week of a local date: its number and the year it belongs to (30 December 2024 is week 1 of 2025). */
export function isoWeekOf(date: string): { week: number; year: number } {
  const local = localMidnight(date);
  return { week: getISOWeek(local), year: getISOWeekYear(local) };
}

/** The Monday of the ISO week that holds `date`. */
export function mondayOf(date: string): string {
  const monday = startOfISOWeek(localMidnight(date));
  return `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}
