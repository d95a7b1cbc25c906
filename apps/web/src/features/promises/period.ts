import type { PromiseSummary } from "@lofteskollen/contracts";

export type PeriodPhase = "ongoing" | "ended" | "upcoming";

type Period = Pick<PromiseSummary, "startDate" | "endDate">;

// Local dates as YYYY-MM-DD compare correctly as strings.
export function periodPhase(period: Period, today: string): PeriodPhase {
  if (today < period.startDate) return "upcoming";
  if (today > period.endDate) return "ended";
  return "ongoing";
}

/** A period Swedish style: "2024-02-27 – 2025-12-31". */
export function formatPeriod(period: Period): string {
  return `${period.startDate} – ${period.endDate}`;
}

/**
 * The promise the start page follows up: the first whose period contains today; else the one
 * that ended most recently; else (all upcoming) the one that starts first.
 */
export function pickFeaturedPromise<T extends Period>(promises: readonly T[], today: string): T | null {
  const ongoing = promises.find((promise) => periodPhase(promise, today) === "ongoing");
  if (ongoing) return ongoing;
  const ended = promises
    .filter((promise) => periodPhase(promise, today) === "ended")
    .toSorted((a, b) => b.endDate.localeCompare(a.endDate));
  if (ended[0]) return ended[0];
  return promises.toSorted((a, b) => a.startDate.localeCompare(b.startDate))[0] ?? null;
}
