import type { LocalDate } from "../calendar/local-date";

export const CADENCES = ["period", "year", "term", "month"] as const;
export type Cadence = (typeof CADENCES)[number];

export const STATUSES = ["tracking", "met", "missed", "upcoming", "on_track", "at_risk", "behind"] as const;
export type Status = (typeof STATUSES)[number];

/** A named date range of the term calendar ("vt 2024"), both ends inclusive. */
export type Term = { name: string; start: LocalDate; end: LocalDate };

/** The promise period, both ends inclusive local dates. */
export type Period = { start: LocalDate; end: LocalDate };

/** Sum of the quantities of a commitment's non-voided activities on one local date. */
export type DailyTotal = { date: LocalDate; quantity: number };

/** SPEC §3 "Per window" and "As of a date D". Numbers are exact (not rounded). */
export type ProgressWindow = {
  start: LocalDate;
  end: LocalDate;
  coveredDays: number;
  fullDays: number;
  target: number | null;
  actual: number;
  elapsedDays: number;
  expectedToDate: number | null;
  status: Status;
  forecast: number | null;
  neededPerWeek: number | null;
};

export type CommitmentProgressInput = {
  period: Period;
  /** Positive integer, or null when the commitment has no numeric goal. */
  target: number | null;
  cadence: Cadence;
  /** The term calendar; only used by the `term` cadence. */
  terms: readonly Term[];
  /** Daily totals in any order; dates outside the period are ignored. */
  dailyTotals: readonly DailyTotal[];
  asOf: LocalDate;
};

export type CommitmentProgress = {
  status: Status;
  current: ProgressWindow | null;
  total: { target: number | null; actual: number };
  windows: ProgressWindow[];
};
