import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";

export const ACTIVITY_PAGE_SIZE = 25;

export const commitmentQueries = {
  all: () => ["commitments"] as const,
  detail: (commitmentId: number) => [...commitmentQueries.all(), commitmentId] as const,
  /** Activities summed per organisation between two dates (a window, up to the as-of date). */
  organisations: (commitmentId: number, range: { from: string; to: string }) =>
    queryOptions({
      queryKey: [...commitmentQueries.detail(commitmentId), "organisations", range] as const,
      queryFn: ({ signal }) => api.commitments.organisations(commitmentId, range, { signal }),
    }),
  /** The lägesrapporter, for the timeline. */
  updates: (commitmentId: number) =>
    queryOptions({
      queryKey: [...commitmentQueries.detail(commitmentId), "updates"] as const,
      queryFn: ({ signal }) => api.commitments.updates(commitmentId, { signal }),
    }),
  /** Every activity, newest first, a page at a time (voided ones included). */
  activities: (commitmentId: number) =>
    infiniteQueryOptions({
      queryKey: [...commitmentQueries.detail(commitmentId), "activities", { limit: ACTIVITY_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        api.activities.list({ commitmentId, limit: ACTIVITY_PAGE_SIZE, cursor: pageParam }, { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
    }),
};
