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
