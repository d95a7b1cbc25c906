import type { CommitmentProgress, ProgressWindow } from "@lofteskollen/contracts";
import { wholePeriodWindow } from "@lofteskollen/domain";
import { displayWindow, type Status, type Translate, windowLabel } from "../progress/format";
import type { WindowChoice } from "./view-params";

export type Period = { start: string; end: string };

export type ChosenWindow = {
  window: ProgressWindow;
  /** Which kind of window is shown: it decides the words ("förväntat hittills", "vid årets slut"). */
  kind: "current" | "period" | "window";
  /** The window contains the as-of date (pace, forecast and weekly need apply). */
  isRunning: boolean;
  /**
   * The status to show: for the current window the commitment's own (SPEC §4, which also covers
   * the days between terms), for a chosen window or the whole period that window's.
   */
  status: Status;
};

/**
 * The window of `commitment` that the view asks for: its current one (or, outside every window,
 * the one whose status speaks for it, SPEC §4), the whole period, or a named window (falling back
 * to the current one when the commitment has no window starting that day).
 */
export function chosenWindow(
  commitment: Pick<CommitmentProgress, "current" | "windows" | "total" | "cadence" | "status">,
  choice: WindowChoice,
  period: Period,
  asOf: string,
): ChosenWindow | null {
  if (choice.kind === "period" || (commitment.cadence === "period" && choice.kind !== "current")) {
    const window = wholePeriodWindow(commitment, period, asOf);
    return { window, kind: "period", isRunning: isRunning(window, asOf), status: window.status };
  }
  if (choice.kind === "window") {
    const window = commitment.windows.find((candidate) => candidate.start === choice.start);
    if (window) return { window, kind: "window", isRunning: isRunning(window, asOf), status: window.status };
  }
  const window = displayWindow(commitment, asOf);
  return window ? { window, kind: "current", isRunning: isRunning(window, asOf), status: commitment.status } : null;
}

function isRunning(window: Pick<ProgressWindow, "start" | "end">, asOf: string): boolean {
  return window.start <= asOf && asOf <= window.end;
}

export type WindowOption = { value: string; label: string };

/**
 * What the window selector offers for one commitment: its current window, each window of its
 * cadence by name (år, termin or månad), and the whole period. A `period` commitment has just one.
 */
export function windowOptions(
  commitment: Pick<CommitmentProgress, "windows" | "cadence">,
  t: Translate,
  locale: string,
): WindowOption[] {
  if (commitment.cadence === "period") return [{ value: "current", label: capitalise(t("window.period")) }];
  return [
    { value: "current", label: t(`timeTravel.current.${commitment.cadence}`) },
    ...commitment.windows.map((window) => ({
      value: window.start,
      label: capitalise(windowLabel(commitment.cadence, window, t, locale)),
    })),
    { value: "period", label: capitalise(t("window.period")) },
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase("sv") + text.slice(1);
}
