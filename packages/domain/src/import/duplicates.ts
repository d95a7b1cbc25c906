import type { LocalDate } from "../calendar/local-date";

/** What makes two activities the same line of a list: everything a coordinator writes on it. */
export type ActivityFingerprintInput = {
  commitmentId: number;
  localDate: LocalDate;
  quantity: number;
  organisationId: number | null;
  place: string | null;
  note: string | null;
};

/**
 * A key equal for two activities exactly when their commitment, local date, quantity,
 * organisation, place and note are (the time of day and who logged it do not count: a re-import
 * of a file whose dates gained a time is still the same list).
 */
export function activityFingerprint(a: ActivityFingerprintInput): string {
  // JSON keeps the fields apart whatever the free text holds.
  return JSON.stringify([a.commitmentId, a.localDate, a.quantity, a.organisationId, a.place, a.note]);
}

/**
 * Which rows of an import already exist. A paper list may hold two identical lines (two equal
 * meetings on one day), so identical rows are counted, not merged: the n-th row with a
 * fingerprint is a duplicate when at least n stored activities have it, and then it is a
 * duplicate of the n-th of them (oldest first). Importing a file creates each row once;
 * importing it again finds every row stored and creates nothing.
 *
 * `rows`: each row's fingerprint, or null for a row that is not checked (it has errors).
 * `existing`: the ids of stored activities per fingerprint, oldest first.
 * Returns, per row, the id of the activity it duplicates, or null for a new one.
 */
export function matchDuplicates(
  rows: readonly (string | null)[],
  existing: ReadonlyMap<string, readonly number[]>,
): (number | null)[] {
  const seen = new Map<string, number>();
  return rows.map((key) => {
    if (key === null) return null;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return existing.get(key)?.[n] ?? null;
  });
}
