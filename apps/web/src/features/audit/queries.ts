import type { AuditPage } from "@lofteskollen/contracts";
import { infiniteQueryOptions } from "@tanstack/react-query";
import { fetchJson } from "../../api/client";
import { type AuditFilters, auditApiPath } from "./audit-filters";

export const auditQueries = {
  all: () => ["audit"] as const,
  lists: () => [...auditQueries.all(), "list"] as const,
  /** The audit trail, newest first, narrowed to `filters`, one page per `nextCursor`. */
  list: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.lists(), filters] as const,
      queryFn: ({ pageParam, signal }) => fetchJson<AuditPage>(auditApiPath(filters, pageParam), { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage) => lastPage.nextCursor,
      // The trail grows with every request anyone makes: an admin looking at it wants it as it is now.
      staleTime: 0,
    }),
};
