import type { PromiseSummary, StatusCounts } from "@lofteskollen/contracts";
import { STATUS_ORDER, type Status } from "../progress/format";

export type PromiseCardModel = PromiseSummary & {
  /** null while the counts load, or when they could not be loaded. */
  statusCounts: StatusCounts | null;
};

export type OverviewFilters = { area: string | null; status: Status | null };

export const OVERVIEW_PARAMS = { area: "omrade", status: "status" } as const;

const isStatus = (value: string): value is Status => (STATUS_ORDER as readonly string[]).includes(value);

export function readOverviewFilters(params: URLSearchParams): OverviewFilters {
  const area = params.get(OVERVIEW_PARAMS.area)?.trim() || null;
  const status = params.get(OVERVIEW_PARAMS.status)?.trim() ?? "";
  return { area, status: isStatus(status) ? status : null };
}

export function writeOverviewFilters(params: URLSearchParams, filters: OverviewFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ["area", "status"] as const) {
    const value = filters[key];
    if (value) next.set(OVERVIEW_PARAMS[key], value);
    else next.delete(OVERVIEW_PARAMS[key]);
  }
  return next;
}

/** The areas to filter by, once each, in Swedish alphabetical order. */
export function areasOf(promises: readonly Pick<PromiseSummary, "area">[]): string[] {
  return [...new Set(promises.map((promise) => promise.area))].sort((a, b) => a.localeCompare(b, "sv"));
}

/**
 * Worst first: the promise with more commitments behind plan comes first; equal there, more
 * missed; then at risk, and so on down the status order. Among equals, the period that ends
 * last first (the one still running before the one long over), then by title.
 */
export function compareWorstFirst(a: PromiseCardModel, b: PromiseCardModel): number {
  for (const status of STATUS_ORDER) {
    const difference = (b.statusCounts?.[status] ?? 0) - (a.statusCounts?.[status] ?? 0);
    if (difference !== 0) return difference;
  }
  return b.endDate.localeCompare(a.endDate) || a.title.localeCompare(b.title, "sv");
}

/** The promise cards to show: those matching the filters, worst first. */
export function overviewCards(cards: readonly PromiseCardModel[], filters: OverviewFilters): PromiseCardModel[] {
  return cards
    .filter((card) => filters.area === null || card.area === filters.area)
    .filter((card) => filters.status === null || (card.statusCounts?.[filters.status] ?? 0) > 0)
    .toSorted(compareWorstFirst);
}

/** Where today lies in a period, 0–1, for the marker on the card's timeline; null outside it. */
export function shareOfPeriodElapsed(period: Pick<PromiseSummary, "startDate" | "endDate">, asOf: string): number | null {
  if (asOf < period.startDate || asOf > period.endDate) return null;
  const start = Date.parse(`${period.startDate}T00:00:00Z`);
  const end = Date.parse(`${period.endDate}T00:00:00Z`);
  const day = Date.parse(`${asOf}T00:00:00Z`);
  return end === start ? 1 : (day - start) / (end - start);
}
