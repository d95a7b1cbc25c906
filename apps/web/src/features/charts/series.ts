import type { DailyTotal, ProgressWindow } from "@lofteskollen/contracts";
import { fromDayNumber, toDayNumber } from "@lofteskollen/domain";
import { isoWeekOf } from "../../app/iso-week";

/**
 * The data the charts draw, shaped here (pure, tested) so that the chart components only draw.
 * Dates are local dates (YYYY-MM-DD, Europe/Stockholm) handled as day numbers.
 */

export type BurnupPoint = {
  date: string;
  /** Done so far, cumulative; null after the as-of date (the future is not known). */
  actual: number | null;
  /** Where the schedule says the count should be by this day; null without a target. */
  pace: number | null;
  /** The run-rate carried to the end; only from the as-of date on, while the range is running. */
  forecast: number | null;
};

export type BurnupInput = {
  /** The first and last day drawn (a window, or the whole period). */
  start: string;
  end: string;
  /** The cadence windows inside start–end, whose pro-rated targets make the pace line. */
  windows: readonly Pick<ProgressWindow, "start" | "end" | "coveredDays" | "target">[];
  /** Daily totals, any order; days outside start–end or after asOf are ignored. */
  days: readonly DailyTotal[];
  asOf: string;
};

/**
 * A burn-up chart's lines, one point per day: cumulative actual up to the as-of date, the target
 * pace (each window's target spread evenly over its days, so the line stands still between terms),
 * and the forecast at the current run-rate from the as-of date to the end.
 */
export function burnupSeries({ start, end, windows, days, asOf }: BurnupInput): BurnupPoint[] {
  const first = toDayNumber(start);
  const last = toDayNumber(end);
  const asOfDay = toDayNumber(asOf);
  if (last < first) return [];

  const perDay = new Float64Array(last - first + 1);
  for (const { date, quantity } of days) {
    const day = toDayNumber(date);
    if (day >= first && day <= last && day <= asOfDay) perDay[day - first] = (perDay[day - first] ?? 0) + quantity;
  }
  const paced = windows
    .filter((window) => window.target !== null && window.coveredDays > 0)
    .map((window) => ({
      start: toDayNumber(window.start),
      end: toDayNumber(window.end),
      perDay: (window.target ?? 0) / window.coveredDays,
    }));
  const hasTarget = windows.some((window) => window.target !== null);

  const points: BurnupPoint[] = [];
  let cumulative = 0;
  let pace = 0;
  for (let day = first; day <= last; day++) {
    cumulative += perDay[day - first] ?? 0;
    for (const window of paced) if (day >= window.start && day <= window.end) pace += window.perDay;
    points.push({
      date: fromDayNumber(day),
      actual: day <= asOfDay ? cumulative : null,
      pace: hasTarget ? pace : null,
      forecast: null,
    });
  }

  // A forecast only while the range is running: from the as-of date (where it meets the actual
  // line) to the end, at the average daily rate so far.
  if (asOfDay >= first && asOfDay < last) {
    const elapsed = asOfDay - first + 1;
    const atAsOf = points[asOfDay - first]?.actual ?? 0;
    const rate = atAsOf / elapsed;
    for (let day = asOfDay; day <= last; day++) {
      const point = points[day - first];
      if (point) point.forecast = atAsOf + rate * (day - asOfDay);
    }
  }
  return points;
}

/**
 * At most about `maxPoints` points for a chart a few hundred pixels wide: every `step`-th day,
 * always keeping the first and last day and the as-of date (where the actual line ends and the
 * forecast begins). A two-year period drawn day by day is 731 points per line: Recharts then
 * spends a few hundred milliseconds rendering detail no screen can show.
 */
export function thinOut(points: readonly BurnupPoint[], asOf: string, maxPoints = 180): BurnupPoint[] {
  if (points.length <= maxPoints) return [...points];
  const step = Math.ceil(points.length / maxPoints);
  return points.filter((point, index) => index % step === 0 || index === points.length - 1 || point.date === asOf);
}

export type BucketUnit = "week" | "month";

export type Bucket = {
  /** The bucket's first day inside the range. */
  start: string;
  unit: BucketUnit;
  /** ISO week number (weeks) or month 1–12 (months). */
  number: number;
  year: number;
  quantity: number;
};

/** Weeks for a range up to about half a year, months beyond: enough bars to read, not too many. */
export function bucketUnitFor(start: string, end: string): BucketUnit {
  return toDayNumber(end) - toDayNumber(start) + 1 <= 190 ? "week" : "month";
}

function bucketOf(day: number, unit: BucketUnit): { key: string; number: number; year: number } {
  const date = fromDayNumber(day);
  if (unit === "month") return { key: date.slice(0, 7), number: Number(date.slice(5, 7)), year: Number(date.slice(0, 4)) };
  const { week, year } = isoWeekOf(date);
  return { key: `${year}-W${week}`, number: week, year };
}

/**
 * Activities per ISO week (Monday–Sunday) or calendar month from `start` to `end`, every bucket
 * present (zero when nothing was done), clipped to the range: the first and last week may be part
 * weeks. Days after `asOf` are not counted, but their buckets are kept so the time axis stays put.
 */
export function bucketTotals(days: readonly DailyTotal[], start: string, end: string, asOf: string, unit: BucketUnit): Bucket[] {
  const first = toDayNumber(start);
  const last = toDayNumber(end);
  const asOfDay = toDayNumber(asOf);
  const buckets: Bucket[] = [];
  const byKey = new Map<string, Bucket>();
  for (let day = first; day <= last; day++) {
    const { key, number, year } = bucketOf(day, unit);
    if (!byKey.has(key)) {
      const bucket: Bucket = { start: fromDayNumber(day), unit, number, year, quantity: 0 };
      byKey.set(key, bucket);
      buckets.push(bucket);
    }
  }
  for (const { date, quantity } of days) {
    const day = toDayNumber(date);
    if (day < first || day > last || day > asOfDay) continue;
    const bucket = byKey.get(bucketOf(day, unit).key);
    if (bucket) bucket.quantity += quantity;
  }
  return buckets;
}

export type TrendDirection = "up" | "down" | "flat";

export type Trend = {
  /** Activities per week for the last `weeks` weeks ending on the as-of date, oldest first. */
  weekly: number[];
  /** The last half of those weeks against the first half. */
  recent: number;
  previous: number;
  direction: TrendDirection;
};

/**
 * How a commitment's count is moving: the last `weeks` seven-day spans that end on the as-of date,
 * and whether the recent half did more or less than the half before it (within a tenth counts as flat).
 */
export function recentTrend(days: readonly DailyTotal[], asOf: string, weeks = 8): Trend {
  const asOfDay = toDayNumber(asOf);
  const firstDay = asOfDay - weeks * 7 + 1;
  const weekly = Array.from({ length: weeks }, () => 0);
  for (const { date, quantity } of days) {
    const day = toDayNumber(date);
    if (day < firstDay || day > asOfDay) continue;
    const index = Math.floor((day - firstDay) / 7);
    weekly[index] = (weekly[index] ?? 0) + quantity;
  }
  const half = Math.floor(weeks / 2);
  const previous = weekly.slice(0, half).reduce((sum, value) => sum + value, 0);
  const recent = weekly.slice(half).reduce((sum, value) => sum + value, 0);
  const margin = Math.max(1, 0.1 * Math.max(previous, recent));
  const direction: TrendDirection = recent - previous >= margin ? "up" : previous - recent >= margin ? "down" : "flat";
  return { weekly, recent, previous, direction };
}
