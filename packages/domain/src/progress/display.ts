import type { Status } from "./types";

/**
 * The display rules shared by every place that shows progress to people (the web app, the CSV
 * exports): which window explains a status, how exact targets become whole numbers, and the
 * Swedish words for the statuses.
 */

type WindowLike = { start: string; end: string };

/**
 * The window whose figures explain the commitment's status (SPEC §4): the current one; where no
 * window contains the date (between terms, after the period), the last that ended before it;
 * before the period, the first.
 */
export function displayWindow<W extends WindowLike>(commitment: { current: W | null; windows: readonly W[] }, asOf: string): W | null {
  if (commitment.current) return commitment.current;
  const ended = commitment.windows.filter((window) => window.end < asOf);
  return ended.at(-1) ?? commitment.windows[0] ?? null;
}

// Targets are exact floats (a pro-rated window gets e.g. 84.426…). Shown rounded up, so that
// reaching the shown number always means reaching the target; the tolerance keeps a float such as
// 200.00000000000003 from showing as 201.
const FLOAT_TOLERANCE = 1e-9;

/** A target (or expected count) as a whole number, rounded up. */
export function roundTargetUp(value: number): number {
  return Math.ceil(value - FLOAT_TOLERANCE);
}

/** A weekly pace to one decimal, rounded up, so that the pace shown is always enough. */
export function roundUpToTenth(value: number): number {
  return Math.ceil(value * 10 - FLOAT_TOLERANCE) / 10;
}

/** The statuses in plain Swedish, as the dashboard and the exports say them. */
export const STATUS_LABELS_SV = {
  behind: "Efter plan",
  missed: "Ej uppnått",
  at_risk: "Risk",
  on_track: "I fas",
  met: "Uppnått",
  upcoming: "Kommande",
  tracking: "Följs (utan mål)",
} as const satisfies Record<Status, string>;

/** The colour family a status is drawn in; never the only sign of it (see STATUS_LOOK). */
export type StatusTone = "good" | "warn" | "bad" | "neutral";

/**
 * Status is never told by colour alone: every status has an icon and a word; the tone only picks
 * the colour. Shared by the web app and the public pages, so both show a status the same way.
 */
export const STATUS_LOOK = {
  met: { icon: "✓", tone: "good" },
  on_track: { icon: "▲", tone: "good" },
  at_risk: { icon: "!", tone: "warn" },
  behind: { icon: "▼", tone: "bad" },
  missed: { icon: "✗", tone: "bad" },
  upcoming: { icon: "○", tone: "neutral" },
  tracking: { icon: "•", tone: "neutral" },
} as const satisfies Record<Status, { icon: string; tone: StatusTone }>;

/** Most urgent first: the order of the status summaries. */
export const STATUS_ORDER: readonly Status[] = ["behind", "missed", "at_risk", "on_track", "met", "upcoming", "tracking"];
