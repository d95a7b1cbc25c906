import type { PromiseDetail, PromiseSummary } from "@lofteskollen/contracts";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "../../api/client";

export const promiseQueries = {
  all: () => ["promises"] as const,
  lists: () => [...promiseQueries.all(), "list"] as const,
  list: () =>
    queryOptions({
      queryKey: promiseQueries.lists(),
      queryFn: ({ signal }) => fetchJson<PromiseSummary[]>("/api/promises", { signal }),
    }),
  details: () => [...promiseQueries.all(), "detail"] as const,
  detail: (promiseId: number) =>
    queryOptions({
      queryKey: [...promiseQueries.details(), promiseId] as const,
      queryFn: ({ signal }) => fetchJson<PromiseDetail>(`/api/promises/${promiseId}`, { signal }),
    }),
};
