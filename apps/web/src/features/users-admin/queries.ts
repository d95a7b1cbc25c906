import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";
import { tokenQueries } from "../tokens/queries";

/** Users administration (admins): the users, one user, their sessions and their API keys. */
export const usersAdminQueries = {
  all: () => ["users-admin"] as const,
  list: () =>
    queryOptions({
      queryKey: [...usersAdminQueries.all(), "list"] as const,
      queryFn: ({ signal }) => api.users.list({ signal }),
    }),
  user: (userId: number) => [...usersAdminQueries.all(), "user", userId] as const,
  detail: (userId: number) =>
    queryOptions({
      queryKey: [...usersAdminQueries.user(userId), "detail"] as const,
      queryFn: ({ signal }) => api.users.detail(userId, { signal }),
    }),
  sessions: (userId: number) =>
    queryOptions({
      queryKey: [...usersAdminQueries.user(userId), "sessions"] as const,
      queryFn: ({ signal }) => api.users.sessions(userId, { signal }),
    }),
  /**
   * The user's API keys. Under the keys of the tokens feature on purpose: its list (reused here)
   * refreshes `tokenQueries.all()` after a revoke, and that includes these.
   */
  tokens: (userId: number) =>
    queryOptions({
      queryKey: [...tokenQueries.all(), "user", userId] as const,
      queryFn: ({ signal }) => api.users.tokens(userId, { signal }),
    }),
};
