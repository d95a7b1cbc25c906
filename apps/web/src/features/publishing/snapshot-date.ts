/** Why a snapshot's as-of date cannot be used, as an i18n key under `publishing.snapshot`; null when it can. */
export type SnapshotDateProblem = "dateMissing" | "dateFuture" | "dateBeforeStart";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A snapshot freezes figures that exist: not of a day still to come (`today` in Europe/Stockholm)
 * and not of a day before the promise began. The API checks the same; this says it before sending.
 */
export function snapshotDateProblem(asOf: string, { today, start }: { today: string; start: string }): SnapshotDateProblem | null {
  if (!LOCAL_DATE.test(asOf)) return "dateMissing";
  if (asOf > today) return "dateFuture";
  if (asOf < start) return "dateBeforeStart";
  return null;
}

/** The form's first date: today, unless the promise has not started yet (then its first day). */
export function defaultSnapshotDate({ today, start }: { today: string; start: string }): string {
  return today < start ? start : today;
}
