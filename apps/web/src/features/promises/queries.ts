import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";

export const promiseQueries = {
  all: () => ["promises"] as const,
  lists: () => [...promiseQueries.all(), "list"] as const,
  list: () =>
    queryOptions({
      queryKey: promiseQueries.lists(),
      queryFn: ({ signal }) => api.promises.list({ signal }),
    }),
  details: () => [...promiseQueries.all(), "detail"] as const,
  detail: (promiseId: number) =>
    queryOptions({
      queryKey: [...promiseQueries.details(), promiseId] as const,
      queryFn: ({ signal }) => api.promises.detail(promiseId, { signal }),
    }),
};
