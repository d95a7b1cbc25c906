import type { PromiseProgress } from "@lofteskollen/contracts";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "../../api/client";

export const progressQueries = {
  all: () => ["progress"] as const,
  promises: () => [...progressQueries.all(), "promise"] as const,
  /** A promise's progress as it looked on `asOf` (YYYY-MM-DD, Europe/Stockholm). */
  promise: (promiseId: number, asOf: string) =>
    queryOptions({
      queryKey: [...progressQueries.promises(), promiseId, { asOf }] as const,
      queryFn: ({ signal }) =>
        fetchJson<PromiseProgress>(`/api/promises/${promiseId}/progress?asOf=${encodeURIComponent(asOf)}`, { signal }),
    }),
};
