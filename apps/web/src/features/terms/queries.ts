import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";

export const termQueries = {
  all: () => ["terms"] as const,
  years: () => [...termQueries.all(), "year"] as const,
  /** The terms of one year: those entered, else the default rule's. */
  year: (year: number) =>
    queryOptions({
      queryKey: [...termQueries.years(), year] as const,
      queryFn: ({ signal }) => api.terms.list(year, { signal }),
    }),
  /** Key of the write that replaces a year's terms. */
  replace: () => [...termQueries.all(), "replace"] as const,
};
