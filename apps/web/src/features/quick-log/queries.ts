import { useQueries, useQuery } from "@tanstack/react-query";
import { promiseQueries } from "../promises/queries";

/**
 * Every promise with its commitments: the list first, then each promise's details (a handful;
 * they are cached and shared with the dashboard's promise pages).
 */
export function usePromiseDetails() {
  const list = useQuery(promiseQueries.list());
  const details = useQueries({
    queries: (list.data ?? []).map((promise) => promiseQueries.detail(promise.id)),
    combine: (results) => ({
      data: results.flatMap((result) => (result.data ? [result.data] : [])),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.isError)?.error ?? null,
      refetch: () => Promise.all(results.map((result) => result.refetch())),
    }),
  });
  return {
    data: details.data,
    isPending: list.isPending || details.isPending,
    isError: list.isError || details.error !== null,
    error: list.error ?? details.error,
    refetch: () => void Promise.all([list.refetch(), details.refetch()]),
  };
}
