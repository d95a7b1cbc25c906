import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";

export const progressQueries = {
  all: () => ["progress"] as const,
  /** Every promise's commitments counted per status, as of `asOf`: the overview's cards. */
  summary: (asOf: string) =>
    queryOptions({
      queryKey: [...progressQueries.all(), "summary", { asOf }] as const,
      queryFn: ({ signal }) => api.progress.summary(asOf, { signal }),
    }),
  promises: () => [...progressQueries.all(), "promise"] as const,
  /** A promise's progress as it looked on `asOf` (YYYY-MM-DD, Europe/Stockholm). */
  promise: (promiseId: number, asOf: string) =>
    queryOptions({
      queryKey: [...progressQueries.promises(), promiseId, { asOf }] as const,
      queryFn: ({ signal }) => api.promises.progress(promiseId, asOf, { signal }),
    }),
  /** Per commitment and day, what was done up to `asOf`: what the charts draw. */
  dailyTotals: (promiseId: number, asOf: string) =>
    queryOptions({
      queryKey: [...progressQueries.promises(), promiseId, "daily-totals", { asOf }] as const,
      queryFn: ({ signal }) => api.promises.dailyTotals(promiseId, asOf, { signal }),
    }),
};
