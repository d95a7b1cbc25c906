import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../../api/endpoints";
import { progressQueries } from "../progress/queries";
import { promiseQueries } from "../promises/queries";

/** The activity types a commitment may have (reference data: changes seldom). */
export const activityTypeQueries = {
  all: () => ["activity-types"] as const,
  list: () =>
    queryOptions({
      queryKey: activityTypeQueries.all(),
      queryFn: ({ signal }) => api.activityTypes.list({ signal }),
      staleTime: 10 * 60 * 1000,
    }),
};

/** Keys of the editor's writes, general to specific. */
export const promiseEditorKeys = {
  all: () => ["promise-editor"] as const,
  create: () => [...promiseEditorKeys.all(), "create"] as const,
  edit: (promiseId: number) => [...promiseEditorKeys.all(), "edit", promiseId] as const,
};

/**
 * After a promise was created or changed, fetch again what shows it: the list, the promise, its
 * progress and daily totals (a new target or cadence recomputes them) and the overview's counts.
 */
export function refreshAfterPromiseChange(queryClient: QueryClient, promiseId?: number): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: promiseQueries.lists() }),
    queryClient.invalidateQueries({ queryKey: [...progressQueries.all(), "summary"] }),
    ...(promiseId === undefined
      ? []
      : [
          queryClient.invalidateQueries({ queryKey: promiseQueries.detail(promiseId).queryKey }),
          queryClient.invalidateQueries({ queryKey: [...progressQueries.promises(), promiseId] }),
        ]),
  ]);
}
