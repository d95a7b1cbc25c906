import type { Status } from "./types";

/** Below this share of the linear pace a current window is `behind` rather than `at_risk` (SPEC §3). */
export const AT_RISK_SHARE = 0.75;

export type WindowStatusInput = {
  /** The window's (pro-rated) target, or null when the commitment has no numeric goal. */
  target: number | null;
  actual: number;
  /** Null exactly when `target` is. */
  expectedToDate: number | null;
  /** The window's last day is before the as-of date. */
  endedBeforeAsOf: boolean;
  /** The window's first day is after the as-of date. */
  startsAfterAsOf: boolean;
};

/** The status of one window, SPEC §3; the rules apply in this order, the first that holds wins. */
export function windowStatus(input: WindowStatusInput): Status {
  const { target, actual, expectedToDate } = input;
  if (target === null || expectedToDate === null) return "tracking";
  if (actual >= target) return "met";
  if (input.endedBeforeAsOf) return "missed";
  if (input.startsAfterAsOf) return "upcoming";
  if (actual >= expectedToDate) return "on_track";
  if (actual >= AT_RISK_SHARE * expectedToDate) return "at_risk";
  return "behind";
}

/**
 * How well a window is doing, for comparing statuses: more done never gives a lower rank.
 * `missed` and `behind` share the bottom because either can turn into `met` by more activities.
 * `upcoming` and `tracking` are not on the pace scale at all (nothing is due yet, or nothing is
 * promised), hence null.
 */
export const STATUS_RANK = {
  missed: 0,
  behind: 0,
  at_risk: 1,
  on_track: 2,
  met: 3,
  upcoming: null,
  tracking: null,
} as const satisfies Record<Status, number | null>;
