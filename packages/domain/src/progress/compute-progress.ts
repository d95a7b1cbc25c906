import type { LocalDate } from "../calendar/local-date";
import { compareLocalDates, toDayNumber } from "../calendar/local-date";
import { windowStatus } from "./status";
import type {
  CommitmentProgress,
  CommitmentProgressInput,
  DailyTotal,
  ProgressWindow,
  Status,
} from "./types";
import type { CadenceWindow } from "./windows";
import { splitPeriodIntoWindows } from "./windows";

/**
 * Progress of one commitment as of `input.asOf` (SPEC §3), with the commitment-level status of
 * SPEC §4. Numbers are exact; rounding is for the UI.
 *
 * Runs in O(period days + daily totals + windows) with day numbers and one array of cumulative
 * sums, because the API computes every commitment of a promise on each progress request.
 */
export function computeCommitmentProgress(input: CommitmentProgressInput): CommitmentProgress {
  const { period, target, cadence, terms, dailyTotals, asOf } = input;
  const spans = splitPeriodIntoWindows(period, cadence, terms);
  const periodStart = toDayNumber(period.start);
  const periodEnd = toDayNumber(period.end);
  const asOfDay = toDayNumber(asOf);
  const sumOfDays = cumulativeSums(dailyTotals, periodStart, Math.min(periodEnd, asOfDay));

  const windows = spans.map((span) =>
    windowProgress(span, target, asOfDay, sumOfDays(span.startDay, Math.min(span.endDay, asOfDay))),
  );
  const total = {
    target: target === null ? null : windows.reduce((sum, window) => sum + (window.target ?? 0), 0),
    actual: sumOfDays(periodStart, Math.min(periodEnd, asOfDay)),
  };

  const currentIndex = spans.findIndex((span) => span.startDay <= asOfDay && asOfDay <= span.endDay);
  const current = currentIndex === -1 ? null : (windows[currentIndex] ?? null);
  return {
    status: current?.status ?? statusWithoutCurrentWindow(spans, windows, asOfDay, periodStart, target),
    current,
    total,
    windows,
  };
}

/**
 * SPEC §4: where no window contains the as-of date, the last window that ended before it speaks
 * for the commitment; before any window has ended (before the period, or before the first term
 * of a period that starts in a break) the first window does.
 *
 * A period can have no window at all (cadence `term`, a period entirely in a summer break): the
 * SPEC is silent, and borrowing the `period` rules would invent a target nobody promised for those
 * days. Such a commitment is `upcoming` before its period (when it has a target) and otherwise
 * `tracking`: it counts its activities (in `total.actual`) but has no pace to keep.
 */
function statusWithoutCurrentWindow(
  spans: readonly CadenceWindow[],
  windows: readonly ProgressWindow[],
  asOfDay: number,
  periodStart: number,
  target: number | null,
): Status {
  let chosen = windows[0];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (span !== undefined && span.endDay < asOfDay) chosen = windows[i];
  }
  if (chosen !== undefined) return chosen.status;
  return target !== null && asOfDay < periodStart ? "upcoming" : "tracking";
}

function windowProgress(
  span: CadenceWindow,
  commitmentTarget: number | null,
  asOfDay: number,
  actual: number,
): ProgressWindow {
  const { start, end, coveredDays, fullDays } = span;
  const elapsedDays = Math.min(coveredDays, Math.max(0, asOfDay - span.startDay + 1));
  const isCurrent = span.startDay <= asOfDay && asOfDay <= span.endDay;
  const endedBeforeAsOf = span.endDay < asOfDay;
  const startsAfterAsOf = span.startDay > asOfDay;

  if (commitmentTarget === null) {
    return {
      start,
      end,
      coveredDays,
      fullDays,
      target: null,
      actual,
      elapsedDays,
      expectedToDate: null,
      status: windowStatus({ target: null, actual, expectedToDate: null, endedBeforeAsOf, startsAfterAsOf }),
      forecast: null,
      neededPerWeek: null,
    };
  }

  const target = (commitmentTarget * coveredDays) / fullDays;
  // The SPEC's target × elapsedDays / coveredDays, with the pro-rating folded in so that it is
  // rounded once: a fully elapsed window then expects exactly its target, not a hair above it.
  const expectedToDate = (commitmentTarget * elapsedDays) / fullDays;
  const status = windowStatus({ target, actual, expectedToDate, endedBeforeAsOf, startsAfterAsOf });
  const remainingDays = coveredDays - elapsedDays;
  return {
    start,
    end,
    coveredDays,
    fullDays,
    target,
    actual,
    elapsedDays,
    expectedToDate,
    status,
    // A current window has at least one elapsed day (the as-of date itself), so no division by zero.
    forecast: isCurrent ? (actual * coveredDays) / elapsedDays : null,
    neededPerWeek:
      isCurrent && status !== "met" && remainingDays > 0 ? (target - actual) / (remainingDays / 7) : null,
  };
}

/**
 * Sum of the daily totals of the days `from`..`to` (day numbers, inclusive), for any range inside
 * `firstDay`..`lastDay`; days outside that range never count. Built in one pass over the totals.
 */
function cumulativeSums(
  dailyTotals: readonly DailyTotal[],
  firstDay: number,
  lastDay: number,
): (from: number, to: number) => number {
  if (lastDay < firstDay) return () => 0;
  // cumulative[i] = sum of the days before firstDay + i.
  const cumulative = new Float64Array(lastDay - firstDay + 2);
  for (const { date, quantity } of dailyTotals) {
    const day = toDayNumber(date);
    if (day >= firstDay && day <= lastDay) {
      const index = day - firstDay + 1;
      cumulative[index] = (cumulative[index] ?? 0) + quantity;
    }
  }
  for (let i = 1; i < cumulative.length; i++) {
    cumulative[i] = (cumulative[i] ?? 0) + (cumulative[i - 1] ?? 0);
  }
  return (from, to) => {
    const first = Math.max(from, firstDay);
    const last = Math.min(to, lastDay);
    if (last < first) return 0;
    return (cumulative[last - firstDay + 1] ?? 0) - (cumulative[first - firstDay] ?? 0);
  };
}

/** Daily totals of a commitment's activities: the quantities of the non-voided ones, summed per local date, in date order. */
export function dailyTotalsFromActivities(
  activities: readonly { localDate: LocalDate; quantity: number; voided: boolean }[],
): DailyTotal[] {
  const byDate = new Map<LocalDate, number>();
  for (const { localDate, quantity, voided } of activities) {
    if (!voided) byDate.set(localDate, (byDate.get(localDate) ?? 0) + quantity);
  }
  return [...byDate]
    .sort(([a], [b]) => compareLocalDates(a, b))
    .map(([date, quantity]) => ({ date, quantity }));
}
