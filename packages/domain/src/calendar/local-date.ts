/**
 * Local calendar dates ("YYYY-MM-DD") in Europe/Stockholm.
 *
 * Every calendar rule of the product (SPEC §3) works on local dates, never on instants.
 * Dates are handled as whole days since 1970-01-01 ("day numbers"): pure integer arithmetic,
 * so no machine time zone, DST shift or leap second can move a day.
 */

export type LocalDate = string;

export const PRODUCT_TIME_ZONE = "Europe/Stockholm";

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as YYYY-MM-DD (2023-02-29 is not). */
export function isLocalDate(value: string): boolean {
  return parseDayNumber(value) !== null;
}

/** Days since 1970-01-01 of a local date. Throws on anything that is not a real date. */
export function toDayNumber(date: LocalDate): number {
  const day = parseDayNumber(date);
  if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days of `month` (1–12) in `year`: February has 29 in a leap year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  const days = DAYS_IN_MONTH[month - 1];
  if (days === undefined) throw new RangeError(`Not a month (1–12): ${month}`);
  return days;
}

/**
 * Day number of a proleptic Gregorian date given as numbers (month 1–12), without range checks.
 * Integer-only so the engine can parse thousands of dates per request without allocating a Date:
 * Howard Hinnant's days_from_civil, https://howardhinnant.github.io/date_algorithms.html#days_from_civil
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Year, month (1–12) and day of a day number; the inverse of `dayNumberOf` (civil_from_days, same source). */
export function datePartsOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const CHAR_0 = 48;
const CHAR_HYPHEN = 45;

// Reads YYYY-MM-DD with charCodeAt instead of a regex and a Date: the progress engine parses
// every daily total of every commitment on each request, and this is several times faster.
function parseDayNumber(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== CHAR_HYPHEN || value.charCodeAt(7) !== CHAR_HYPHEN) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

/** The number written by `length` ASCII digits from `from`, or -1 when one of them is not a digit. */
function digitsAt(value: string, from: number, length: number): number {
  let result = 0;
  for (let i = from; i < from + length; i++) {
    const digit = value.charCodeAt(i) - CHAR_0;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = datePartsOf(dayNumber);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `start` to `end`, both included (1 when they are the same day, 0 when end < start). */
export function daysInclusive(start: LocalDate, end: LocalDate): number {
  return Math.max(0, toDayNumber(end) - toDayNumber(start) + 1);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  // YYYY-MM-DD strings sort like the dates they name.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

const stockholmDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: PRODUCT_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/Stockholm calendar date of an instant (2024-12-31T23:30:00Z → 2025-01-01). */
export function localDateOfInstant(instant: Date): LocalDate {
  // en-CA formats as YYYY-MM-DD; the platform's time zone database handles DST.
  return stockholmDateFormat.format(instant);
}

const stockholmTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: PRODUCT_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const pad2 = (value: number) => String(value).padStart(2, "0");

/**
 * An ISO 8601 timestamp with Stockholm's offset for a wall-clock time there ("2024-03-14 18:30"
 * in a spreadsheet → 2024-03-14T18:30:00+01:00; in July, +02:00). A time that occurs twice when
 * the clocks go back is read as the first (summer time); one skipped when they go forward
 * (02:30 on the last Sunday of March) gets +01:00, as a clock not yet moved would show it.
 */
export function stockholmTimestamp(date: LocalDate, hour: number, minute: number, second = 0): string {
  const time = `${pad2(hour)}:${pad2(minute)}`;
  for (const offset of ["+02:00", "+01:00"]) {
    const text = `${date}T${time}:${pad2(second)}${offset}`;
    const instant = new Date(text);
    if (localDateOfInstant(instant) === date && stockholmTimeFormat.format(instant) === time) return text;
  }
  return `${date}T${time}:${pad2(second)}+01:00`;
}

/** Today in Europe/Stockholm, as seen from the clock reading `now`. */
/**
 * The instant a Stockholm day begins. Stockholm is UTC+1 or UTC+2 and moves its clocks at
 * 01:00 UTC, never across midnight, so the day starts at 22:00 or 23:00 UTC the evening before.
 */
export function startOfLocalDay(date: LocalDate): Date {
  const previous = addDays(date, -1);
  const [summer, winter] = [new Date(`${previous}T22:00:00.000Z`), new Date(`${previous}T23:00:00.000Z`)];
  return localDateOfInstant(summer) === date ? summer : winter;
}

export function todayInStockholm(now: Date = new Date()): LocalDate {
  return localDateOfInstant(now);
}

/**
 * The local date of an activity's `occurredAt`: a plain `YYYY-MM-DD` is that local day;
 * an ISO 8601 timestamp with offset is converted to its Europe/Stockholm date.
 * Returns null when the value is neither.
 */
export function localDateOfOccurredAt(occurredAt: string): LocalDate | null {
  if (LOCAL_DATE_PATTERN.test(occurredAt)) return isLocalDate(occurredAt) ? occurredAt : null;
  const instant = parseInstant(occurredAt);
  return instant ? localDateOfInstant(instant) : null;
}

// ISO 8601 date-time with a mandatory offset (Z or ±hh:mm); seconds and fractions optional.
const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO 8601 timestamp that carries an offset; null for anything else or an impossible time. */
export function parseInstant(value: string): Date | null {
  const match = INSTANT_PATTERN.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (!isLocalDate(`${y}-${mo}-${d}`)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
