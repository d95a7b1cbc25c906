import type { CommitmentProgress, ProgressWindow } from "@lofteskollen/contracts";
import { roundTargetUp, roundUpToTenth, STATUS_LOOK, STATUS_ORDER, type StatusTone } from "@lofteskollen/domain";

export { displayWindow, roundTargetUp } from "@lofteskollen/domain";

export type Status = CommitmentProgress["status"];
export type Cadence = CommitmentProgress["cadence"];

/** A translation function: i18next's `t`, narrowed to what these helpers use. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The i18next language code → the locale for numbers and month names. */
export function localeOf(language: string): string {
  return language.startsWith("en") ? "en-GB" : "sv-SE";
}

/**
 * Status is never told by colour alone: every status has an icon and a text (i18n key
 * `status.<status>`); `tone` only picks the colour (STATUS_LOOK, shared with the public pages).
 */
export type Tone = StatusTone;

export { STATUS_ORDER };

export function statusLook(status: Status): { icon: string; tone: Tone; labelKey: string } {
  return { ...STATUS_LOOK[status], labelKey: `status.${status}` };
}

/** A count as a whole number in the locale's format ("3 500" in Swedish). */
export function formatCount(value: number, locale: string): string {
  return countFormat(locale).format(Math.round(value));
}

// One formatter per locale: building one is costly, and charts format every tick with it.
const countFormats = new Map<string, Intl.NumberFormat>();
function countFormat(locale: string): Intl.NumberFormat {
  let format = countFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    countFormats.set(locale, format);
  }
  return format;
}

/** A target rounded up, in the locale's format. */
export function formatTarget(value: number, locale: string): string {
  return formatCount(roundTargetUp(value), locale);
}

/**
 * The pace needed per week: one decimal below 10 ("0,4", "3,8"), whole numbers above; rounded
 * up either way, so the pace shown is always enough.
 */
export function formatPerWeek(value: number, locale: string): string {
  if (value < 10) return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(roundUpToTenth(value));
  return formatCount(roundTargetUp(value), locale);
}

/** What is left to reach a window's target, as a whole number (0 when reached). */
export function remainingToTarget(window: Pick<ProgressWindow, "target" | "actual">): number | null {
  if (window.target === null) return null;
  return Math.max(0, roundTargetUp(window.target) - window.actual);
}

function parseLocalDate(date: string): { year: number; month: number } {
  const [year = Number.NaN, month = Number.NaN] = date.split("-").map(Number);
  return { year, month };
}

/**
 * The name of the window a commitment is measured over: "2026", "ht 2026", "november 2026",
 * "hela perioden". Terms are named by when they start (the term calendar puts vt in the
 * spring, ht from August).
 */
export function windowLabel(cadence: Cadence, window: Pick<ProgressWindow, "start">, t: Translate, locale: string): string {
  const { year, month } = parseLocalDate(window.start);
  switch (cadence) {
    case "period":
      return t("window.period");
    case "year":
      return String(year);
    case "term":
      return t(month <= 7 ? "window.springTerm" : "window.autumnTerm", { year });
    case "month":
      return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(Date.UTC(year, month - 1, 1)),
      );
  }
}

/** How many commitments have each status, most urgent first; statuses nobody has are left out. */
export function countByStatus(commitments: readonly Pick<CommitmentProgress, "status">[]): { status: Status; count: number }[] {
  return STATUS_ORDER.map((status) => ({
    status,
    count: commitments.filter((commitment) => commitment.status === status).length,
  })).filter((entry) => entry.count > 0);
}

/** Share of the target reached, 0–1 (capped), for the progress bar; null without a target. */
export function shareOfTarget(value: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.min(1, Math.max(0, value / target));
}
