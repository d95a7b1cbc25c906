import { toDayNumber } from "../calendar/local-date";
import { windowStatus } from "./status";
import type { CommitmentProgress, Period, ProgressWindow } from "./types";

/**
 * The whole promise period seen as one window, for "hela perioden" views: the sum of the cadence
 * windows' targets and of their pace (so a term commitment's pace stands still over the summer
 * break), the period's actual (SPEC §3 total, which counts the days between terms too), and
 * forecast and weekly need by the same rules as a window (SPEC §3), over the period's days.
 */
export function wholePeriodWindow(
  progress: Pick<CommitmentProgress, "total" | "windows">,
  period: Period,
  asOf: string,
): ProgressWindow {
  const start = toDayNumber(period.start);
  const end = toDayNumber(period.end);
  const asOfDay = toDayNumber(asOf);
  const coveredDays = end - start + 1;
  const elapsedDays = Math.min(coveredDays, Math.max(0, asOfDay - start + 1));
  const { target, actual } = progress.total;
  const expectedToDate = target === null ? null : progress.windows.reduce((sum, w) => sum + (w.expectedToDate ?? 0), 0);
  const endedBeforeAsOf = end < asOfDay;
  const startsAfterAsOf = start > asOfDay;
  const isCurrent = !endedBeforeAsOf && !startsAfterAsOf;
  const status = windowStatus({ target, actual, expectedToDate, endedBeforeAsOf, startsAfterAsOf });
  const remainingDays = coveredDays - elapsedDays;
  return {
    start: period.start,
    end: period.end,
    coveredDays,
    fullDays: coveredDays,
    target,
    actual,
    elapsedDays,
    expectedToDate,
    status,
    forecast: target !== null && isCurrent ? (actual * coveredDays) / elapsedDays : null,
    neededPerWeek:
      target !== null && isCurrent && status !== "met" && remainingDays > 0 ? (target - actual) / (remainingDays / 7) : null,
  };
}
