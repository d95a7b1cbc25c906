import type { CreateActivityInput, ErrorIssue } from "@lofteskollen/contracts";
import { addDays, isLocalDate } from "@lofteskollen/domain";
import { mondayOf } from "../../app/iso-week";

export { mondayOf };
import type { LoggableCommitment } from "../quick-log/loggable";

/** A cell of the grid: one commitment on one day. */
export type CellKey = `${number}|${string}`;
export const cellKey = (commitmentId: number, date: string): CellKey => `${commitmentId}|${date}`;

/** The seven days of the week that starts on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The week asked for in the address (`?vecka=2026-11-16`, any day of it), else the current week. */
export function weekFromParam(value: string | null, today: string): string {
  return mondayOf(value && isLocalDate(value) ? value : today);
}

/** Whether something can be logged for `commitment` on `date`: inside its promise period, not in the future. */
export function isOpenDay(commitment: Pick<LoggableCommitment, "period">, date: string, today: string): boolean {
  return date >= commitment.period.start && date <= commitment.period.end && date <= today;
}

/** What a cell holds: empty (nothing to log), a whole number 1–10 000, or something that is not. */
export function parseCell(value: string): { kind: "empty" } | { kind: "count"; quantity: number } | { kind: "invalid" } {
  const text = value.trim();
  if (text === "" || text === "0") return { kind: "empty" };
  if (!/^\d{1,5}$/.test(text)) return { kind: "invalid" };
  const quantity = Number(text);
  return quantity >= 1 && quantity <= 10_000 ? { kind: "count", quantity } : { kind: "invalid" };
}

export type WeekBatch = {
  activities: CreateActivityInput[];
  /** The cell of each activity, in the same order: to put the API's refusals back where they belong. */
  cells: CellKey[];
  /** Cells that hold something other than a whole number 1–10 000. */
  invalid: CellKey[];
};

/**
 * The week's filled-in cells as one batch: one activity per cell with its count as the quantity,
 * dated that day, in the user's (first) organisation for the commitment.
 */
export function weekBatch(commitments: readonly LoggableCommitment[], days: readonly string[], values: ReadonlyMap<CellKey, string>): WeekBatch {
  const batch: WeekBatch = { activities: [], cells: [], invalid: [] };
  for (const commitment of commitments) {
    for (const date of days) {
      const key = cellKey(commitment.id, date);
      const cell = parseCell(values.get(key) ?? "");
      if (cell.kind === "invalid") batch.invalid.push(key);
      if (cell.kind !== "count") continue;
      batch.activities.push({
        commitmentId: commitment.id,
        occurredAt: date,
        quantity: cell.quantity,
        organisation: commitment.organisations[0] ?? null,
      });
      batch.cells.push(key);
    }
  }
  return batch;
}

/** The API's refusals of a batch (`activities.3.quantity`), by the cell they concern. */
export function refusalsByCell(issues: readonly ErrorIssue[], cells: readonly CellKey[]): Map<CellKey, string[]> {
  const byCell = new Map<CellKey, string[]>();
  for (const issue of issues) {
    const match = /^activities\.(\d+)\./.exec(issue.path);
    const cell = match ? cells[Number(match[1])] : undefined;
    if (!cell) continue;
    byCell.set(cell, [...(byCell.get(cell) ?? []), issue.message]);
  }
  return byCell;
}
