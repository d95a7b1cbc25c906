import { isLocalDate } from "@lofteskollen/domain";

/**
 * What a dashboard page shows, as it stands in the page's address so that a view can be shared:
 * `?per=2024-12-31` ("as of", Swedish "per 31 december") and `?fonster=hela` / `?fonster=2024-01-01`.
 * Today and each commitment's current window are the defaults and are left out of the address.
 */
export type WindowChoice =
  /** Each commitment's current window (the one that contains the as-of date). */
  | { kind: "current" }
  /** The whole promise period. */
  | { kind: "period" }
  /** One window of the commitment's cadence, named by its first day. */
  | { kind: "window"; start: string };

export type ViewParams = { asOf: string; isToday: boolean; window: WindowChoice };

export const VIEW_PARAMS = { asOf: "per", window: "fonster" } as const;
const WHOLE_PERIOD = "hela";

/** The view an address asks for; what cannot be read (a typo, an old link) falls back to the default. */
export function readViewParams(params: URLSearchParams, today: string): ViewParams {
  const asOfParam = params.get(VIEW_PARAMS.asOf)?.trim() ?? "";
  const asOf = isLocalDate(asOfParam) ? asOfParam : today;
  const windowParam = params.get(VIEW_PARAMS.window)?.trim() ?? "";
  const window: WindowChoice =
    windowParam === WHOLE_PERIOD
      ? { kind: "period" }
      : isLocalDate(windowParam)
        ? { kind: "window", start: windowParam }
        : { kind: "current" };
  return { asOf, isToday: asOf === today, window };
}

/** `params` with the view written into it (other params kept), defaults left out. */
export function writeViewParams(
  params: URLSearchParams,
  view: { asOf?: string; window?: WindowChoice },
  today: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.asOf !== undefined) {
    if (view.asOf === today || !isLocalDate(view.asOf)) next.delete(VIEW_PARAMS.asOf);
    else next.set(VIEW_PARAMS.asOf, view.asOf);
  }
  if (view.window !== undefined) {
    if (view.window.kind === "current") next.delete(VIEW_PARAMS.window);
    else next.set(VIEW_PARAMS.window, view.window.kind === "period" ? WHOLE_PERIOD : view.window.start);
  }
  return next;
}

/** The window choice as one string, for a <select>'s value. */
export function windowChoiceValue(choice: WindowChoice): string {
  return choice.kind === "window" ? choice.start : choice.kind;
}

export function windowChoiceFromValue(value: string): WindowChoice {
  if (value === "period") return { kind: "period" };
  if (isLocalDate(value)) return { kind: "window", start: value };
  return { kind: "current" };
}

/** The part of the address that carries the view, to keep it when following a link ("?per=…"). */
export function viewSearch(params: URLSearchParams, { keepWindow }: { keepWindow: boolean }): string {
  const kept = new URLSearchParams();
  const asOf = params.get(VIEW_PARAMS.asOf);
  if (asOf) kept.set(VIEW_PARAMS.asOf, asOf);
  const window = params.get(VIEW_PARAMS.window);
  if (keepWindow && window === WHOLE_PERIOD) kept.set(VIEW_PARAMS.window, window);
  const search = kept.toString();
  return search ? `?${search}` : "";
}
