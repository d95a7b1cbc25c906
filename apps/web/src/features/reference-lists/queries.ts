import { queryOptions } from "@tanstack/react-query";
import { api, type ReferenceList } from "../../api/endpoints";

export const referenceQueries = {
  all: () => ["reference"] as const,
  /** Organisations or areas, with their counts. */
  list: <L extends ReferenceList>(list: L) =>
    queryOptions({
      queryKey: [...referenceQueries.all(), list] as const,
      queryFn: ({ signal }) => api.reference.list(list, { signal }),
    }),
};
